// Reads a rendered environment's manifests as the API server will get them: every object with the
// file it came from, so that any rejection names the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './kube';

export interface SourcedObject {
  readonly file: string;
  readonly object: KubeObject;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []))
    .sort();
}

export function readManifests(repoRoot: string, manifestsDir: string): SourcedObject[] {
  const out: SourcedObject[] = [];
  for (const path of walk(manifestsDir)) {
    const file = relative(repoRoot, path);
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const object = doc.toJS() as KubeObject | null;
      if (object) out.push({ file, object });
    }
  }
  return out;
}

/**
 * The order a fresh cluster needs: Namespaces and CRDs first (everything else lives in or is
 * typed by them), then RBAC and config, then the rest. Within a rank the file order holds.
 */
export function applyOrder(objects: readonly SourcedObject[]): SourcedObject[] {
  const rank = (o: KubeObject) => {
    if (o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition') return 0;
    if (['ServiceAccount', 'ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding', 'ConfigMap', 'Secret', 'PriorityClass'].includes(o.kind)) return 1;
    return 2;
  };
  return objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o.object) - rank(b.o.object) || a.i - b.i).map(({ o }) => o);
}
