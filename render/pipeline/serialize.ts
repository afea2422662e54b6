// Step 6: deterministic YAML. apiVersion, kind and metadata first, every other key sorted, no
// anchors, no line folding, and YAML-1.1-safe scalars because kubectl and Argo CD read YAML with
// a Go YAML 1.1 parser (an unquoted `on`, `yes` or `y` would turn into a boolean there).
import type { KubeObject } from '../../lib/k8s/types';
import { withHeader } from './header';
import { toYaml } from '../../lib/k8s/yaml';

export { toYaml } from '../../lib/k8s/yaml';

export { withHeader, inspectGenerated, bodyDigest, header, type CommentStyle } from './header';

const FIRST = ['apiVersion', 'kind', 'metadata'];

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

export function canonicalObject(object: KubeObject): Record<string, unknown> {
  const sorted = sortKeys(object) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of FIRST) if (key in sorted) out[key] = sorted[key];
  for (const key of Object.keys(sorted)) if (!FIRST.includes(key)) out[key] = sorted[key];
  return out;
}


export function serializeObject(object: KubeObject): string {
  return withHeader(toYaml(canonicalObject(object)), '#');
}
