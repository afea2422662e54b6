// Services and container ports built from the one table in lib/endpoints.ts, so a Service port,
// its targetPort and the container port always share the name and number.
import { services, type ServiceName } from '../endpoints';
import type { KubeObject } from './types';
import { selectorLabels } from './workload';

function portsOf(svc: ServiceName): [string, number][] {
  return Object.entries(services[svc].ports as Record<string, number>);
}

export function containerPorts(svc: ServiceName): Record<string, unknown>[] {
  return portsOf(svc).map(([name, port]) => ({ name, containerPort: port, protocol: 'TCP' }));
}

/** ClusterIP Service exposing every port the endpoints table lists for `svc`, by name. */
export function serviceOf(svc: ServiceName, component: string = svc): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: services[svc].name },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(component),
      ports: portsOf(svc).map(([name, port]) => ({ name, port, targetPort: name, protocol: 'TCP' })),
    },
  };
}
