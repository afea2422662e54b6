import { checkEnvironment } from '../../lib/env/check';
import { shapeProblems } from '../../lib/env/shape';
import { defineEnvironment, defaults } from '../../environments/defaults';
import { COMPONENTS, type Environment } from '../../lib/env/types';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';

const base = () => defineEnvironment({ name: 'dev', cluster: { name: 'dev' } });
// As the loader checks: the specific checks, then the schema for any shape they do not describe.
const messages = (env: Environment) => {
  const described = checkEnvironment(env, 'dev');
  return [...described, ...shapeProblems(env, described.map((p) => p.path))].map((p) => `${p.path}: ${p.message}`);
};

describe('the shipped environments', () => {
  test.each([['dev', dev], ['staging', staging], ['prod', prod]] as const)('%s passes its load-time checks', (name, env) => {
    expect(checkEnvironment(env, name)).toEqual([]);
  });

  test('they really differ: revision, sync mode, storage, sizes and retention', () => {
    expect(new Set([dev, staging, prod].map((e) => e.git.revision)).size).toBe(3);
    expect(prod.sync.mode).toBe('manual');
    expect(dev.sync.mode).toBe('automated');
    expect(prod.storage.type).toBe('external');
    expect(dev.storage.type).toBe('minio');
    expect(prod.sizes.mimir.resources.requests.memory).not.toBe(dev.sizes.mimir.resources.requests.memory);
    expect(prod.retention.metrics).not.toBe(dev.retention.metrics);
  });

  test('overrides merge into the defaults; storage is replaced whole', () => {
    expect(staging.sizes.grafana).toEqual(defaults.sizes.grafana);
    expect(staging.sizes.mimir.replicas).toBe(1);
    expect(prod.storage).not.toHaveProperty('type', 'minio');
  });
});

