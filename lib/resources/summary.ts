// The resource table of one environment, like the seed ADR's: per workload the instances and the
// CPU and memory requests and limits (per instance × instances), and a total. Computed from the
// rendered objects, so it shows what the cluster will actually be asked for.
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';
import { bytesOf, millicoresOf } from '../k8s/workload';

export interface ResourceRow {
  /** Workload name, e.g. `mimir`. */
  component: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Total';
  instances: number;
  /** Totals over all instances: millicores and bytes. */
  requests: { cpu: number; memory: number };
  /** `cpu` is null when some container has no CPU limit (it may burst to the node). */
  limits: { cpu: number | null; memory: number };
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

interface Container {
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
}

function podSpecOf(o: KubeObject): { containers?: Container[] } {
  const spec = o.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
  return spec?.template?.spec ?? {};
}

/**
 * Rows per workload, then a `Total`. DaemonSets count one instance per node
 * (`env.cluster.nodes`). Jobs are left out: they run to completion. Init containers are left out:
 * they finish before the main containers start, and theirs are smaller.
 */
export function resourceSummary(env: Environment, objects: readonly KubeObject[]): ResourceRow[] {
  const rows: ResourceRow[] = [];
  for (const o of objects) {
    if (!WORKLOADS.has(o.kind)) continue;
    const instances = o.kind === 'DaemonSet' ? env.cluster.nodes : ((o.spec as { replicas?: number }).replicas ?? 1);
    let cpu = 0;
    let memory = 0;
    let cpuLimit: number | null = 0;
    let memoryLimit = 0;
    for (const c of podSpecOf(o).containers ?? []) {
      const r = c.resources ?? {};
      cpu += r.requests?.cpu ? millicoresOf(r.requests.cpu) : 0;
      memory += r.requests?.memory ? bytesOf(r.requests.memory) : 0;
      memoryLimit += r.limits?.memory ? bytesOf(r.limits.memory) : 0;
      cpuLimit = cpuLimit !== null && r.limits?.cpu ? cpuLimit + millicoresOf(r.limits.cpu) : null;
    }
    rows.push({
      component: o.metadata.name ?? '',
      kind: o.kind as ResourceRow['kind'],
      instances,
      requests: { cpu: cpu * instances, memory: memory * instances },
      limits: { cpu: cpuLimit === null ? null : cpuLimit * instances, memory: memoryLimit * instances },
    });
  }
  rows.sort((a, b) => a.component.localeCompare(b.component));
  const sum = (f: (r: ResourceRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  rows.push({
    component: 'Total',
    kind: 'Total',
    instances: sum((r) => r.instances),
    requests: { cpu: sum((r) => r.requests.cpu), memory: sum((r) => r.requests.memory) },
    limits: {
      cpu: rows.every((r) => r.limits.cpu !== null) ? sum((r) => r.limits.cpu ?? 0) : null,
      memory: sum((r) => r.limits.memory),
    },
  });
  return rows;
}

const mi = (bytes: number) => `${Math.round(bytes / 2 ** 20)}Mi`;
const m = (millicores: number | null) => (millicores === null ? 'none' : `${millicores}m`);

/** The table as Markdown, for READMEs and pull-request comments. */
export function formatSummary(rows: readonly ResourceRow[]): string {
  const lines = [
    '| Component | Kind | Instances | CPU requests | Memory requests | CPU limits | Memory limits |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const cells = [r.component, r.kind === 'Total' ? '' : r.kind, String(r.instances), m(r.requests.cpu), mi(r.requests.memory), m(r.limits.cpu), mi(r.limits.memory)];
    lines.push(`| ${(r.kind === 'Total' ? cells.map((c) => (c ? `**${c}**` : c)) : cells).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
