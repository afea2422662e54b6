// Pushgateway for batch jobs that cannot be scraped, chiefly the Trivy security scans. Pushed
// groups are persisted to an emptyDir: they survive a container restart, and a rescheduled pod
// starts empty until the next scan pushes again (Trivy pushes on every run).
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { image } from '../../lib/versions';
import { containerPorts, serviceOf } from '../../lib/k8s/service';
import { httpProbe } from '../../lib/k8s/stateful';
import {
  goMemLimit,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
} from '../../lib/k8s/workload';

/** `nobody`, the user the prom/* images are built to run as. */
const NOBODY = 65534;

export function renderPushgateway(env: Environment): { service: KubeObject; deployment: KubeObject } {
  const size = env.sizes.pushgateway;
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'pushgateway' },
    spec: {
      replicas: size.replicas,
      selector: { matchLabels: selectorLabels('pushgateway') },
      // Two pods would each hold a different half of the pushed groups; never run both at once.
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: selectorLabels('pushgateway') },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(NOBODY),
          containers: [
            {
              name: 'pushgateway',
              image: image('pushgateway'),
              args: ['--persistence.file=/data/pushgateway.db', '--persistence.interval=5m'],
              ports: containerPorts('pushgateway'),
              env: [{ name: 'GOMEMLIMIT', value: goMemLimit(size) }],
              resources: resources(size),
              readinessProbe: httpProbe('/-/ready', 'http', 5),
              livenessProbe: { ...httpProbe('/-/healthy', 'http', 10, 20), failureThreshold: 6 },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    },
  };
  return { service: serviceOf('pushgateway'), deployment };
}

export const pushgateway: App = {
  name: 'pushgateway',
  description: 'Pushgateway for batch and security (Trivy) metrics',
  render: renderPushgateway,
  // Trivy pushes its scan results (trivy-operator's metric names) to the Pushgateway.
  metrics: () => ({ sources: [{ name: 'Pushgateway', names: ['push_time_seconds', 'push_failure_time_seconds'], prefixes: ['pushgateway_', 'trivy_', 'go_', 'process_'] }], disabled: [] }),
};
