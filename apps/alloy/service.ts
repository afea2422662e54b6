// The OTLP Service in front of the DaemonSet. `internalTrafficPolicy: Local` keeps a client's
// telemetry on its own node's Alloy, the same one that tails its logs and adds its pod metadata;
// a node without a ready Alloy pod drops the traffic rather than crossing nodes.
import { serviceOf } from '../../lib/k8s/service';
import type { KubeObject } from '../../lib/k8s/types';
import { ALLOY } from './names';

export function otlpService(): KubeObject {
  const service = serviceOf('alloy', ALLOY);
  const spec = service.spec as { ports: { name: string }[] } & Record<string, unknown>;
  // Only the OTLP ports: 12345 serves the UI, /-/reload and /debug/pprof (on by default), which no
  // other pod needs; the kubelet probes the container port directly and self-metrics stay in process.
  return { ...service, spec: { ...spec, ports: spec.ports.filter((p) => p.name.startsWith('otlp-')), internalTrafficPolicy: 'Local' } };
}
