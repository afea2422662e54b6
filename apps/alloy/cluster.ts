// The cluster collector: one Alloy pod for what belongs to the cluster rather than to a node
// (Kubernetes events, Probes, ServiceMonitor endpoints that no pod backs; apps/alloy/module/
// events.ts and operator.ts say why each must be read once). It imports the same module from Git
// as the DaemonSet and instantiates the module's `cluster` declare instead of `pipeline`.
//
// A StatefulSet of one, not a Deployment: a StatefulSet never starts a replacement pod before the
// old one is known to be gone (a Deployment does when a node stops answering), so two collectors
// never send the same events; and its volume keeps the event read position across restarts.
import type { Environment } from '../../lib/env/types';
import { servicePort } from '../../lib/endpoints';
import { configChecksum, configMapOf, type ConfigFile } from '../../lib/k8s/config-file';
import { dataClaimTemplate, httpProbe, listeningProbe } from '../../lib/k8s/stateful';
import type { KubeObject, PolicyRule } from '../../lib/k8s/types';
import { clusterAccess } from '../../lib/k8s/rbac';
import { CHECKSUM_ANNOTATION, goMemLimit, resources, restrictedContainerSecurity, restrictedPodSecurity, selectorLabels } from '../../lib/k8s/workload';
import { image } from '../../lib/versions';
import { bootstrapFile } from './bootstrap';
import { CLUSTER_ALLOY, CONFIG_DIR, DATA_DIR, ENV, hasClusterCollector } from './names';
import { gitCredentialEnv, runArgs } from './workload';
import { eventRules } from './module/events';
import { operatorRules } from './module/operator';
import { prometheusRuleRules } from './module/prometheus-rules';

/** The `alloy` user of the grafana/alloy image (its Dockerfile's UID), which owns /var/lib/alloy. */
const ALLOY_UID = 473;

/** What the cluster collector reads from the API, each rule from the section that needs it. */
export function clusterCollectorRules(env: Environment): PolicyRule[] {
  return [
    ...(env.collect.events ? eventRules() : []),
    ...(env.collect.prometheusOperator ? operatorRules('cluster') : []),
    ...(env.collect.prometheusRules ? prometheusRuleRules() : []),
  ];
}

function statefulSet(env: Environment, bootstrap: ConfigFile): KubeObject {
  const size = env.sizes.alloyCluster;
  const labels = selectorLabels(CLUSTER_ALLOY);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: CLUSTER_ALLOY },
    spec: {
      serviceName: CLUSTER_ALLOY,
      // One, always (lib/env/storage-check.ts): a second pod would send every event twice.
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: labels },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels, annotations: { [CHECKSUM_ANNOTATION]: configChecksum([bootstrap]) } },
        spec: {
          serviceAccountName: CLUSTER_ALLOY,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(ALLOY_UID),
          containers: [
            {
              name: 'alloy',
              image: image('alloy'),
              args: runArgs(bootstrap),
              env: [
                // The `instance` of its own metrics: the pod name, where the DaemonSet's is the node.
                { name: ENV.hostname, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                { name: 'GOMEMLIMIT', value: goMemLimit(size) },
                ...gitCredentialEnv(env),
              ],
              ports: [{ name: 'http', containerPort: servicePort('alloy', 'http'), protocol: 'TCP' }],
              readinessProbe: httpProbe('/-/ready', 'http', 10),
              livenessProbe: listeningProbe('http'),
              resources: resources(size),
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [
                { name: 'bootstrap', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'data', mountPath: DATA_DIR },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'bootstrap', configMap: { name: bootstrap.name } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
      // Its storage is required for alloyCluster (lib/env/storage-check.ts).
      volumeClaimTemplates: [dataClaimTemplate(size.storage!)],
    },
  };
}

/** Every object of the cluster collector, or none when the environment collects nothing cluster-wide. */
export function renderClusterCollector(env: Environment): KubeObject[] {
  if (!hasClusterCollector(env)) return [];
  const bootstrap = bootstrapFile(env, 'cluster');
  const access = clusterAccess(env.namespace, CLUSTER_ALLOY, clusterCollectorRules(env));
  return [
    access.serviceAccount,
    access.clusterRole,
    access.clusterRoleBinding,
    configMapOf(bootstrap),
    statefulSet(env, bootstrap),
  ];
}
