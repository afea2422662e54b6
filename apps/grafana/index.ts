// Grafana with its datasources and dashboards provisioned from this repository.
//
// Stateless on purpose: everything Grafana shows (datasources, dashboards, alert rules in Mimir)
// comes from Git, so its SQLite database on an emptyDir only holds sessions and preferences. That
// also makes the admin Secret authoritative: Grafana applies GF_SECURITY_ADMIN_PASSWORD only when
// it creates its database, which a stateless pod does on every start, so rotating the Secret and
// restarting takes effect. The price: logins end when a pod is replaced, and with more than one
// replica a session exists on one pod only, hence ClientIP affinity on the Service (an ingress in
// front needs sticky sessions as well, or Grafana an external database).
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { image } from '../../lib/versions';
import { containerPorts, serviceOf } from '../../lib/k8s/service';
import { httpProbe } from '../../lib/k8s/stateful';
import { configChecksum, configMapOf, type ConfigFile } from '../../lib/k8s/config-file';
import {
  CHECKSUM_ANNOTATION,
  goMemLimit,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
} from '../../lib/k8s/workload';
import { datasourcesFile, TRACES_TO_METRICS_QUERIES } from '../../lib/grafana/datasources';
import { DASHBOARDS, renderDashboards } from './dashboards/index';
import type { DashboardDefinition } from './dashboards/common';
import { checkCorrelationQueries, checkDashboards } from '../../lib/grafana/dashboard-check';
import { dashboardSites, type DashboardLike } from '../../lib/metrics/catalog-check';
import { serviceHealth } from './dashboards/service-health';
import { DASHBOARDS_DIR, dashboardProviderFile, folderMounts, type FolderMount } from './dashboard-configmaps';

/** Created out of band (never in Git) with keys `admin-user` and `admin-password`; see README.md. */
export const ADMIN_SECRET = 'grafana-admin';

/** The uid and gid the grafana/grafana image is built to run as. */
const GRAFANA_UID = 472;

interface Provisioning {
  datasources: ConfigFile;
  providers: ConfigFile;
}

function provisioningFiles(env: Environment): Provisioning {
  return {
    datasources: { name: 'grafana-datasources', fileName: 'lgtm.yaml', text: datasourcesFile(env) },
    providers: { name: 'grafana-dashboard-providers', fileName: 'lgtm.yaml', text: dashboardProviderFile() },
  };
}

const fromAdminSecret = (name: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: ADMIN_SECRET, key } },
});

function deployment(env: Environment, { datasources, providers }: Provisioning, folders: readonly FolderMount[]): KubeObject {
  const size = env.sizes.grafana;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'grafana' },
    spec: {
      replicas: size.replicas,
      selector: { matchLabels: selectorLabels('grafana') },
      template: {
        metadata: {
          labels: selectorLabels('grafana'),
          // Datasources are read only at start-up; dashboards are re-read live and need no restart.
          annotations: { [CHECKSUM_ANNOTATION]: configChecksum([datasources, providers]) },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(GRAFANA_UID),
          containers: [
            {
              name: 'grafana',
              image: image('grafana'),
              ports: containerPorts('grafana'),
              env: [
                fromAdminSecret('GF_SECURITY_ADMIN_USER', 'admin-user'),
                fromAdminSecret('GF_SECURITY_ADMIN_PASSWORD', 'admin-password'),
                { name: 'GF_ANALYTICS_REPORTING_ENABLED', value: 'false' },
                { name: 'GF_ANALYTICS_CHECK_FOR_UPDATES', value: 'false' },
                { name: 'GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES', value: 'false' },
                { name: 'GF_USERS_ALLOW_SIGN_UP', value: 'false' },
                // The root filesystem is read-only: log to stdout, not /var/log/grafana.
                { name: 'GF_LOG_MODE', value: 'console' },
                { name: 'GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH', value: `${DASHBOARDS_DIR}/${serviceHealth.folder}/${serviceHealth.uid}.json` },
                { name: 'GOMEMLIMIT', value: goMemLimit(size) },
              ],
              resources: resources(size),
              readinessProbe: httpProbe('/api/health', 'http', 10),
              // Generous, as in Grafana's chart: database migrations on start can take a while.
              // /healthz answers while the web server runs; /api/health also fails when the database
              // does (pkg/api/http_server.go), which is a reason to stop sending traffic, not to restart.
              livenessProbe: { ...httpProbe('/healthz', 'http', 60), timeoutSeconds: 30, failureThreshold: 10 },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/grafana' },
                // Plugin downloads are staged in /tmp.
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'datasources', mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
                { name: 'dashboard-providers', mountPath: '/etc/grafana/provisioning/dashboards', readOnly: true },
                ...folders.map((f) => f.mount),
              ],
            },
          ],
          volumes: [
            { name: 'data', emptyDir: {} },
            { name: 'tmp', emptyDir: {} },
            { name: 'datasources', configMap: { name: datasources.name } },
            { name: 'dashboard-providers', configMap: { name: providers.name } },
            ...folders.map((f) => f.volume),
          ],
        },
      },
    },
  };
}

function service(env: Environment): KubeObject {
  const svc = serviceOf('grafana');
  if (env.sizes.grafana.replicas > 1) {
    (svc.spec as Record<string, unknown>).sessionAffinity = 'ClientIP';
  }
  return svc;
}

function disruptionBudget(env: Environment): KubeObject | null {
  if (env.sizes.grafana.replicas < 2) return null;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'grafana' },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels('grafana') } },
  };
}

/** `definitions` is there for tests: the app renders every dashboard of apps/grafana/dashboards. */
export function renderGrafana(env: Environment, definitions: readonly DashboardDefinition[] = DASHBOARDS) {
  const dashboards = renderDashboards(env, definitions);
  const problems = [...checkDashboards(dashboards.map((d) => d.dashboard)), ...checkCorrelationQueries(TRACES_TO_METRICS_QUERIES)];
  if (problems.length > 0) {
    throw new Error(`grafana (${env.name}): ${problems.length} dashboard problem(s):\n  ${problems.join('\n  ')}`);
  }
  const files = provisioningFiles(env);
  const folders = folderMounts(dashboards);
  return {
    provisioning: [configMapOf(files.datasources), configMapOf(files.providers)],
    dashboards: folders.map((f) => f.configMap),
    deployment: deployment(env, files, folders),
    service: service(env),
    disruptionBudget: disruptionBudget(env),
  };
}

export const grafana: App = {
  name: 'grafana',
  description: 'Grafana with the Mimir, Loki and Tempo datasources correlated and the dashboards as code',
  render: (env) => renderGrafana(env),
  externals: (env) => ({ secrets: [{ namespace: env.namespace, name: ADMIN_SECRET, keys: ['admin-password', 'admin-user'] }], endpoints: [] }),
  metrics: () => ({ sources: [{ name: 'Grafana', names: [], prefixes: ['grafana_', 'go_', 'process_'] }], disabled: [] }),
  // The dashboards, their variables, and the Tempo datasource's related-metrics queries.
  querySites: (env) => [
    ...renderDashboards(env).flatMap((d) => dashboardSites(d.dashboard as unknown as DashboardLike)),
    ...TRACES_TO_METRICS_QUERIES.map((q) => ({ where: `Tempo datasource, related-metrics query "${q.name}"`, kind: 'promql' as const, query: q.query.replaceAll('$__tags', 'service="sample"') })),
  ],
};
