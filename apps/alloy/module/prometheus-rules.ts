// PrometheusRules into Mimir's ruler, when an environment sets collect.prometheusRules: Alloy's
// mimir.rules.kubernetes (internal/component/mimir/rules/kubernetes at the pinned Alloy) watches
// Namespaces and PrometheusRules, turns each PrometheusRule into rule groups under the Mimir
// namespace `<prefix>/<namespace>/<name>/<uid>`, and reconciles the ruler API to them every
// sync_interval: groups it finds in Mimir under its prefix but not in Kubernetes are deleted, so a
// rule removed in Git (through Argo CD) or by hand leaves the ruler too. This repository's own
// rules ride the same path (apps/alerting renders them as PrometheusRule objects).
//
// It runs in the cluster collector, one pod: the ruler API has one writer. (Under Alloy
// clustering the component elects one writer itself; a single pod needs none.)
//
// Scope: the namespace selector says which namespaces' PrometheusRules are read. The collected
// namespaces are given by name, which Kubernetes puts in every Namespace's
// `kubernetes.io/metadata.name` label, so an explicit list is `In` and exclusions are `NotIn`.
// The stack's own namespace is always among the collected ones (lib/env/collect.ts).
import { argument, block, component, declare, type NestedBlock } from '../../../lib/alloy/builder';
import { discoveryExclusions } from '../../../lib/env/collect';
import type { PolicyRule } from '../../../lib/k8s/types';
import type { ClusterSectionBuilder } from './section';

/** The Mimir namespace prefix of every rule group this stack writes (the component's default is `alloy`). */
export const RULES_NAMESPACE_PREFIX = 'lgtm';

/** The label every Namespace carries with its own name (Kubernetes sets it, since 1.21). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const clusterPrometheusRules: ClusterSectionBuilder = (w, env) => {
  const mimirUrl = argument('mimir_url', { comment: "Mimir's base URL: the ruler API lives under /prometheus/config/v1/rules." });
  const namespaces = argument('namespaces', { comment: 'Namespaces whose PrometheusRules are loaded; empty: every namespace.' });
  const exclude = argument('exclude_namespaces', { comment: 'Namespaces left out when every namespace is read.' });
  const selector: NestedBlock | undefined =
    env.collect.namespaces !== 'all'
      ? block({ match_expression: block({ key: NAMESPACE_NAME_LABEL, operator: 'In', values: namespaces.value }) })
      : discoveryExclusions(env).length > 0
        ? block({ match_expression: block({ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: exclude.value }) })
        : undefined;
  const sync = component('mimir.rules.kubernetes', 'cluster', {
    address: mimirUrl.value,
    // Mimir runs with multitenancy disabled: no tenant header (the component then sends none).
    mimir_namespace_prefix: RULES_NAMESPACE_PREFIX,
    // A rule changed in Git reaches Mimir at the next watch event; this repairs drift in Mimir.
    sync_interval: '1m',
    ...(selector ? { rule_namespace_selector: selector } : {}),
  });
  return {
    definition: declare('prometheus_rules', [mimirUrl, namespaces, exclude, sync]),
    instance: component('prometheus_rules', 'default', { mimir_url: w.mimirUrl, namespaces: w.namespaces, exclude_namespaces: w.excludeNamespaces }),
  };
};

/** What the component's informers read: Namespaces (for the selector) and PrometheusRules. */
export function prometheusRuleRules(): PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['namespaces'], verbs: ['list', 'watch'] },
    { apiGroups: ['monitoring.coreos.com'], resources: ['prometheusrules'], verbs: ['list', 'watch'] },
  ];
}
