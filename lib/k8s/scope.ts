// Which kinds are namespaced: the render pipeline injects namespaces by it, and the Argo CD
// project check lists the cluster-scoped kinds an environment may create.
import type { KubeObject } from './types';

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
