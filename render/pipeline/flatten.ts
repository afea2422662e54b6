// Step 1: walk an app's nested tree and collect its manifests, as Tanka's process.Extract does.
import type { KubeObject } from '../../lib/k8s/types';
import { jsonCopy } from '../../lib/json/copy';
import { RenderError } from './errors';

export interface Extracted {
  object: KubeObject;
  /** Where in the app's tree the object was found, e.g. `platform.namespaces[0]`; names it in errors. */
  source: string;
}

function isManifest(v: Record<string, unknown>): boolean {
  return typeof v.apiVersion === 'string' && v.apiVersion !== '' && typeof v.kind === 'string' && v.kind !== '';
}

/** Plain JSON data: drops `undefined`, applies `toJSON` of model classes, and copies so later steps may mutate. */
function toPlain(v: unknown): KubeObject {
  return jsonCopy(v) as KubeObject;
}

export function flatten(tree: unknown, root: string): Extracted[] {
  const out: Extracted[] = [];
  const walk = (value: unknown, path: string): void => {
    // Model classes (kubernetes-models) serialize through toJSON; look at what they serialize to.
    const node = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    if (typeof node !== 'object') {
      throw new RenderError(`${path}: found ${JSON.stringify(node)} where a Kubernetes object (with apiVersion and kind), an array or a record of them was expected`);
    }
    const obj = node as Record<string, unknown>;
    if (isManifest(obj)) {
      if (/List$/.test(obj.kind as string) && Array.isArray(obj.items)) {
        (obj.items as unknown[]).forEach((item, i) => {
          const p = `${path}.items[${i}]`;
          if (item === null || typeof item !== 'object' || Array.isArray(item) || !isManifest(item as Record<string, unknown>)) {
            throw new RenderError(`${p}: an item of ${obj.kind as string} must be a Kubernetes object with apiVersion and kind`);
          }
          out.push({ object: toPlain(item), source: p });
        });
        return;
      }
      out.push({ object: toPlain(obj), source: path });
      return;
    }
    for (const key of Object.keys(obj).sort()) walk(obj[key], `${path}.${key}`);
  };
  walk(tree, root);
  return out;
}
