// One exporter per `databases` entry of the environment: prometheus-community postgres_exporter for
// PostgreSQL, Percona mongodb_exporter for MongoDB. Each runs in its database's namespace (where the
// credentials Secret lives; a secretKeyRef cannot cross namespaces) and is scraped by the node-local
// Alloy of its node only (apps/alloy/module/databases.ts): one exporter, one scraper, one `job`.
import type { App } from '../types';
import type { Database, Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { checkDatabases } from '../../lib/env/database-check';
import {
  goMemLimit,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
} from '../../lib/k8s/workload';
import { image, type ImageName } from '../../lib/versions';
import { RenderError } from '../../render/pipeline/errors';
import { dbExporterMetrics } from './catalog';

/** `app.kubernetes.io/component` of every exporter pod: what the Alloy databases section keeps. */
export const EXPORTER_COMPONENT = 'database-exporter';
/** Pod label carrying the database's name: the `job` is `<namespace>/<database>`. */
export const DATABASE_LABEL = 'observability.talent-mesh.io/database';
/** Container port name the Alloy section scrapes. */
export const EXPORTER_PORT = 'metrics';

/** Both images are static Go binaries built to run as `nobody`. */
const NOBODY = 65534;

interface Engine {
  image: ImageName;
  port: number;
  /** Environment variable the exporter reads its connection string from; also the Secret key. */
  envVar: string;
  args: string[];
}

export const ENGINES: Record<Database['engine'], Engine> = {
  postgresql: {
    image: 'postgres-exporter',
    port: 9187,
    envVar: 'DATA_SOURCE_NAME',
    // The default collectors (database, stat_database, settings, …) are what the dashboard reads.
    args: ['--web.listen-address=:9187'],
  },
  mongodb: {
    image: 'mongodb-exporter',
    port: 9216,
    envVar: 'MONGODB_URI',
    // diagnosticdata is serverStatus (`mongodb_ss_*`: opcounters, connections, locks, memory).
    args: ['--web.listen-address=:9216', '--collector.diagnosticdata'],
  },
};

export function exporterName(db: Database): string {
  return `${db.name}-exporter`;
}

function exporterDeployment(env: Environment, db: Database): KubeObject {
  const engine = ENGINES[db.engine];
  const size = env.sizes.databaseExporter;
  const name = exporterName(db);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: db.namespace },
    spec: {
      // One exporter per database: a second replica would be a second scrape of the same database.
      replicas: 1,
      selector: { matchLabels: selectorLabels(name) },
      template: {
        metadata: {
          labels: { ...selectorLabels(name), 'app.kubernetes.io/component': EXPORTER_COMPONENT, [DATABASE_LABEL]: db.name },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(NOBODY),
          containers: [
            {
              name: db.engine === 'postgresql' ? 'postgres-exporter' : 'mongodb-exporter',
              image: image(engine.image),
              args: engine.args,
              ports: [{ name: EXPORTER_PORT, containerPort: engine.port, protocol: 'TCP' }],
              env: [
                // The connection string (with its password) lives only in the out-of-band Secret.
                { name: engine.envVar, valueFrom: { secretKeyRef: { name: db.credentials.name, key: engine.envVar } } },
                { name: 'GOMEMLIMIT', value: goMemLimit(size) },
              ],
              resources: resources(size),
              // A scrape of /metrics queries the database, so probes only check the port: the
              // database's health is a metric (pg_up, mongodb_up), not a reason to restart.
              readinessProbe: { tcpSocket: { port: EXPORTER_PORT }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
              livenessProbe: { tcpSocket: { port: EXPORTER_PORT }, initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 },
              securityContext: restrictedContainerSecurity(),
            },
          ],
        },
      },
    },
  };
}

/** The same errors as the environment loader, for callers that render an environment they built themselves. */
function databaseProblems(env: Environment): { path: string; message: string }[] {
  const missing = env.databases.flatMap((db, i) =>
    typeof db.credentials?.name === 'string' && db.credentials.name !== ''
      ? []
      : [{ path: `databases[${i}].credentials.name`, message: `database "${db.name}" has no credentials reference: name the Secret in namespace "${db.namespace}" (created out of band, never in Git) whose key ${ENGINES[db.engine]?.envVar ?? 'DATA_SOURCE_NAME or MONGODB_URI'} holds the exporter's connection string` }],
  );
  return [...missing, ...checkDatabases(env)];
}

export function renderDbExporters(env: Environment): KubeObject[] {
  const problems = databaseProblems(env);
  if (problems.length > 0) {
    throw new RenderError(`environments/${env.name}/env.ts: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  return env.databases.map((db) => exporterDeployment(env, db));
}

export const dbExporters: App = {
  name: 'db-exporters',
  description: 'postgres_exporter and mongodb_exporter, one per database the environment lists',
  enabled: (env) => env.databases.length > 0,
  render: renderDbExporters,
  externals: (env) => ({
    secrets: env.databases.map((db) => ({ namespace: db.namespace, name: db.credentials.name, keys: [ENGINES[db.engine].envVar] })),
    endpoints: [],
  }),
  metrics: dbExporterMetrics,
};
