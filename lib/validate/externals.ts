// Collects what an environment's apps reference but do not render.
import type { Environment } from '../env/types';
import type { ExternalRefs } from './types';

/** What an app tells validation: whether it runs in the environment, and what it expects from outside. */
export interface ExternalsSource {
  enabled?(env: Environment): boolean;
  externals?(env: Environment): ExternalRefs;
}

/** Union of several declarations, without duplicates. */
export function mergeExternals(...parts: readonly ExternalRefs[]): ExternalRefs {
  const secrets = new Map<string, { namespace: string; name: string; keys: string[] }>();
  const endpoints = new Set<string>();
  for (const p of parts) {
    for (const s of p.secrets) {
      const id = `${s.namespace}/${s.name}`;
      const keys = [...new Set([...(secrets.get(id)?.keys ?? []), ...s.keys])].sort();
      secrets.set(id, { namespace: s.namespace, name: s.name, keys });
    }
    for (const e of p.endpoints) endpoints.add(e);
  }
  return {
    secrets: [...secrets.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)),
    endpoints: [...endpoints].sort(),
  };
}

/** The externals every enabled app of `env` declares. */
export function externalsOf(env: Environment, apps: readonly ExternalsSource[]): ExternalRefs {
  return mergeExternals(...apps.filter((a) => !a.enabled || a.enabled(env)).map((a) => a.externals?.(env) ?? { secrets: [], endpoints: [] }));
}
