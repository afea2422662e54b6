// Step 5: a stable order, Helm's and Tanka's kind order first, then namespace and name.
import type { KubeObject } from '../../lib/k8s/types';

export const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const rank = new Map(KIND_ORDER.map((k, i) => [k, i]));

function compare(a: KubeObject, b: KubeObject): number {
  const ra = rank.get(a.kind) ?? KIND_ORDER.length;
  const rb = rank.get(b.kind) ?? KIND_ORDER.length;
  if (ra !== rb) return ra - rb;
  // Unknown kinds come last, alphabetically by kind.
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? '';
  const mb = b.metadata.name ?? '';
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** Sorted copy; Array.prototype.sort is stable, so equal keys keep their order. */
export function sortObjects<T extends { object: KubeObject }>(items: T[]): T[] {
  return [...items].sort((x, y) => compare(x.object, y.object));
}
