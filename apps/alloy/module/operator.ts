// Prometheus Operator objects that application teams already ship: ServiceMonitors, PodMonitors
// and Probes, read by Alloy's prometheus.operator.* components (internal/component/prometheus/
// operator at the pinned Alloy). Each component turns every object into scrape configs; its `rule`
// blocks run first on every discovered target, before the object's own relabelings
// (configgen.initRelabelings), with the Kubernetes meta labels still present. That is where the
// exactly-once split is made:
//
// - a target backed by a pod is scraped by the Alloy of the pod's node
//   (`__meta_kubernetes_pod_node_name` equal to this node), like every other pod target;
// - a ServiceMonitor endpoint that no pod backs (the API server's own `kubernetes` Service,
//   manually managed Endpoints) has no node, and only the cluster collector keeps it;
// - a Probe's targets are URLs (static or Ingress hosts) with no node at all: only the cluster
//   collector reads Probes.
//
// Every node keeps a disjoint set and the union is every target, so each target is scraped once
// (test/metrics/exactly-once.test.ts applies these rules to every kind of target). Discovery uses
// EndpointSlices, which Kubernetes 1.33 serves instead of the deprecated Endpoints.
//
// The CRDs are not installed by this repository (collect.prometheusOperator says they exist).
// Credentials that a monitor reads from a Secret or ConfigMap (basicAuth, bearerTokenSecret, TLS)
// need `get` on that object; no rule grants it, because a cluster-wide Secret read would hand Alloy
// every credential in the cluster. Such a monitor's scrapes fail with a permission error in
// Alloy's UI until a Role in its namespace grants the read (docs/instrumenting.md).
import { argument, component, declare, env as sysEnv, raw, type NestedBlock } from '../../../lib/alloy/builder';
import { goQuote } from '../../../lib/alloy/quote';
import { discoveryExclusions } from '../../../lib/env/collect';
import type { Environment } from '../../../lib/env/types';
import type { PolicyRule } from '../../../lib/k8s/types';
import { ENV } from '../names';
import type { ClusterSectionBuilder, ClusterWiring, Section, SectionBuilder } from './section';
import { rule, scopeRules } from './rules';

const NODE_OF_POD = '__meta_kubernetes_pod_node_name';
const NAMESPACE = '__meta_kubernetes_namespace';

/** Node names are DNS subdomains: a dot is the only character a regex would read specially. */
const thisNode = () => raw(`string.replace(${sysEnv(ENV.hostname).text}, ".", ${goQuote('\\.')})`);

interface OperatorKind {
  kind: 'servicemonitors' | 'podmonitors' | 'probes';
  label: string;
  /** The exactly-once split: which of the discovered targets this collector keeps. */
  split: NestedBlock[];
  /** Labels that carry a target's namespace when the split has run. */
  namespaceLabels: string[];
}

/** A declare of prometheus.operator.* components: the split rule first, then the collection scope. */
function operatorSection(w: ClusterWiring, env: Environment, name: string, kinds: OperatorKind[]): Section {
  const namespaces = argument('namespaces', { comment: 'Namespaces whose objects are read; empty: every namespace.' });
  const exclude = argument('exclude_namespaces', { comment: 'Namespaces left out when every namespace is read.' });
  const forwardTo = argument('forward_to', { comment: 'Prometheus receivers.' });
  const scope = { explicit: env.collect.namespaces !== 'all', excluding: discoveryExclusions(env).length > 0 };
  const components = kinds.map(({ kind, label, split, namespaceLabels }) => {
    const rules = [...split, ...scopeRules(scope, namespaceLabels, namespaces.value, exclude.value)];
    return component(`prometheus.operator.${kind}`, label, {
      forward_to: forwardTo.value,
      namespaces: namespaces.value,
      // Only ServiceMonitors discover Service endpoints; PodMonitors read pods, Probes URLs.
      ...(kind === 'servicemonitors' ? { kubernetes_role: 'endpointslice' } : {}),
      ...(rules.length > 0 ? { rule: rules } : {}),
    });
  });
  return {
    definition: declare(name, [namespaces, exclude, forwardTo, ...components]),
    instance: component(name, 'default', { namespaces: w.namespaces, exclude_namespaces: w.excludeNamespaces, forward_to: [w.metrics] }),
  };
}

/** DaemonSet: the ServiceMonitor and PodMonitor targets of this node's pods. */
export const nodeMonitors: SectionBuilder = (w, env) => {
  const split = [rule({ source_labels: [NODE_OF_POD], regex: thisNode(), action: 'keep' })];
  return operatorSection(w, env, 'operator_monitors', [
    { kind: 'servicemonitors', label: 'node', split, namespaceLabels: [NAMESPACE] },
    { kind: 'podmonitors', label: 'node', split, namespaceLabels: [NAMESPACE] },
  ]);
};

/**
 * Cluster collector: ServiceMonitor endpoints without a pod, and every Probe. A static Probe
 * target carries the Probe's namespace in `namespace` (set by the component before the rules), an
 * Ingress target in `__meta_kubernetes_namespace`.
 */
export const clusterMonitors: ClusterSectionBuilder = (w, env) =>
  operatorSection(w, env, 'operator_cluster', [
    { kind: 'servicemonitors', label: 'podless', split: [rule({ source_labels: [NODE_OF_POD], regex: '.+', action: 'drop' })], namespaceLabels: [NAMESPACE] },
    { kind: 'probes', label: 'cluster', split: [], namespaceLabels: [NAMESPACE, 'namespace'] },
  ]);

/**
 * RBAC of the operator components: their own kinds, and what endpointslice discovery watches.
 * `node` reads ServiceMonitors and PodMonitors; `cluster` reads ServiceMonitors and Probes, and
 * Ingresses for Probes that target them.
 */
export function operatorRules(role: 'node' | 'cluster'): PolicyRule[] {
  const kinds = role === 'node' ? ['podmonitors', 'servicemonitors'] : ['probes', 'servicemonitors'];
  return [
    { apiGroups: ['monitoring.coreos.com'], resources: kinds, verbs: ['list', 'watch'] },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['services', 'pods'], verbs: ['list', 'watch'] },
    ...(role === 'cluster' ? [{ apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['list', 'watch'] }] : []),
  ];
}
