// The stream labels of the repository's logs in Loki. Tailed pod logs get them from Kubernetes
// discovery; OTLP logs get them from these OTel resource attributes (the collector copies each to
// the label's name, and Loki indexes exactly those). One selector then finds an application's OTLP
// and pod logs alike, and Grafana's trace → logs query needs no knowledge of how a line arrived.

/** OTel resource attribute → Loki stream label. */
export const OTLP_LOG_LABELS: readonly (readonly [attribute: string, label: string])[] = [
  ['k8s.namespace.name', 'namespace'],
  ['k8s.pod.name', 'pod'],
  ['k8s.container.name', 'container'],
  // The pod's app.kubernetes.io/name label, which the collector adds under this attribute name.
  ['app.kubernetes.io/name', 'app'],
];

/** The label every stream carries for its cluster (an external label, or a resource attribute for OTLP). */
export const CLUSTER_LABEL = 'cluster';

/**
 * `job` of Kubernetes event streams: the value Grafana's k8s-monitoring chart uses, so queries and
 * dashboards written for it carry over. The collector sets it; dashboards select on it.
 */
export const EVENTS_JOB = 'integrations/kubernetes/eventhandler';
