// Least-privilege API access for the Alloy DaemonSet. Every rule names the component that needs it;
// adding a component that reads another resource means adding a rule here, nothing broader.
import type { Environment } from '../../lib/env/types';
import type { KubeObject, PolicyRule } from '../../lib/k8s/types';
import { ALLOY } from './names';
import { kubeletRules } from './module/kubelet';
import { operatorRules } from './module/operator';

export type Rule = PolicyRule;

/**
 * Informers only ever list and watch, so no rule grants `get`.
 * - `discovery.kubernetes` (role `pod`, field selector `spec.nodeName`) lists and watches pods,
 *   one watch per collected namespace: pod metrics, pod logs, the stack and the Pushgateway.
 * - `otelcol.processor.k8sattributes` (filtered to this node) lists and watches pods. It watches
 *   namespaces only to copy namespace labels or annotations, and replicasets only when
 *   `deployment_name_from_replicaset` is off; the pipeline does neither, so neither is granted.
 * - Log reading tails files under /var/log/pods on the node and needs no API access.
 */
export function alloyRules(env: Environment): Rule[] {
  // Node discovery and kubelet/cAdvisor scraping: see apps/alloy/module/kubelet.ts for each rule's
  // reason; ServiceMonitors and PodMonitors in apps/alloy/module/operator.ts.
  return [
    { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
    ...kubeletRules(),
    ...(env.collect.prometheusOperator ? operatorRules('node') : []),
  ];
}

/** Cluster-scoped names are shared by every stack in the cluster, so they carry the namespace. */
export function clusterRoleName(env: Environment): string {
  return `${env.namespace}-${ALLOY}`;
}

export function serviceAccount(): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: ALLOY } };
}

export function clusterRole(env: Environment): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: clusterRoleName(env) },
    rules: alloyRules(env),
  };
}

export function clusterRoleBinding(env: Environment): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: clusterRoleName(env) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoleName(env) },
    subjects: [{ kind: 'ServiceAccount', name: ALLOY, namespace: env.namespace }],
  };
}
