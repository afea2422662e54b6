// Per-object opt-outs: `metadata.annotations["lgtm.dev/skip-<check-id>"]: "<reason>"`. The reason
// is required (an empty one is itself an error) so every exception in the rendered output says why.
import type { KubeObject } from '../k8s/types';
import { CHECK_BY_ID } from './checks';
import type { ObjectReport } from './report';

export const SKIP_PREFIX = 'lgtm.dev/skip-';

const NONE: ReadonlySet<string> = new Set();

/** Ids of the checks this object opts out of with a reason; bad annotations are reported. */
export function optOuts(object: KubeObject, report: ObjectReport): ReadonlySet<string> {
  const annotations = object.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return NONE;
  let skipped: Set<string> | undefined;
  for (const key in annotations) {
    if (!key.startsWith(SKIP_PREFIX)) continue;
    const id = key.slice(SKIP_PREFIX.length);
    const reason = annotations[key];
    const path = ['metadata', 'annotations', key];
    const info = CHECK_BY_ID.get(id);
    if (!info) {
      report('opt-out', path, `"${id}" is not a check id; use one listed by lgtm validate --help`);
    } else if (id === 'secret-data') {
      report('opt-out', path, 'a plaintext Secret cannot be waived with an annotation (anyone who can read the repository reads it); create the Secret out of band and declare it in the app\'s externals()');
    } else if (!info.skippable) {
      report('opt-out', path, `check "${id}" cannot be skipped; fix the object instead`);
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      report('opt-out', path, `skipping "${id}" needs a written reason; set the annotation's value to why the check does not apply`);
    } else {
      (skipped ??= new Set()).add(id);
    }
  }
  return skipped ?? NONE;
}
