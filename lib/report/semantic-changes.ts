// What a rendered change means for the cluster, for the pull-request summary: a reviewer reads
// "prod metrics retention 395d → 30d, older data will be deleted" rather than `mimir | 0 | 2 | 0`.
// Compares the objects of each environment before and after, by kind, namespace and name.
import { parse } from 'yaml';
import type { KubeObject } from '../k8s/types';
import { durationMs } from '../env/duration';
import { COLLECT_SCOPE_ANNOTATION, describeScopeChange } from '../env/collect';

export interface ObjectChange {
  env: string;
  app: string;
  before?: KubeObject;
  after?: KubeObject;
}

export interface Finding {
  /** Heading the finding is listed under. */
  topic: 'Data retention' | 'Collection scope' | 'Images' | 'Pods that restart' | 'RBAC and network policy' | 'Argo CD sync' | 'Volumes';
  text: string;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const ACCESS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'NetworkPolicy', 'ServiceAccount']);

const id = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/** Every `*retention*` key of a config file and its value, by dotted path. */
function retentionSettings(configMap: KubeObject | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of Object.entries((configMap?.data ?? {}) as Record<string, string>)) {
    let doc: unknown;
    try {
      doc = parse(text);
    } catch {
      continue;
    }
    const walk = (v: unknown, at: string) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const p = at ? `${at}.${k}` : k;
        if (/retention/.test(k) && (typeof x === 'string' || typeof x === 'number')) out.set(`${file}: ${p}`, String(x));
        else walk(x, p);
      }
    };
    walk(doc, '');
  }
  return out;
}

function images(o: KubeObject | undefined): Map<string, string> {
  const spec = get(o, 'spec', 'template', 'spec') as { containers?: { name: string; image: string }[]; initContainers?: { name: string; image: string }[] } | undefined;
  return new Map([...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => [c.name, c.image]));
}

export function semanticChanges(changes: readonly ObjectChange[]): Finding[] {
  const out: Finding[] = [];
  for (const { env, app, before, after } of changes) {
    const o = (after ?? before)!;
    const where = `${env} · ${app} · ${id(o)}`;
    // Retention: a shorter value deletes data at the next compaction.
    if (o.kind === 'ConfigMap') {
      const a = retentionSettings(before);
      const b = retentionSettings(after);
      for (const [key, was] of a) {
        const now = b.get(key);
        if (now === undefined || now === was) continue;
        const shorter = (durationMs(now) ?? Infinity) < (durationMs(was) ?? Infinity);
        out.push({ topic: 'Data retention', text: `${where}: ${key} ${was} → ${now}${shorter ? ` (**shorter: data older than ${now} will be deleted**)` : ''}` });
      }
    }
    const scope = (x?: KubeObject) => x?.metadata.annotations?.[COLLECT_SCOPE_ANNOTATION];
    if (scope(before) !== undefined && scope(after) !== undefined) {
      const change = describeScopeChange(scope(before)!, scope(after)!);
      if (change) out.push({ topic: 'Collection scope', text: `${where}: ${change}` });
    }
    if (WORKLOADS.has(o.kind) || o.kind === 'Job') {
      const a = images(before);
      const b = images(after);
      for (const [c, img] of b) if (a.has(c) && a.get(c) !== img) out.push({ topic: 'Images', text: `${where}: container ${c}: ${a.get(c)} → ${img}` });
    }
    if (WORKLOADS.has(o.kind) && before && after && !same(get(before, 'spec', 'template'), get(after, 'spec', 'template'))) {
      const ann = (x: KubeObject) => (get(x, 'spec', 'template', 'metadata', 'annotations') ?? {}) as Record<string, string>;
      const checksums = Object.keys(ann(after)).filter((k) => k.startsWith('checksum/') && ann(after)[k] !== ann(before)[k]);
      out.push({ topic: 'Pods that restart', text: `${where}: pod template changed${checksums.length ? ` (${checksums.join(', ')})` : ''}` });
    }
    if (ACCESS.has(o.kind) && !same(before, after)) {
      out.push({ topic: 'RBAC and network policy', text: `${where}: ${!before ? 'added' : !after ? 'removed' : 'changed'}` });
    }
    if (o.kind === 'StatefulSet' && before && after && !same(get(before, 'spec', 'volumeClaimTemplates'), get(after, 'spec', 'volumeClaimTemplates'))) {
      out.push({ topic: 'Volumes', text: `${where}: volumeClaimTemplates changed; a StatefulSet cannot change them in place, so the sync fails until it is deleted with --cascade=orphan (docs/operations.md)` });
    }
    if (o.kind === 'PersistentVolumeClaim' && before && after && !same(before.spec, after.spec)) {
      out.push({ topic: 'Volumes', text: `${where}: spec changed; only a larger storage request can be applied to a bound claim` });
    }
    if (o.kind === 'ApplicationSet' || o.kind === 'Application') {
      const policy = (x?: KubeObject) => get(x, 'spec', 'template', 'spec', 'syncPolicy') ?? get(x, 'spec', 'syncPolicy');
      if (before && after && !same(policy(before), policy(after))) out.push({ topic: 'Argo CD sync', text: `${where}: sync policy ${JSON.stringify(policy(before) ?? {})} → ${JSON.stringify(policy(after) ?? {})}` });
    }
    if (o.kind === 'AppProject' && before && after && !same(get(before, 'spec', 'syncWindows'), get(after, 'spec', 'syncWindows'))) {
      out.push({ topic: 'Argo CD sync', text: `${where}: sync windows changed` });
    }
  }
  return out;
}

/** The objects of two renders of one file, paired by identity. */
export function pairObjects(env: string, app: string, before: readonly KubeObject[], after: readonly KubeObject[]): ObjectChange[] {
  const key = (o: KubeObject) => `${o.apiVersion}/${id(o)}`;
  const b = new Map(before.map((o) => [key(o), o]));
  const a = new Map(after.map((o) => [key(o), o]));
  return [...new Set([...b.keys(), ...a.keys()])].map((k) => ({ env, app, ...(b.has(k) ? { before: b.get(k)! } : {}), ...(a.has(k) ? { after: a.get(k)! } : {}) }));
}
