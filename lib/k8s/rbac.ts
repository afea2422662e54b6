// Read access to the cluster for one component: its ServiceAccount, a ClusterRole with the rules it
// needs and the binding between them. Cluster-scoped names are shared by every stack in the
// cluster, so they carry the stack's namespace.
import type { KubeObject, PolicyRule } from './types';

export interface ClusterAccess {
  serviceAccount: KubeObject;
  clusterRole: KubeObject;
  clusterRoleBinding: KubeObject;
}

/** `<namespace>-<account>`: the ClusterRole and ClusterRoleBinding name of an account. */
export function clusterRoleName(namespace: string, account: string): string {
  return `${namespace}-${account}`;
}

export function clusterAccess(namespace: string, account: string, rules: PolicyRule[]): ClusterAccess {
  const name = clusterRoleName(namespace, account);
  return {
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account } },
    clusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
    clusterRoleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
    },
  };
}
