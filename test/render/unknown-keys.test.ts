// A misspelt key in env.ts is a load-time error naming the file, the key and the closest known key;
// a setting that has no effect is refused with why.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineEnvironment } from '../../environments/defaults';
import { unknownKeys } from '../../lib/env/unknown-keys';
import { environmentNames } from '../../lib/env/load';
import { lgtm, tempRepo } from '../helpers/tmp-repo';

const problems = (input: Record<string, unknown>) => unknownKeys(defineEnvironment({ name: 'x', ...input } as never)).map((p) => `${p.path}: ${p.message}`);

test.each<[string, Record<string, unknown>, string]>([
  ['a misspelt top-level key', { retension: { logs: '1d' } }, 'retension: unknown key; did you mean "retention"?'],
  ['a misspelt nested key', { retention: { metric: '1d' } }, 'retention.metric: unknown key; did you mean "metrics"?'],
  ['a misspelt key in a size', { sizes: { mimir: { replica: 2 } } }, 'sizes.mimir.replica: unknown key; did you mean "replicas"?'],
  ['storage on a component without a volume', { sizes: { alloy: { storage: '5Gi' } } }, 'sizes.alloy.storage: alloy has no volume, so storage has no effect; remove it (only alloyCluster, mimir, loki, tempo, minio take one)'],
  ['an external-storage key on MinIO storage', { storage: { type: 'minio', endpoint: 's3.example.org' } }, 'storage.endpoint: not a key of "minio" storage'],
  ['a misspelt key inside a list item', { databases: [{ name: 'orders', engine: 'postgresql', namspace: 'shop', credentials: { name: 'orders-exporter' } }] }, 'databases[0].namspace: unknown key; did you mean "namespace"?'],
  ['a misspelt key of an alert receiver', { alerting: { receivers: [{ name: 'w', type: 'webhook', secrett: 's' }], defaultReceiver: 'w' } }, 'alerting.receivers[0].secrett: not a key of "webhook" alerting.receivers[0]; did you mean "secret"?'],
  ['a misspelt key of the external storage\'s credentials', { storage: { type: 'external', endpoint: 's3.example.org', region: 'eu', insecure: false, credentials: { nmae: 's' } } }, 'storage.credentials.nmae: unknown key; did you mean "name"?'],
  ['a key with no close match', { zzzzzz: 1 }, 'zzzzzz: unknown key; known keys here: alerting, alloy, buckets, cluster, collect, databases, git, name, namespace, ownedNamespaces, retention, sizes, storage, sync'],
])('%s is refused', (_what, input, message) => {
  expect(problems(input)).toContain(message);
});

test('keys the types allow but the defaults do not set are accepted', () => {
  expect(problems({ sizes: { grafana: { resources: { limits: { cpu: '1', memory: '1Gi' } } } }, alerting: { criticalReceiver: 'platform-webhook' } })).toEqual([]);
  expect(problems({ storage: { type: 'external', endpoint: 's3.example.org', region: 'eu', insecure: false, credentials: { name: 's' } } })).toEqual([]);
});

test('render names the env.ts file and the key', async () => {
  const repo = tempRepo();
  try {
    const [name] = environmentNames(repo.root);
    const file = join(repo.root, 'environments', name!, 'env.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/defineEnvironment\(\{/, "defineEnvironment({ retension: { logs: '1d' },"));
    const r = await lgtm(repo.root, 'render', '--check');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`environments/${name}/env.ts: retension: unknown key; did you mean "retention"?`);
  } finally {
    repo.cleanup();
  }
});
