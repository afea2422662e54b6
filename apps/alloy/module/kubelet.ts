// This node's kubelet: its own metrics (`/metrics`: volume stats, pod lifecycle) and cAdvisor's
// container metrics (`/metrics/cadvisor`: CPU, memory, throttling, and the node's network from the
// root cgroup). Discovery asks the API server for this node only (`metadata.name=` + HOSTNAME, the
// node name), so each DaemonSet pod scrapes exactly its own kubelet.
import { argument, block, component, declare, env as sysEnv, raw, ref } from '../../../lib/alloy/builder';
import { ENV } from '../names';
import type { PolicyRule as Rule } from '../../../lib/k8s/types';
import type { SectionBuilder } from './section';
import { copy, rule } from './rules';

/**
 * The kubelet is no pod, so its series take the namespace of the node's system components, as in
 * kube-prometheus (whose kubelet Service lives there); series that name a pod keep their own.
 */
export const KUBELET_NAMESPACE = 'kube-system';

/** Endpoint → `job` component, `kube-system/kubelet` and `kube-system/cadvisor`. */
export const KUBELET_ENDPOINTS = [
  { label: 'kubelet', path: '/metrics' },
  { label: 'cadvisor', path: '/metrics/cadvisor' },
] as const;

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * - `discovery.kubernetes` role node lists and watches nodes (field-selected to this one).
 * - The kubelet authorizes `/metrics` and `/metrics/cadvisor` as `get` on `nodes/metrics`. Nothing
 *   here goes through the API server's node proxy, so `nodes/proxy` (which would also allow exec
 *   into every pod through the kubelet API) is not granted.
 */
export function kubeletRules(): Rule[] {
  return [
    { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
  ];
}

export const kubeletMetrics: SectionBuilder = (w) => {
  const forwardTo = argument('forward_to', { comment: 'Prometheus receivers.' });
  const node = component('discovery.kubernetes', 'node', {
    role: 'node',
    // Node-local: HOSTNAME is the node name (DaemonSet env), so only this node's kubelet is a target.
    selectors: block({ role: 'node', field: raw(`"metadata.name=" + ${sysEnv(ENV.hostname).text}`) }),
  });
  const parts = KUBELET_ENDPOINTS.flatMap((e) => {
    const relabel = component('discovery.relabel', e.label, {
      targets: ref(node, 'targets'),
      rule: [
        // The node role's address is the node's InternalIP and the kubelet's own port.
        copy('__meta_kubernetes_node_name', 'instance'),
        rule({ target_label: 'job', replacement: `${KUBELET_NAMESPACE}/${e.label}` }),
        rule({ target_label: 'namespace', replacement: KUBELET_NAMESPACE }),
        rule({ target_label: '__metrics_path__', replacement: e.path }),
      ],
    });
    const scrape = component('prometheus.scrape', e.label, {
      targets: ref(relabel, 'output'),
      scheme: 'https',
      bearer_token_file: `${SA_DIR}/token`,
      // cAdvisor and volume series carry the namespace and pod they describe; keep those rather
      // than the target's (honor_labels), so only node-level series get `kube-system`.
      honor_labels: true,
      forward_to: forwardTo.value,
      tls_config: block({
        ca_file: `${SA_DIR}/ca.crt`,
        // Kubelet serving certificates are self-signed on most clusters (kubeadm's default), not
        // issued by the cluster CA. The connection never leaves the node: this pod talks to its own
        // node's address, so skipping verification exposes the token to no network path.
        insecure_skip_verify: true,
      }),
    });
    return [relabel, scrape];
  });
  return {
    definition: declare('kubelet_metrics', [forwardTo, node, ...parts]),
    instance: component('kubelet_metrics', 'default', { forward_to: [w.metrics] }),
  };
};

