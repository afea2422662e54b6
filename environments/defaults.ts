// Shared defaults for every environment. An `env.ts` states only where it differs.
import type { ComponentSize, Environment, EnvironmentInput } from '../lib/env/types';

/** This repository, as Argo CD and Alloy clone it. A fork changes this one line. */
export const REPO_URL = 'https://github.com/talent-mesh/lgtm-gitops.git';

const size = (cpu: string, memory: string, limit: string, storage?: string): ComponentSize => ({
  replicas: 1,
  resources: { requests: { cpu, memory }, limits: { memory: limit } },
  ...(storage ? { storage } : {}),
});

export const defaults: Environment = {
  name: '',
  cluster: { name: '', server: 'https://kubernetes.default.svc', nodes: 3 },
  namespace: 'observability',
  git: { repoURL: REPO_URL, revision: 'main', private: false },
  // Small-cluster starting points, sized for the dev cluster's load (up to ~100k active series,
  // under 1 MiB/s of logs, a few hundred spans/s). Go services get GOMEMLIMIT at 90% of the memory
  // limit, so requests sit well below limits. Memory requests of the whole stack on three nodes:
  // Alloy 3 × 256Mi + the cluster Alloy 96Mi + Mimir 768Mi + Loki 384Mi + Tempo 384Mi + Grafana
  // 192Mi + MinIO 256Mi + Pushgateway 32Mi + kube-state-metrics 64Mi + two database exporters
  // 2 × 32Mi = 3008Mi, inside the seed's 3 GiB budget (test/apps/storage/summary.test.ts).
  // Mimir, Loki, Tempo, MinIO and the Pushgateway run exactly one replica (lib/env/storage-check.ts).
  sizes: {
    alloy: size('100m', '256Mi', '512Mi'),
    // Holds the watched events of the collected namespaces (the API server keeps an hour of them)
    // and the Probe and pod-less endpoint targets; 1Gi keeps its read positions across restarts.
    alloyCluster: size('20m', '96Mi', '384Mi', '1Gi'),
    mimir: size('200m', '768Mi', '1536Mi', '10Gi'),
    loki: size('200m', '384Mi', '1Gi', '10Gi'),
    tempo: size('100m', '384Mi', '1Gi', '10Gi'),
    grafana: size('100m', '192Mi', '512Mi'),
    minio: size('100m', '256Mi', '1Gi', '50Gi'),
    pushgateway: size('10m', '32Mi', '128Mi'),
    // kube-state-metrics holds every exported object in memory: about 100 Mi for a few thousand pods.
    kubeStateMetrics: size('20m', '64Mi', '256Mi'),
    databaseExporter: size('10m', '32Mi', '128Mi'),
  },
  retention: { metrics: '30d', logs: '14d', traces: '7d' },
  sync: { mode: 'automated', windows: [] },
  storage: { type: 'minio' },
  buckets: {
    metrics: 'mimir-blocks',
    logs: 'loki-chunks',
    traces: 'tempo-traces',
  },
  // Every namespace but these, as Grafana's k8s-monitoring chart collects by default.
  // Events too; Prometheus Operator objects only where an environment says its CRDs exist.
  collect: { namespaces: 'all', exclude: [], events: true, prometheusOperator: false, prometheusRules: false },
  ownedNamespaces: ['platform', 'ai', 'databases', 'email'],
  alloy: { pullFrequency: '1m' },
  databases: [],
  // One webhook for every alert; the Secret `alertmanager-webhook` (key `url`) holds its URL.
  alerting: {
    receivers: [{ name: 'platform-webhook', type: 'webhook', secret: 'alertmanager-webhook' }],
    defaultReceiver: 'platform-webhook',
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Sections replaced whole rather than merged: a union (storage) or a list must never end up
// half default, half override.
const REPLACED = new Set(['storage']);

function merge(base: unknown, over: unknown, key = ''): unknown {
  if (over === undefined) return base;
  if (REPLACED.has(key) || !isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v, k);
  return out;
}

/**
 * Builds an environment from the defaults. Values are checked when the environment is loaded
 * (lib/env/check.ts), so the error can name the file.
 */
export function defineEnvironment(input: EnvironmentInput): Environment {
  // A copy of the defaults for each environment: an env.ts that changes a list it got from them
  // (ownedNamespaces.push(...)) must not change every other environment.
  return merge(structuredClone(defaults), input) as Environment;
}
