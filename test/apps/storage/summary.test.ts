// The per-environment resource table, and the dev budget from the seed ADR: about 3 GB of memory
// requests for the whole stack, Alloy on three nodes included.
import dev from '../../../environments/dev/env';
import prod from '../../../environments/prod/env';
import { COMPONENTS, type Environment } from '../../../lib/env/types';
import type { KubeObject } from '../../../lib/k8s/types';
import { bytesOf } from '../../../lib/k8s/workload';
import { formatSummary, resourceSummary, type ResourceRow } from '../../../lib/resources/summary';
import { apps } from '../../../apps/registry';
import { renderEnvironment } from '../../../render/pipeline/index';
import { renderStorage } from './render';

const Mi = 2 ** 20;

const pod = (containers: object[]) => ({ template: { spec: { containers } } });
const workload = (kind: string, name: string, spec: object): KubeObject => ({ apiVersion: 'apps/v1', kind, metadata: { name }, spec });

test('rows per workload: replicas × containers, DaemonSets once per node, Jobs left out, then a Total', () => {
  const objects: KubeObject[] = [
    workload('DaemonSet', 'alloy', pod([{ resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi', cpu: '500m' } } }])),
    workload('Deployment', 'grafana', {
      replicas: 2,
      ...pod([
        { resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { memory: '512Mi' } } },
        { resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
      ]),
    }),
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'minio-buckets' }, spec: pod([{ resources: { requests: { cpu: '10m', memory: '32Mi' } } }]) },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'grafana' } },
  ];
  const rows = resourceSummary({ ...dev, cluster: { ...dev.cluster, nodes: 3 } }, objects);
  expect(rows).toEqual<ResourceRow[]>([
    { component: 'alloy', kind: 'DaemonSet', instances: 3, requests: { cpu: 300, memory: 768 * Mi }, limits: { cpu: 1500, memory: 1536 * Mi } },
    { component: 'grafana', kind: 'Deployment', instances: 2, requests: { cpu: 220, memory: 512 * Mi }, limits: { cpu: null, memory: 1280 * Mi } },
    { component: 'Total', kind: 'Total', instances: 5, requests: { cpu: 520, memory: 1280 * Mi }, limits: { cpu: null, memory: 2816 * Mi } },
  ]);
  expect(formatSummary(rows)).toBe(
    [
      '| Component | Kind | Instances | CPU requests | Memory requests | CPU limits | Memory limits |',
      '|---|---|---:|---:|---:|---:|---:|',
      '| alloy | DaemonSet | 3 | 300m | 768Mi | 1500m | 1536Mi |',
      '| grafana | Deployment | 2 | 220m | 512Mi | none | 1280Mi |',
      '| **Total** |  | **5** | **520m** | **1280Mi** | **none** | **2816Mi** |',
      '',
    ].join('\n'),
  );
});

test('the storage backends of dev and prod, as rendered', () => {
  const table = (env: Environment) => resourceSummary(env, renderStorage(env)).map((r) => [r.component, r.instances, r.requests.memory / Mi]);
  expect(table(dev)).toEqual([['loki', 1, 384], ['mimir', 1, 768], ['minio', 1, 256], ['pushgateway', 1, 32], ['tempo', 1, 384], ['Total', 5, 1824]]);
  // prod: external S3, so no MinIO row.
  expect(table(prod)).toEqual([['loki', 1, 2048], ['mimir', 1, 6144], ['pushgateway', 1, 64], ['tempo', 1, 2048], ['Total', 4, 10304]]);
});

/**
 * The whole stack of an environment: every registered app as rendered, plus, for a component whose
 * app is not registered yet, its size from the environment (Alloy once per node). Once every app
 * is registered, the fill-in adds nothing.
 */
function stackMemoryRequests(env: Environment): { total: number; rows: [string, number][] } {
  const rendered = resourceSummary(env, renderEnvironment(env, apps).objects.map((o) => o.object)).filter((r) => r.kind !== 'Total');
  const rows: [string, number][] = rendered.map((r) => [r.component, r.requests.memory]);
  // `kubeStateMetrics` is the app `kube-state-metrics`: compare names without case and hyphens.
  const norm = (n: string) => n.toLowerCase().replace(/-/g, '');
  const present = new Set([...apps.filter((a) => !a.enabled || a.enabled(env)).map((a) => a.name), ...rendered.map((r) => r.component)].map(norm));
  for (const c of COMPONENTS) {
    if (present.has(norm(c))) continue;
    if (c === 'minio' && env.storage.type !== 'minio') continue;
    const size = env.sizes[c];
    const instances = c === 'alloy' ? env.cluster.nodes : size.replicas;
    rows.push([c, bytesOf(size.resources.requests.memory) * instances]);
  }
  return { total: rows.reduce((n, [, b]) => n + b, 0), rows };
}

test('dev fits the seed budget: at most 3 GiB of memory requests, Alloy on 3 nodes included', () => {
  expect(dev.cluster.nodes).toBe(3);
  const { total, rows } = stackMemoryRequests(dev);
  // Alloy is in, rendered as its DaemonSet or at its size on each of the three nodes.
  expect(rows.find(([c]) => c === 'alloy')?.[1]).toBeGreaterThanOrEqual(3 * bytesOf(dev.sizes.alloy.resources.requests.memory));
  expect(total).toBeLessThanOrEqual(3 * 2 ** 30);
});
