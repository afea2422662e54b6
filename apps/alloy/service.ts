// The OTLP Service in front of the DaemonSet. `internalTrafficPolicy: Local` keeps a client's
// telemetry on its own node's Alloy, the same one that tails its logs and adds its pod metadata;
// a node without a ready Alloy pod drops the traffic rather than crossing nodes.
import { serviceOf } from '../../lib/k8s/service';
import type { KubeObject } from '../../lib/k8s/types';
import { ALLOY } from './names';

export function otlpService(): KubeObject {
  const service = serviceOf('alloy', ALLOY);
  return { ...service, spec: { ...(service.spec as Record<string, unknown>), internalTrafficPolicy: 'Local' } };
}
