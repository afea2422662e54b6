// Wires a workload's container for OTLP export to the Alloy on its own node. Every OpenTelemetry
// SDK (Node.js, Python, Rust, Go, Java) reads the same OTEL_* variables, so a team adds these to its
// container and starts its SDK without an endpoint in code. See docs/instrumenting.md.
import { servicePort } from '../endpoints';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export type OtlpProtocol = 'grpc' | 'http/protobuf';

export interface InstrumentOptions {
  /** `service.name` of every span, metric and log the container sends: lower-case, stable. */
  serviceName: string;
  /** `grpc` (port 4317, the default) or `http/protobuf` (port 4318). */
  protocol?: OtlpProtocol;
  /** Extra resource attributes such as `service.namespace` or `deployment.environment.name`. */
  attributes?: Record<string, string>;
}

export class InstrumentError extends Error {}

/** Variables this helper owns; a container that already sets one is refused rather than overridden. */
export const OWNED_VARIABLES = [
  'HOST_IP',
  'K8S_NODE_NAME',
  'K8S_NAMESPACE_NAME',
  'K8S_POD_NAME',
  'K8S_POD_UID',
  'OTEL_SERVICE_NAME',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_RESOURCE_ATTRIBUTES',
] as const;

const SERVICE_NAME = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/;
const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
// OTEL_RESOURCE_ATTRIBUTES is a W3C-baggage-like list: "," and "=" separate entries, "%" escapes.
const ATTRIBUTE_VALUE = /^[A-Za-z0-9._:/@+-]+$/;

const fieldRef = (name: string, fieldPath: string): EnvVar => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });

/**
 * The environment variables, in dependency order: Kubernetes expands `$(HOST_IP)` only from
 * variables defined earlier in the same list.
 */
export function otelEnv(containerName: string, options: InstrumentOptions): EnvVar[] {
  const where = `container "${containerName}"`;
  if (!SERVICE_NAME.test(options.serviceName)) {
    throw new InstrumentError(`${where}: serviceName ${JSON.stringify(options.serviceName)} must be lower-case letters, digits, ".", "_" or "-", such as "auth-service"`);
  }
  const protocol = options.protocol ?? 'grpc';
  if (protocol !== 'grpc' && protocol !== 'http/protobuf') {
    throw new InstrumentError(`${where}: protocol ${JSON.stringify(protocol)} must be "grpc" or "http/protobuf"`);
  }
  const extra = Object.entries(options.attributes ?? {});
  for (const [key, value] of extra) {
    if (!ATTRIBUTE_KEY.test(key)) {
      throw new InstrumentError(`${where}: attribute key ${JSON.stringify(key)} must be dotted lower-case words such as "service.namespace"`);
    }
    if (key.startsWith('k8s.') || key === 'service.name') {
      throw new InstrumentError(`${where}: attribute "${key}" is set by the helper; remove it from attributes`);
    }
    if (!ATTRIBUTE_VALUE.test(value)) {
      throw new InstrumentError(`${where}: attribute "${key}" value ${JSON.stringify(value)} may only hold letters, digits and . _ : / @ + - (no spaces, "," or "=")`);
    }
  }
  const port = servicePort('alloy', protocol === 'grpc' ? 'otlp-grpc' : 'otlp-http');
  const attributes = [
    'k8s.namespace.name=$(K8S_NAMESPACE_NAME)',
    'k8s.pod.name=$(K8S_POD_NAME)',
    // The pod UID lets Alloy's k8sattributes find the pod even when the connection is NATed.
    'k8s.pod.uid=$(K8S_POD_UID)',
    `k8s.container.name=${containerName}`,
    'k8s.node.name=$(K8S_NODE_NAME)',
    ...extra.map(([k, v]) => `${k}=${v}`),
  ];
  return [
    fieldRef('HOST_IP', 'status.hostIP'),
    fieldRef('K8S_NODE_NAME', 'spec.nodeName'),
    fieldRef('K8S_NAMESPACE_NAME', 'metadata.namespace'),
    fieldRef('K8S_POD_NAME', 'metadata.name'),
    fieldRef('K8S_POD_UID', 'metadata.uid'),
    { name: 'OTEL_SERVICE_NAME', value: options.serviceName },
    // The node's Alloy listens on hostPorts 4317/4318 (apps/alloy), so no traffic leaves the node.
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: `http://$(HOST_IP):${port}` },
    { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: protocol },
    { name: 'OTEL_RESOURCE_ATTRIBUTES', value: attributes.join(',') },
  ];
}

/** A copy of the container with the OTLP variables appended after its own. */
export function instrumentContainer<C extends { name: string; env?: readonly EnvVar[] }>(container: C, options: InstrumentOptions): C {
  const own = container.env ?? [];
  const taken = own.filter((e) => (OWNED_VARIABLES as readonly string[]).includes(e.name)).map((e) => e.name);
  if (taken.length > 0) {
    throw new InstrumentError(`container "${container.name}": already sets ${taken.join(', ')}; remove ${taken.length === 1 ? 'it' : 'them'} and let instrumentContainer set the OTLP variables`);
  }
  return { ...container, env: [...own, ...otelEnv(container.name, options)] };
}
