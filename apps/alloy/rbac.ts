// Least-privilege API access for the Alloy DaemonSet. Every rule names the component that needs it;
// adding a component that reads another resource means adding a rule here, nothing broader.
import type { Environment } from '../../lib/env/types';
import type { PolicyRule } from '../../lib/k8s/types';
import { clusterAccess, type ClusterAccess } from '../../lib/k8s/rbac';
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

/** The DaemonSet's ServiceAccount, ClusterRole and binding. */
export function alloyAccess(env: Environment): ClusterAccess {
  return clusterAccess(env.namespace, ALLOY, alloyRules(env));
}
