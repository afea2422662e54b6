// The stack's topology as a Mermaid flowchart, derived from the rendered objects: which workload's
// config files point at which Service (and so at which workload), and at external endpoints.
// Nothing here is drawn by hand, so the picture cannot drift from what is deployed.
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const SERVICE_REF = /\b([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.cluster\.local)?(?::(\d+))?/g;

export interface TopologyInput {
  env: Environment;
  /** Rendered objects with the app that produced them. */
  objects: { object: KubeObject; app: string }[];
  /** Other rendered files (the Alloy module), with their app. */
  files: { content: string; app: string }[];
}

interface Node {
  id: string;
  label: string;
}

const mermaidId = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
const podLabels = (o: KubeObject) => ((o.spec as any)?.template?.metadata?.labels ?? {}) as Record<string, string>;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

export function topology({ env, objects, files }: TopologyInput): string {
  const workloads = objects.filter((o) => WORKLOADS.has(o.object.kind));
  const services = objects.filter((o) => o.object.kind === 'Service');
  const nodes = new Map<string, Node>();
  const edges = new Set<string>();
  const nodeOf = (w: KubeObject): Node => {
    const id = mermaidId(w.metadata.name!);
    const instances = w.kind === 'DaemonSet' ? `${env.cluster.nodes} nodes` : `×${(w.spec as any)?.replicas ?? 1}`;
    const node = { id, label: `${w.metadata.name}<br/>${w.kind} ${instances}` };
    nodes.set(id, node);
    return node;
  };
  for (const w of workloads) nodeOf(w.object);

  // Which workloads a Service port leads to.
  const target = (name: string, namespace: string, port: number | undefined): { nodes: Node[]; port: string } | undefined => {
    const svc = services.find((s) => s.object.metadata.name === name && (s.object.metadata.namespace ?? env.namespace) === namespace);
    if (!svc) return undefined;
    const spec = svc.object.spec as { selector?: Record<string, string>; ports?: { port: number; name?: string }[] };
    const p = port === undefined ? spec.ports?.[0] : spec.ports?.find((x) => x.port === port);
    const selected = workloads.filter((w) => matches(spec.selector ?? {}, podLabels(w.object)) && (w.object.metadata.namespace ?? env.namespace) === namespace);
    return { nodes: selected.map((w) => nodeOf(w.object)), port: p?.name ?? String(port ?? '') };
  };

  // Config text per app: ConfigMap data and the app's other files.
  const configs: { app: string; text: string }[] = [
    ...objects.filter((o) => o.object.kind === 'ConfigMap').map((o) => ({ app: o.app, text: Object.values((o.object.data ?? {}) as Record<string, string>).join('\n') })),
    ...files.map((f) => ({ app: f.app, text: f.content })),
  ];
  const external = env.storage.type === 'external' ? env.storage.endpoint : undefined;
  for (const { app, text } of configs) {
    const sources = workloads.filter((w) => w.app === app).map((w) => nodeOf(w.object));
    // Every match holds `.svc`: texts without one (dashboards) are not scanned.
    for (const m of text.includes('.svc') ? text.matchAll(SERVICE_REF) : []) {
      const t = target(m[1]!, m[2]!, m[3] ? Number(m[3]) : undefined);
      if (!t) continue;
      for (const s of sources) for (const d of t.nodes) if (s.id !== d.id) edges.add(`  ${s.id} -->|${t.port}| ${d.id}`);
    }
    if (external && text.includes(external)) {
      nodes.set('s3', { id: 's3', label: `S3<br/>${external}` });
      for (const s of sources) edges.add(`  ${s.id} -->|s3| s3`);
    }
  }

  const alloy = workloads.find((w) => w.object.kind === 'DaemonSet' && w.app === 'alloy');
  const scope = env.collect.namespaces === 'all' ? `all namespaces${env.collect.exclude.length ? ` but ${env.collect.exclude.join(', ')}` : ''}` : env.collect.namespaces.filter((n) => n !== env.namespace).join(', ');
  const lines = ['flowchart LR', `  apps["Applications<br/>${scope}"]`];
  if (alloy) edges.add(`  apps -->|OTLP, logs, metrics| ${mermaidId(alloy.object.metadata.name!)}`);
  for (const n of [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    lines.push(n.id === 's3' ? `  ${n.id}[("${n.label}")]` : `  ${n.id}["${n.label}"]`);
  }
  lines.push(...[...edges].sort());
  return `${lines.join('\n')}\n`;
}
