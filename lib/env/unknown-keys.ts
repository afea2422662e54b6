// Keys an environment may set, checked when it loads: a misspelt key (`retension:`) would otherwise
// be carried along and silently ignored, and a setting with no effect (`sizes.alloy.storage`: Alloy
// has no volume) would look like it does something. The keys come from the one schema (schema.ts)
// the TypeScript type is inferred from, list items and union variants included; an unknown key is
// an error with the closest known key.
import type { z } from 'zod';
import { closest } from '../alloy/suggest';
import { environmentSchema } from './schema';
import type { Environment } from './types';

/** Components that run with a PersistentVolumeClaim, so `sizes.<name>.storage` means something. */
export const STORAGE_COMPONENTS = new Set(['alloyCluster', 'mimir', 'loki', 'tempo', 'minio']);

export interface KeyProblem {
  path: string;
  message: string;
}

type Schema = z.core.$ZodType;
type Def = { type: string; innerType?: Schema; element?: Schema; options?: Schema[]; discriminator?: string; shape?: Record<string, Schema>; values?: unknown[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object variant of a discriminated union that `value` names, or undefined. */
function variantOf(def: Def, value: Record<string, unknown>): Schema | undefined {
  const key = def.discriminator!;
  return def.options!.find((o) => {
    const tag = defOf(o).shape?.[key];
    return tag !== undefined && (defOf(tag).values ?? []).includes(value[key]);
  });
}

function walk(value: unknown, schema: Schema, path: string, out: KeyProblem[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      if (value !== undefined) walk(value, def.innerType!, path, out);
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, def.element!, `${path}[${i}]`, out));
      return;
    case 'union': {
      if (!isObject(value)) {
        // `collect.namespaces`: a list or 'all'; the list's items are strings, nothing to walk.
        return;
      }
      if (def.discriminator) {
        const variant = variantOf(def, value);
        if (!variant) return; // the shape check names the bad discriminator
        const shape = defOf(variant).shape!;
        const keys = Object.keys(shape);
        for (const k of Object.keys(value)) {
          if (keys.includes(k)) {
            walk(value[k], shape[k]!, `${path}.${k}`, out);
            continue;
          }
          const near = closest(k, keys);
          out.push({ path: `${path}.${k}`, message: `not a key of "${String(value[def.discriminator])}" ${path}${near ? `; did you mean "${near}"?` : ''}` });
        }
      }
      return;
    }
    case 'object': {
      if (!isObject(value)) return;
      const shape = def.shape!;
      const known = Object.keys(shape);
      for (const key of Object.keys(value)) {
        const at = path ? `${path}.${key}` : key;
        const child = shape[key];
        if (!child) {
          const near = closest(key, known);
          out.push({ path: at, message: `unknown key${near ? `; did you mean "${near}"?` : `; known keys here: ${[...known].sort().join(', ')}`}` });
          continue;
        }
        if (path === 'sizes' && isObject(value[key]) && 'storage' in (value[key] as object) && !STORAGE_COMPONENTS.has(key)) {
          out.push({ path: `${at}.storage`, message: `${key} has no volume, so storage has no effect; remove it (only ${[...STORAGE_COMPONENTS].join(', ')} take one)` });
        }
        walk(value[key], child, at, out);
      }
      return;
    }
    default:
      return;
  }
}

export function unknownKeys(env: Environment): KeyProblem[] {
  const out: KeyProblem[] = [];
  walk(env, environmentSchema, '', out);
  return out;
}
