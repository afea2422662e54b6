// Validation throughput: schema + strict + policy + references over one large environment, warm.
import { resolve } from 'node:path';
import { CLUSTER_SCOPED } from '../render/pipeline/namespace';
import type { BenchResult } from '../render/commands/bench';
import type { KubeObject } from '../lib/k8s/types';
import { apps } from '../apps/registry';
import { loadEnvironment } from '../lib/env/load';
import { externalsOf, mergeExternals, validateObjects, type ExternalRefs, type SourcedObject } from '../lib/validate/index';
import { loadManifests } from '../lib/validate/load';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');

/** The valid test corpus and the rendered dev environment, copied into `copies` namespaces. */
export function syntheticEnvironment(copies: number): SourcedObject[] {
  const base = loadManifests(ROOT, ['test/validate/corpus/valid', 'environments/dev/manifests']).objects;
  const out: SourcedObject[] = [];
  for (let i = 0; i < copies; i++) {
    for (const s of base) {
      const object = structuredClone(s.object) as KubeObject & { roleRef?: { name: string }; subjects?: { namespace?: string }[] };
      if (i > 0 && CLUSTER_SCOPED.has(object.kind)) {
        // Cluster-scoped copies get their own names, and bindings follow their copied roles and accounts.
        object.metadata.name = `${object.metadata.name}-${i}`;
        if (object.kind === 'ClusterRoleBinding') {
          if (object.roleRef) object.roleRef.name = `${object.roleRef.name}-${i}`;
          for (const subject of object.subjects ?? []) if (subject.namespace) subject.namespace = `${subject.namespace}-${i}`;
        }
      } else if (i > 0) {
        object.metadata.namespace = `${object.metadata.namespace}-${i}`;
        if (object.kind === 'RoleBinding') for (const subject of object.subjects ?? []) if (subject.namespace) subject.namespace = `${subject.namespace}-${i}`;
      }
      out.push({ object, file: s.file });
    }
  }
  return out;
}

/** What the dev apps and the corpus declare as external, for every copied namespace. */
export async function syntheticExternals(copies: number): Promise<ExternalRefs> {
  const declared = mergeExternals(externalsOf(await loadEnvironment(ROOT, 'dev'), apps), { secrets: [{ namespace: 'obs', name: 's3-credentials', keys: [] }], endpoints: [] });
  const secrets = declared.secrets.flatMap((s) => Array.from({ length: copies }, (_, i) => ({ namespace: i === 0 ? s.namespace : `${s.namespace}-${i}`, name: s.name, keys: s.keys })));
  return { secrets, endpoints: declared.endpoints };
}

export async function bench(): Promise<BenchResult[]> {
  const copies = 400;
  const externals = await syntheticExternals(copies);
  const objects = syntheticEnvironment(copies);
  const cold = performance.now();
  const findings = validateObjects(objects, externals);
  const coldMs = performance.now() - cold;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    validateObjects(objects, externals);
    runs.push(performance.now() - t);
  }
  const best = Math.min(...runs);
  return [
    { name: `validate ${objects.length} objects, warm (schema+strict+policy+refs)`, value: Math.round(objects.length / (best / 1000)), unit: 'objects/s', target: '>= 150000 objects/s' },
    { name: `validate ${objects.length} objects, first run`, value: coldMs, unit: 'ms' },
    { name: 'findings in the synthetic environment (context, not a target)', value: findings.length, unit: 'findings' },
  ];
}
