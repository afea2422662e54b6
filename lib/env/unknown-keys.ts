// Keys an environment may set, checked when it loads: a misspelt key (`retension:`) would otherwise
// be carried along and silently ignored, and a setting with no effect (`sizes.alloy.storage`: Alloy
// has no volume) would look like it does something. The shape is the defaults' shape plus the few
// optional keys the types allow; everything else is an error with the closest known key.
import { closest } from '../alloy/suggest';
import type { Environment } from './types';

/** Components that run with a PersistentVolumeClaim, so `sizes.<name>.storage` means something. */
export const STORAGE_COMPONENTS = new Set(['alloyCluster', 'mimir', 'loki', 'tempo', 'minio']);

/** Optional keys that the defaults do not set, by path (`*` stands for any key at that level). */
const OPTIONAL: Record<string, readonly string[]> = {
  alerting: ['criticalReceiver'],
  'sizes.*': ['storage'],
  'sizes.*.resources.limits': ['cpu'],
};

/** Keys of each `storage` variant: the union is replaced whole, not merged, so it is checked by type. */
const STORAGE_KEYS: Record<string, readonly string[]> = {
  minio: ['type'],
  external: ['type', 'endpoint', 'region', 'insecure', 'credentials'],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function unknownKeys(env: Environment, defaults: Environment): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const walk = (value: Record<string, unknown>, shape: Record<string, unknown>, path: string, pattern: string) => {
    const known = new Set([...Object.keys(shape), ...(OPTIONAL[pattern] ?? [])]);
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!known.has(key)) {
        const near = closest(key, known);
        out.push({ path: at, message: `unknown key${near ? `; did you mean "${near}"?` : `; known keys here: ${[...known].sort().join(', ')}`}` });
        continue;
      }
      const child = value[key];
      if (path === 'sizes' && isObject(child) && 'storage' in child && !STORAGE_COMPONENTS.has(key)) {
        out.push({ path: `${at}.storage`, message: `${key} has no volume, so storage has no effect; remove it (only ${[...STORAGE_COMPONENTS].join(', ')} take one)` });
      }
      if (at === 'storage') {
        if (isObject(child) && typeof child.type === 'string' && STORAGE_KEYS[child.type]) {
          for (const k of Object.keys(child)) {
            if (!STORAGE_KEYS[child.type]!.includes(k)) out.push({ path: `storage.${k}`, message: `not a key of "${child.type}" storage${closest(k, STORAGE_KEYS[child.type]!) ? `; did you mean "${closest(k, STORAGE_KEYS[child.type]!)}"?` : ''}` });
          }
        }
        continue;
      }
      // Records keyed by name (sizes) share one shape: any component's defaults describe the others.
      const childShape = path === 'sizes' ? shape[key] ?? Object.values(shape)[0] : shape[key];
      if (isObject(child) && isObject(childShape)) walk(child, childShape, at, path === 'sizes' ? 'sizes.*' : pattern === 'sizes.*' || pattern.startsWith('sizes.*.') ? `${pattern}.${key}` : at);
    }
  };
  walk(env as unknown as Record<string, unknown>, defaults as unknown as Record<string, unknown>, '', '');
  return out;
}
