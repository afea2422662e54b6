// prod: sized for about 500k active series, 5 MiB/s of logs and 2k spans/s on six nodes (see the
// environment README for the resource table). Object storage is the platform's S3, not MinIO.
// Argo CD never syncs prod by itself: a person syncs from the UI, inside the allowed windows.
import { defineEnvironment } from '../defaults';

export default defineEnvironment({
  name: 'prod',
  cluster: { name: 'prod', server: 'https://prod.k8s.talent-mesh.internal:6443', nodes: 6 },
  git: { revision: 'prod' },
  sizes: {
    alloy: { resources: { requests: { cpu: '250m', memory: '768Mi' }, limits: { memory: '1536Mi' } } },
    mimir: { resources: { requests: { cpu: '2', memory: '6Gi' }, limits: { memory: '10Gi' } }, storage: '100Gi' },
    loki: { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } }, storage: '50Gi' },
    tempo: { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } }, storage: '50Gi' },
    grafana: { replicas: 2, resources: { requests: { cpu: '200m', memory: '384Mi' }, limits: { memory: '1Gi' } } },
    pushgateway: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } } },
  },
  retention: { metrics: '395d', logs: '90d', traces: '30d' },
  sync: {
    mode: 'manual',
    windows: [
      // Syncs happen in weekday working hours only, when people are around to watch them. prod is
      // synced by hand, so the window must bind manual syncs too (manualSync: false). In an
      // emergency, widen the window in a reviewed PR (docs/operations.md, "Emergency change").
      { kind: 'allow', schedule: '0 8 * * 1-5', duration: '9h', timeZone: 'Europe/Berlin', manualSync: false },
    ],
  },
  storage: {
    type: 'external',
    endpoint: 's3.eu-central-1.amazonaws.com',
    region: 'eu-central-1',
    insecure: false,
    credentials: { name: 'lgtm-s3-credentials' },
  },
  buckets: {
    metrics: 'talent-mesh-prod-mimir-blocks',
    logs: 'talent-mesh-prod-loki-chunks',
    traces: 'talent-mesh-prod-tempo-traces',
  },
  alloy: { pullFrequency: '5m' },
  // Warnings to the team channel, criticals page the on-call engineer.
  alerting: {
    receivers: [
      { name: 'platform-slack', type: 'slack', channel: '#platform-alerts', secret: 'alertmanager-slack' },
      { name: 'platform-pagerduty', type: 'pagerduty', secret: 'alertmanager-pagerduty' },
    ],
    defaultReceiver: 'platform-slack',
    criticalReceiver: 'platform-pagerduty',
  },
  databases: [
    { name: 'platform-postgres', engine: 'postgresql', namespace: 'databases', credentials: { name: 'platform-postgres-exporter' } },
    { name: 'platform-mongodb', engine: 'mongodb', namespace: 'databases', credentials: { name: 'platform-mongodb-exporter' } },
  ],
});
