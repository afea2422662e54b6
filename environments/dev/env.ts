// dev: the seed's three-node cluster. Follows `main`; Argo CD syncs every push automatically.
// Sized to the seed's budget of about 3 GB of memory requests, Alloy on three nodes included.
import { defineEnvironment } from '../defaults';

export default defineEnvironment({
  name: 'dev',
  cluster: { name: 'dev', server: 'https://kubernetes.default.svc', nodes: 3 },
  git: { revision: 'main' },
  retention: { metrics: '7d', logs: '3d', traces: '2d' },
  sync: { mode: 'automated', windows: [] },
  storage: { type: 'minio' },
  alloy: { pullFrequency: '30s' },
  databases: [
    { name: 'platform-postgres', engine: 'postgresql', namespace: 'databases', credentials: { name: 'platform-postgres-exporter' } },
    { name: 'platform-mongodb', engine: 'mongodb', namespace: 'databases', credentials: { name: 'platform-mongodb-exporter' } },
  ],
});
