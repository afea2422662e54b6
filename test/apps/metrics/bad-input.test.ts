// Bad `databases` entries: each gives one message that names the field and the fix, at load time
// (the environment checks) and again if an app renders an environment that skipped loading.
import { defineEnvironment } from '../../../environments/defaults';
import type { Database, Environment } from '../../../lib/env/types';
import { checkEnvironment } from '../../../lib/env/check';
import { checkDatabases } from '../../../lib/env/database-check';
import { renderDbExporters } from '../../../apps/db-exporters/index';

const withDatabase = (db: Partial<Database>, collect: Pick<Environment['collect'], 'namespaces' | 'exclude'>): Environment =>
  defineEnvironment({
    name: 'dev',
    cluster: { name: 'dev' },
    collect,
    databases: [{ name: 'orders', engine: 'postgresql', namespace: 'databases', credentials: { name: 'orders-exporter' }, ...db } as Database],
  });

const loadMessages = (env: Environment) => [...checkEnvironment(env, 'dev'), ...checkDatabases(env)].map((p) => `${p.path}: ${p.message}`);

const ALL: Pick<Environment['collect'], 'namespaces' | 'exclude'> = { namespaces: 'all', exclude: [] };

// Every row names its collection scope: test.each passes a callback where a row is short.
const cases: [string, Partial<Database>, string, string, Pick<Environment['collect'], 'namespaces' | 'exclude'>][] = [
  [
    'a database without a credentials Secret reference',
    { credentials: undefined },
    'databases[0].credentials.name: must name the Secret (created out of band, not in Git) that holds the exporter connection string',
    'environments/dev/env.ts: databases[0].credentials.name: database "orders" has no credentials reference: name the Secret in namespace "databases" (created out of band, never in Git) whose key DATA_SOURCE_NAME holds the exporter\'s connection string',
    ALL,
  ],
  [
    'a MongoDB entry with an empty Secret name',
    { engine: 'mongodb', credentials: { name: '' } },
    'databases[0].credentials.name: must name the Secret (created out of band, not in Git) that holds the exporter connection string',
    'environments/dev/env.ts: databases[0].credentials.name: database "orders" has no credentials reference: name the Secret in namespace "databases" (created out of band, never in Git) whose key MONGODB_URI holds the exporter\'s connection string',
    ALL,
  ],
  [
    'a database in a namespace missing from the collected list',
    { namespace: 'legacy-db' },
    'databases[0].namespace: "legacy-db" is not collected, so the exporter of "orders" would never be scraped; add it to collect.namespaces',
    'environments/dev/env.ts: databases[0].namespace: "legacy-db" is not collected, so the exporter of "orders" would never be scraped; add it to collect.namespaces',
    { namespaces: ['databases'], exclude: [] },
  ],
  [
    'a database in an excluded namespace',
    { namespace: 'legacy-db' },
    'databases[0].namespace: "legacy-db" is not collected, so the exporter of "orders" would never be scraped; remove it from collect.exclude',
    'environments/dev/env.ts: databases[0].namespace: "legacy-db" is not collected, so the exporter of "orders" would never be scraped; remove it from collect.exclude',
    { namespaces: 'all', exclude: ['legacy-db'] },
  ],
];

test.each(cases)('%s', (_name, db, atLoad, atRender, collect) => {
  const env = withDatabase(db, collect);
  expect(loadMessages(env)).toEqual([atLoad]);
  expect(() => renderDbExporters(env)).toThrow(atRender);
});

test('a good entry passes both', () => {
  const env = withDatabase({}, ALL);
  expect(loadMessages(env)).toEqual([]);
  expect(renderDbExporters(env)).toHaveLength(1);
});