describe('bad environment values name the field and the fix', () => {
  const cases: [string, (e: Environment) => void, string][] = [
    ['a retention with words', (e) => (e.retention.logs = '7 days'), 'retention.logs: "7 days" is not a duration; write a whole number and one unit (ms, s, m, h, d, w, y), such as 7d or 168h'],
    ['an empty revision', (e) => (e.git.revision = ''), 'git.revision: must not be empty: name the branch, tag or commit Argo CD and Alloy follow, such as "main"'],
    ['a revision with a range', (e) => (e.git.revision = 'main..dev'), 'git.revision: "main..dev" is not a valid Git branch, tag or commit name'],
    ['an unknown component', (e) => ((e.sizes as Record<string, unknown>).promethues = e.sizes.mimir), `sizes.promethues: unknown component "promethues"; known components: ${COMPONENTS.join(', ')}`],
    ['events collection that is not a boolean', (e) => ((e.collect as { events: unknown }).events = 'yes'), 'collect.events: "yes" must be true or false'],
    ['a missing component size', (e) => delete (e.sizes as Partial<Environment['sizes']>).loki, 'sizes.loki: is missing; every component needs a size'],
    ['a memory quantity in the wrong unit', (e) => (e.sizes.loki.resources.requests.memory = '512MB'), 'sizes.loki.resources.requests.memory: "512MB" must be a memory quantity such as 256Mi or 2Gi'],
    ['zero replicas', (e) => (e.sizes.grafana.replicas = 0), 'sizes.grafana.replicas: 0 must be a whole number, at least 1'],
    ['a name that differs from the folder', (e) => (e.name = 'prod'), 'name: "prod" must equal its folder name "dev"'],
    ['an http API server', (e) => (e.cluster.server = 'http://k8s:6443'), 'cluster.server: "http://k8s:6443" must be the API server\'s https:// URL as registered in Argo CD'],
    ['an unknown sync mode', (e) => ((e.sync as { mode: string }).mode = 'auto'), 'sync.mode: "auto" must be "automated" or "manual"'],
    ['a cron with six fields', (e) => e.sync.windows.push({ kind: 'allow', schedule: '0 0 8 * * 1', duration: '1h', timeZone: 'UTC', manualSync: true }), 'sync.windows[0].schedule: "0 0 8 * * 1" must be a five-field cron expression such as "0 8 * * 1-5"'],
    ['a namespace listed twice', (e) => (e.collect.namespaces = ['ai', 'email', 'ai']), 'collect.namespaces[2]: "ai" is listed twice'],
    ['an upper-case namespace', (e) => (e.collect.namespaces = ['Platform']), 'collect.namespaces[0]: "Platform" must be a lower-case DNS label of at most 63 characters'],
    // Values whose format passes but that the programs reading them cannot hold.
    ['a retention past Go\'s duration range', (e) => (e.retention.metrics = '1000000y'), 'retention.metrics: "1000000y" is longer than a Go duration can hold (about 292 years), so the backends would refuse their configuration; write at most 292y'],
    ['a memory limit no node has', (e) => (e.sizes.mimir.resources.limits.memory = '99999999999Gi'), 'sizes.mimir.resources.limits.memory: "99999999999Gi" is more memory than any node has (at most 64Ti); write the size the component needs, such as 2Gi'],
    ['an API server URL with a trailing newline', (e) => (e.cluster.server = 'https://k8s.example:6443\n'), 'cluster.server: "https://k8s.example:6443\\n" must be the API server\'s https:// URL as registered in Argo CD'],
    ['an API server URL with a space', (e) => (e.cluster.server = 'https://k8s example'), 'cluster.server: "https://k8s example" must be the API server\'s https:// URL as registered in Argo CD'],
    ['a cluster name longer than a label value', (e) => (e.cluster.name = 'c'.repeat(64)), `cluster.name: "${'c'.repeat(64)}" must be a lower-case DNS label of at most 63 characters`],
    ['a cron minute out of range', (e) => e.sync.windows.push({ kind: 'allow', schedule: '99 99 * * *', duration: '1h', timeZone: 'UTC', manualSync: true }), 'sync.windows[0].schedule: "99 99 * * *": minute "99" is outside 0-59'],
    ['a cron range that runs backwards', (e) => e.sync.windows.push({ kind: 'allow', schedule: '0 8 * * fri-mon', duration: '1h', timeZone: 'UTC', manualSync: true }), 'sync.windows[0].schedule: "0 8 * * fri-mon": day of week range "fri-mon" runs backwards'],
    ['a time zone that does not exist', (e) => e.sync.windows.push({ kind: 'allow', schedule: '0 8 * * 1-5', duration: '1h', timeZone: 'Europe/Atlantis', manualSync: true }), 'sync.windows[0].timeZone: "Europe/Atlantis" is not in the IANA time-zone database; write one such as "Europe/Berlin" or "UTC"'],
    ['a Git poll every millisecond', (e) => (e.alloy.pullFrequency = '1ms'), 'alloy.pullFrequency: "1ms" is faster than 10s: every Alloy pod polls the Git host at this rate, which loads it without making changes arrive sooner than a sync does; write 10s or more, such as 1m'],
    ['more nodes than Kubernetes supports', (e) => (e.cluster.nodes = 1e9), 'cluster.nodes: 1000000000 must be a whole number of nodes, from 1 to 5000 (the largest cluster Kubernetes supports)'],
    ['databases as a map', (e) => ((e as { databases: unknown }).databases = { orders: {} }), 'databases: {"orders":{}} must be a list of databases ({ name, engine, namespace, credentials })'],
    ['a null database entry', (e) => ((e as { databases: unknown[] }).databases = [null]), 'databases[0]: null must be a database { name, engine, namespace, credentials }'],
    ['a scope that is neither "all" nor a list', (e) => ((e.collect as { namespaces: unknown }).namespaces = 'everything'), 'collect.namespaces: "everything" must be a list of namespaces'],
    ['excluding the stack namespace', (e) => (e.collect.exclude = [e.namespace]), `collect.exclude[0]: "${base().namespace}" is the stack namespace, whose own components must be collected; remove it from the exclusions`],
    ['exclusions with an explicit list', (e) => (e.collect = { ...e.collect, namespaces: ['ai'], exclude: ['sandbox'] }), "collect.exclude: excludes from every namespace, but collect.namespaces lists them (sandbox would be ignored); set namespaces: 'all', or drop the exclusions"],
    ['owning a system namespace', (e) => e.ownedNamespaces.push('kube-system'), `ownedNamespaces[${base().ownedNamespaces.length}]: "kube-system" is a system namespace: this repository never creates, labels or deletes it (collecting from it needs no ownership); remove it`],
    ['a zero retention', (e) => (e.retention.metrics = '0d'), 'retention.metrics: "0d" is zero, which Mimir and Loki read as "keep forever" (0 disables their deletion); write the retention you want, such as 30d'],
    ['a zero pull frequency', (e) => (e.alloy.pullFrequency = '0s'), 'alloy.pullFrequency: "0s" is zero, which turns polling off in Alloy\'s import.git: a pushed pipeline would never arrive; write how often to poll Git, such as 1m'],
    ['a pull frequency without unit', (e) => (e.alloy.pullFrequency = '60'), 'alloy.pullFrequency: "60" is not a duration; write a whole number and one unit, such as 1m'],
    ['a database without credentials', (e) => e.databases.push({ name: 'pg', engine: 'postgresql', namespace: 'databases', credentials: { name: '' } }), 'databases[0].credentials.name: must name the Secret (created out of band, not in Git) that holds the exporter connection string'],
  ];
  test.each(cases)('%s', (_name, mutate, message) => {
    const env = structuredClone(base());
    mutate(env);
    expect(messages(env)).toEqual([message]);
  });
});
