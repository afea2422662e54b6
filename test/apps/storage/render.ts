// Renders only the storage-backend apps of an environment through the real pipeline.
import type { Environment } from '../../../lib/env/types';
import type { KubeObject } from '../../../lib/k8s/types';
import { renderEnvironment } from '../../../render/pipeline/index';
import { minio } from '../../../apps/minio/index';
import { mimir } from '../../../apps/mimir/index';
import { loki } from '../../../apps/loki/index';
import { tempo } from '../../../apps/tempo/index';
import { pushgateway } from '../../../apps/pushgateway/index';

export const STORAGE_APPS = [minio, mimir, loki, tempo, pushgateway] as const;

export function renderStorage(env: Environment): KubeObject[] {
  return renderEnvironment(env, STORAGE_APPS).objects.map((o) => o.object);
}

export function find(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} was not rendered`);
  return o;
}

/** `data[key]` of a rendered ConfigMap. */
export function configText(objects: readonly KubeObject[], name: string, key: string): string {
  const data = find(objects, 'ConfigMap', name).data as Record<string, string>;
  const text = data[key];
  if (text === undefined) throw new Error(`ConfigMap/${name} has no key ${key}`);
  return text;
}
