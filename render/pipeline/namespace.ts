// Step 3: namespaced objects without a namespace get the environment's stack namespace.
import type { KubeObject } from '../../lib/k8s/types';
import { isNamespaced, NAMESPACED_ANNOTATION } from '../../lib/k8s/scope';

export { CLUSTER_SCOPED, isNamespaced, NAMESPACED_ANNOTATION } from '../../lib/k8s/scope';

export function injectNamespace(objects: KubeObject[], namespace: string): void {
  for (const o of objects) {
    const namespaced = isNamespaced(o);
    const annotations = o.metadata.annotations;
    if (annotations && NAMESPACED_ANNOTATION in annotations) {
      delete annotations[NAMESPACED_ANNOTATION];
      if (Object.keys(annotations).length === 0) delete o.metadata.annotations;
    }
    if (namespaced) o.metadata.namespace ??= namespace;
    else delete o.metadata.namespace;
  }
}
