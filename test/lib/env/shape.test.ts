// The one schema: every environment this repository ships passes it, and a value of the wrong
// shape that no specific check describes still gets a message naming the path, instead of reaching
// an app that reads it as its type.
import { defineEnvironment } from '../../../environments/defaults';
import { environmentNames, loadEnvironment } from '../../../lib/env/load';
import { pathText, shapeProblems } from '../../../lib/env/shape';

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

describe('every field of the schema has a check that refuses a bad value', () => {
  // An environment that sets every field the schema has, every union variant included.
  const full = () =>
    defineEnvironment({
      name: 'dev',
      cluster: { name: 'dev' },
      storage: { type: 'external', endpoint: 's3.example.org:443', region: 'eu-west-1', insecure: false, credentials: { name: 's3-creds' } },
      sync: { mode: 'manual', windows: [{ kind: 'allow', schedule: '0 8 * * 1-5', duration: '9h', timeZone: 'Europe/Berlin', manualSync: false }] },
      collect: { namespaces: ['platform', 'databases'], exclude: [] },
      databases: [{ name: 'orders', engine: 'postgresql', namespace: 'databases', credentials: { name: 'orders-exporter' } }],
      alerting: {
        receivers: [
          { name: 'w', type: 'webhook', secret: 'hook' },
          { name: 's', type: 'slack', channel: '#alerts', secret: 'slack' },
          { name: 'p', type: 'pagerduty', secret: 'pd' },
          { name: 'e', type: 'email', to: 'a@b.c', from: 'x@y.z', smarthost: 'smtp.example.org:587', username: 'u', secret: 'mail' },
        ],
        defaultReceiver: 'w',
        criticalReceiver: 'p',
      },
    } as never) as unknown as Record<string, unknown>;
  const problems = async (e: Record<string, unknown>) => {
    const { checkEnvironment } = await import('../../../lib/env/check');
    const { checkStorage } = await import('../../../lib/env/storage-check');
    const { checkDatabases } = await import('../../../lib/env/database-check');
    const { unknownKeys } = await import('../../../lib/env/unknown-keys');
    const env = e as never;
    const described = [...unknownKeys(env), ...checkEnvironment(env, 'dev'), ...checkStorage(env), ...checkDatabases(env)];
    return [...described, ...shapeProblems(env, described.map((p) => p.path))];
  };
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    else leaves.push(p);
  };
  walk(full(), []);

  test('the full environment itself is clean', async () => {
    expect(await problems(full())).toEqual([]);
  });

  // A boolean cannot be out of range; every other leaf must have a rule that names its path.
  test.each(leaves.filter((p) => typeof p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], full()) !== 'boolean').map((p) => [pathText(p), p] as const))(
    '%s',
    async (path, p) => {
      const e = full();
      let o = e as Record<string | number, unknown>;
      for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      const last = p[p.length - 1]!;
      o[last] = typeof o[last] === 'number' ? -1 : 'Not Valid!\n';
      const hits = (await problems(e)).filter((x) => x.path === path || path.startsWith(`${x.path}.`) || path.startsWith(`${x.path}[`));
      expect([path, hits.length > 0]).toEqual([path, true]);
    },
  );
});
