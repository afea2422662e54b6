// Step 3: namespaced objects without a namespace get the environment's stack namespace.
import type { KubeObject } from '../../lib/k8s/types';

/** Cluster-scoped kinds (Kubernetes 1.33 plus the Argo CD kinds we render). */
export const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Set `"true"`/`"false"` on a custom resource whose scope this list does not know. */
export const NAMESPACED_ANNOTATION = 'lgtm.dev/namespaced';

export function isNamespaced(object: KubeObject): boolean {
  const override = object.metadata.annotations?.[NAMESPACED_ANNOTATION];
  if (override !== undefined) return override === 'true';
  return !CLUSTER_SCOPED.has(object.kind);
}

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
