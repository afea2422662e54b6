// Step: the sync wave of every object that has none, from lib/argocd/waves.ts. An app that sets a
// wave itself keeps it; hooks are left alone. Returns new objects; the input is not changed.
import type { KubeObject } from '../../lib/k8s/types';
import { SYNC_WAVE_ANNOTATION, WAVE_PATTERN, isHook, waveOf } from '../../lib/argocd/waves';
import { RenderError } from './errors';

function describe(o: KubeObject): string {
  const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind} "${ns}${o.metadata.name ?? ''}"`;
}

export function applySyncWaves(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => {
    const current = o.metadata.annotations?.[SYNC_WAVE_ANNOTATION];
    if (current !== undefined) {
      if (typeof current !== 'string' || !WAVE_PATTERN.test(current)) {
        throw new RenderError(
          `${describe(o)}: annotation ${SYNC_WAVE_ANNOTATION} is ${JSON.stringify(current)}; Argo CD needs a whole number as a string, such as "-1"`,
        );
      }
      return o;
    }
    if (isHook(o)) return o;
    const wave = waveOf(o);
    if (wave === undefined) return o;
    return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SYNC_WAVE_ANNOTATION]: String(wave) } } };
  });
}
