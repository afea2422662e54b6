// The one schema: every environment this repository ships passes it, and a value of the wrong
// shape that no specific check describes still gets a message naming the path, instead of reaching
// an app that reads it as its type.
import { defineEnvironment } from '../../../environments/defaults';
import { environmentNames, loadEnvironment } from '../../../lib/env/load';
import { shapeProblems } from '../../../lib/env/shape';

const root = new URL('../../..', import.meta.url).pathname;
const base = () => defineEnvironment({ name: 'dev', cluster: { name: 'dev' } }) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

test.each(environmentNames(root))('environments/%s/env.ts passes the schema', async (name) => {
  expect(shapeProblems(await loadEnvironment(root, name))).toEqual([]);
});

test.each<[string, (e: Record<string, any>) => void, string]>([ // eslint-disable-line @typescript-eslint/no-explicit-any
  ['a window whose manualSync is a word', (e) => e.sync.windows.push({ kind: 'allow', schedule: '0 8 * * *', duration: '1h', timeZone: 'UTC', manualSync: 'yes' }), 'sync.windows[0].manualSync: "yes" must be true or false'],
  ['an external storage whose insecure flag is a word', (e) => (e.storage = { type: 'external', endpoint: 's3.example.org', region: 'eu', insecure: 'no', credentials: { name: 's' } }), 'storage.insecure: "no" must be true or false'],
  ['a storage type nobody knows', (e) => (e.storage = { type: 'gcs' }), 'storage.type: "gcs" must be one of "minio", "external"'],
  ['a missing section', (e) => delete e.buckets, 'buckets: is missing'],
  ['a database engine nobody knows', (e) => e.databases.push({ name: 'o', engine: 'mysql', namespace: 'db', credentials: { name: 'o' } }), 'databases[0].engine: "mysql" must be one of "postgresql", "mongodb"'],
])('%s', (_what, change, message) => {
  const e = base();
  change(e);
  expect(shapeProblems(e).map((p) => `${p.path}: ${p.message}`)).toContain(message);
});

test('a path a specific check already reported is not reported again', () => {
  const e = base();
  e.retention.logs = 7;
  expect(shapeProblems(e, ['retention.logs'])).toEqual([]);
  expect(shapeProblems(e).map((p) => p.path)).toEqual(['retention.logs']);
});
