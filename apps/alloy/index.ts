// Grafana Alloy as a DaemonSet: OTLP from applications, this node's pod metrics and logs, the
// Pushgateway and the stack's own components, into Mimir, Loki and Tempo; and one cluster
// collector pod for events and Probes (cluster.ts). Their bootstrap ConfigMaps import the pipeline
// module that `files` renders into environments/<env>/alloy/ from Git.
import type { App, OwnedFile } from '../types';
import type { Environment } from '../../lib/env/types';
import { configMapOf } from '../../lib/k8s/config-file';
import { bootstrapFile } from './bootstrap';
import { GIT_SECRET, MODULE_DIR, MODULE_FILE } from './names';
import { moduleText } from './pipeline';
import { alloyAccess } from './rbac';
import { otlpService } from './service';
import { daemonSet } from './workload';
import { renderClusterCollector } from './cluster';
import { alloyMetrics } from './catalog';

export function renderAlloy(env: Environment) {
  const bootstrap = bootstrapFile(env);
  const access = alloyAccess(env);
  return {
    rbac: [access.serviceAccount, access.clusterRole, access.clusterRoleBinding],
    bootstrap: configMapOf(bootstrap),
    service: otlpService(),
    daemonSet: daemonSet(env, bootstrap),
    clusterCollector: renderClusterCollector(env),
  };
}

export function alloyFiles(env: Environment): OwnedFile[] {
  return [{ path: `${MODULE_DIR}/${MODULE_FILE}`, content: moduleText(env) }];
}

export const alloy: App = {
  name: 'alloy',
  description: 'Alloy DaemonSet (OTLP, node-local pod metrics and logs) and cluster collector (events, Probes), pipeline pulled from Git with import.git',
  render: renderAlloy,
  files: alloyFiles,
  // A private repository's credentials are made out of band (docs/instrumenting.md).
  externals: (env) => ({ secrets: env.git.private ? [{ namespace: env.namespace, name: GIT_SECRET, keys: ['password', 'username'] }] : [], endpoints: [] }),
  metrics: alloyMetrics,
};
