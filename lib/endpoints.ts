// Service names and ports of the stack, in one place: apps build their Services from these and
// every config that points at another component (Alloy, Grafana datasources, S3 endpoints) reads
// them here, so a renamed port cannot leave a dangling URL behind. `lgtm validate` checks that
// every such URL resolves to a rendered Service port.
import type { Environment } from './env/types';

export const services = {
  mimir: { name: 'mimir', ports: { http: 8080, grpc: 9095 } },
  loki: { name: 'loki', ports: { http: 3100, grpc: 9095 } },
  tempo: { name: 'tempo', ports: { http: 3200, grpc: 9095, 'otlp-grpc': 4317, 'otlp-http': 4318 } },
  grafana: { name: 'grafana', ports: { http: 3000 } },
  minio: { name: 'minio', ports: { api: 9000, console: 9001 } },
  pushgateway: { name: 'pushgateway', ports: { http: 9091 } },
  alloy: { name: 'alloy', ports: { 'otlp-grpc': 4317, 'otlp-http': 4318, http: 12345 } },
} as const;

export type ServiceName = keyof typeof services;
export type PortName<S extends ServiceName> = keyof (typeof services)[S]['ports'] & string;

/** Cluster DNS name of a stack Service: `mimir.observability.svc.cluster.local`. */
export function serviceHost(env: Environment, svc: ServiceName): string {
  return `${services[svc].name}.${env.namespace}.svc.cluster.local`;
}

export function servicePort<S extends ServiceName>(svc: S, port: PortName<S>): number {
  return (services[svc].ports as Record<string, number>)[port]!;
}

/** `host:port` of a stack Service port. */
export function hostPort<S extends ServiceName>(env: Environment, svc: S, port: PortName<S>): string {
  return `${serviceHost(env, svc)}:${servicePort(svc, port)}`;
}

/** `http://host:port<path>` of a stack Service port. */
export function httpUrl<S extends ServiceName>(env: Environment, svc: S, port: PortName<S>, path = ''): string {
  return `http://${hostPort(env, svc, port)}${path}`;
}
