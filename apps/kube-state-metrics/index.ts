// kube-state-metrics: object state (nodes, pods, workloads, volumes) as metrics, for the Kubernetes
// Overview dashboard and the workload alerts. One replica in the stack namespace; the node-local
// Alloy of whichever node it runs on scrapes it (apps/alloy/module/cluster-state.ts), so it is
// scraped exactly once without a clustered scraper. The resources it exports and the RBAC it gets
// come from one table, so it can neither read what it does not export nor export what it cannot read.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { clusterAccess } from '../../lib/k8s/rbac';
import { httpProbe } from '../../lib/k8s/stateful';
import {
  goMemLimit,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
} from '../../lib/k8s/workload';
import { image } from '../../lib/versions';
import { ksmMetrics } from './catalog';

export const KSM = 'kube-state-metrics';

/** Container and Service ports, by name: the object metrics and kube-state-metrics' own. */
export const KSM_PORTS = { 'http-metrics': 8080, telemetry: 8081 } as const;
/** The port Alloy scrapes (the object metrics). */
export const KSM_METRICS_PORT = 'http-metrics';

/** `nobody`, the user the kube-state-metrics image is built to run as. */
const NOBODY = 65534;

export interface KsmResource {
  /** Name in `--resources`. */
  name: string;
  apiGroup: string;
  /** API resource the informer lists and watches. */
  resource: string;
}

/**
 * What kube-state-metrics exports, and nothing else: the dashboards and alerts read nodes, pods,
 * namespaces, the workload controllers (replicasets too: a pod's owner is one, and the mixins join
 * through it to the deployment) and volume claims. Secrets and configmaps are left out on purpose:
 * their metrics are rarely read and the informer would cache every Secret in memory.
 */
export const KSM_RESOURCES: readonly KsmResource[] = [
  { name: 'nodes', apiGroup: '', resource: 'nodes' },
  { name: 'namespaces', apiGroup: '', resource: 'namespaces' },
  { name: 'pods', apiGroup: '', resource: 'pods' },
  { name: 'persistentvolumeclaims', apiGroup: '', resource: 'persistentvolumeclaims' },
  { name: 'persistentvolumes', apiGroup: '', resource: 'persistentvolumes' },
  { name: 'deployments', apiGroup: 'apps', resource: 'deployments' },
  { name: 'replicasets', apiGroup: 'apps', resource: 'replicasets' },
  { name: 'statefulsets', apiGroup: 'apps', resource: 'statefulsets' },
  { name: 'daemonsets', apiGroup: 'apps', resource: 'daemonsets' },
  { name: 'jobs', apiGroup: 'batch', resource: 'jobs' },
  { name: 'cronjobs', apiGroup: 'batch', resource: 'cronjobs' },
];

/** One rule per API group, list and watch only: kube-state-metrics reads through informers. */
export function ksmRules(): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of KSM_RESOURCES) groups.set(r.apiGroup, [...(groups.get(r.apiGroup) ?? []), r.resource]);
  return [...groups].map(([group, res]) => ({ apiGroups: [group], resources: res, verbs: ['list', 'watch'] }));
}

function ports(): Record<string, unknown>[] {
  return Object.entries(KSM_PORTS).map(([name, containerPort]) => ({ name, containerPort, protocol: 'TCP' }));
}

export function renderKubeStateMetrics(env: Environment): Record<string, KubeObject> {
  const size = env.sizes.kubeStateMetrics;
  const labels = selectorLabels(KSM);
  return {
    ...clusterAccess(env.namespace, KSM, ksmRules()),
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: KSM },
      spec: {
        // Always one: two replicas would export every object twice (sharding is not worth it here).
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: KSM,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurity(NOBODY),
            containers: [
              {
                name: KSM,
                image: image('kube-state-metrics'),
                args: [
                  `--port=${KSM_PORTS['http-metrics']}`,
                  `--telemetry-port=${KSM_PORTS.telemetry}`,
                  `--resources=${KSM_RESOURCES.map((r) => r.name).join(',')}`,
                ],
                ports: ports(),
                env: [{ name: 'GOMEMLIMIT', value: goMemLimit(size) }],
                resources: resources(size),
                readinessProbe: httpProbe('/readyz', 'telemetry', 5),
                livenessProbe: httpProbe('/livez', 'http-metrics', 5, 20),
                securityContext: restrictedContainerSecurity(),
              },
            ],
          },
        },
      },
    },
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: KSM },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: Object.entries(KSM_PORTS).map(([p, port]) => ({ name: p, port, targetPort: p, protocol: 'TCP' })),
      },
    },
  };
}

export const kubeStateMetrics: App = {
  name: KSM,
  description: 'kube-state-metrics: Kubernetes object state for the Kubernetes Overview dashboard and workload alerts',
  render: renderKubeStateMetrics,
  metrics: () => ksmMetrics(KSM_RESOURCES.map((r) => r.name)),
};
