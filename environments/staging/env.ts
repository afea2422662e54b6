// staging: a production-like cluster that receives a change after dev. It follows the `staging`
// branch, which is fast-forwarded to a reviewed `main` commit to promote (see README).
import { defineEnvironment } from '../defaults';

export default defineEnvironment({
  name: 'staging',
  cluster: { name: 'staging', server: 'https://staging.k8s.talent-mesh.internal:6443', nodes: 4 },
  git: { revision: 'staging' },
  sizes: {
    mimir: { resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: '4Gi' } }, storage: '20Gi' },
    loki: { resources: { requests: { cpu: '300m', memory: '768Mi' }, limits: { memory: '2Gi' } }, storage: '20Gi' },
    tempo: { resources: { requests: { cpu: '200m', memory: '768Mi' }, limits: { memory: '2Gi' } }, storage: '20Gi' },
    minio: { storage: '100Gi' },
  },
  retention: { metrics: '30d', logs: '14d', traces: '7d' },
  sync: { mode: 'automated', windows: [] },
  storage: { type: 'minio' },
  alloy: { pullFrequency: '1m' },
  databases: [
    { name: 'platform-postgres', engine: 'postgresql', namespace: 'databases', credentials: { name: 'platform-postgres-exporter' } },
    { name: 'platform-mongodb', engine: 'mongodb', namespace: 'databases', credentials: { name: 'platform-mongodb-exporter' } },
  ],
});
