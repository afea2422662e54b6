// The OTLP wiring every team adds to its containers: the node's Alloy over HOST_IP, service name
// and Kubernetes resource attributes, in an order Kubernetes can expand.
import { InstrumentError, instrumentContainer, otelEnv, type EnvVar } from '../../../lib/otel/instrument';
import { servicePort } from '../../../lib/endpoints';

const byName = (env: EnvVar[]) => Object.fromEntries(env.map((e) => [e.name, e]));

describe('otelEnv', () => {
  const env = otelEnv('api', { serviceName: 'auth-service' });
  const vars = byName(env);

  test('sends OTLP/gRPC to the Alloy on the same node', () => {
    expect(vars.HOST_IP?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIP' } });
    expect(vars.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe(`http://$(HOST_IP):${servicePort('alloy', 'otlp-grpc')}`);
    expect(vars.OTEL_EXPORTER_OTLP_PROTOCOL?.value).toBe('grpc');
    expect(vars.OTEL_SERVICE_NAME?.value).toBe('auth-service');
  });

  test('OTLP/HTTP uses the HTTP port', () => {
    const http = byName(otelEnv('api', { serviceName: 'ai-worker', protocol: 'http/protobuf' }));
    expect(http.OTEL_EXPORTER_OTLP_ENDPOINT?.value).toBe(`http://$(HOST_IP):${servicePort('alloy', 'otlp-http')}`);
    expect(http.OTEL_EXPORTER_OTLP_PROTOCOL?.value).toBe('http/protobuf');
  });

  test('resource attributes name the namespace, pod, container and node', () => {
    expect(vars.OTEL_RESOURCE_ATTRIBUTES?.value).toBe(
      'k8s.namespace.name=$(K8S_NAMESPACE_NAME),k8s.pod.name=$(K8S_POD_NAME),k8s.pod.uid=$(K8S_POD_UID),k8s.container.name=api,k8s.node.name=$(K8S_NODE_NAME)',
    );
    expect(vars.K8S_NAMESPACE_NAME?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } });
    expect(vars.K8S_POD_NAME?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } });
    expect(vars.K8S_POD_UID?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' } });
    expect(vars.K8S_NODE_NAME?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } });
  });

  test('extra attributes follow the Kubernetes ones', () => {
    const withExtra = byName(otelEnv('api', { serviceName: 'auth-service', attributes: { 'service.namespace': 'platform', 'deployment.environment.name': 'prod' } }));
    expect(withExtra.OTEL_RESOURCE_ATTRIBUTES?.value).toMatch(/,k8s\.node\.name=\$\(K8S_NODE_NAME\),service\.namespace=platform,deployment\.environment\.name=prod$/);
  });

  test('every $(VAR) refers to a variable defined earlier in the list', () => {
    env.forEach((e, i) => {
      for (const [, name] of (e.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)) {
        expect({ variable: e.name, uses: name, definedBefore: env.slice(0, i).some((d) => d.name === name) }).toEqual({ variable: e.name, uses: name, definedBefore: true });
      }
    });
  });
});

describe('instrumentContainer', () => {
  test('appends the variables after the container\'s own and keeps the rest', () => {
    const c = instrumentContainer({ name: 'api', image: 'x:1', env: [{ name: 'LOG_LEVEL', value: 'info' }] }, { serviceName: 'auth-service' });
    expect(c.image).toBe('x:1');
    expect(c.env[0]).toEqual({ name: 'LOG_LEVEL', value: 'info' });
    expect(c.env.map((e) => e.name)).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });

  test.each([
    ['an empty service name', { name: 'api' }, { serviceName: '' }, 'container "api": serviceName "" must be lower-case letters, digits, ".", "_" or "-", such as "auth-service"'],
    ['an upper-case service name', { name: 'api' }, { serviceName: 'AuthService' }, 'container "api": serviceName "AuthService" must be lower-case letters, digits, ".", "_" or "-", such as "auth-service"'],
    ['an unknown protocol', { name: 'api' }, { serviceName: 'a', protocol: 'http/json' }, 'container "api": protocol "http/json" must be "grpc" or "http/protobuf"'],
    ['a bad attribute key', { name: 'api' }, { serviceName: 'a', attributes: { 'Team Name': 'x' } }, 'container "api": attribute key "Team Name" must be dotted lower-case words such as "service.namespace"'],
    ['an attribute the helper sets', { name: 'api' }, { serviceName: 'a', attributes: { 'k8s.pod.name': 'x' } }, 'container "api": attribute "k8s.pod.name" is set by the helper; remove it from attributes'],
    ['a value that would split the list', { name: 'api' }, { serviceName: 'a', attributes: { 'service.namespace': 'a,b=c' } }, 'container "api": attribute "service.namespace" value "a,b=c" may only hold letters, digits and . _ : / @ + - (no spaces, "," or "=")'],
    [
      'a container that sets the variables itself',
      { name: 'api', env: [{ name: 'OTEL_SERVICE_NAME', value: 'x' }, { name: 'HOST_IP', value: '1.2.3.4' }] },
      { serviceName: 'a' },
      'container "api": already sets OTEL_SERVICE_NAME, HOST_IP; remove them and let instrumentContainer set the OTLP variables',
    ],
  ])('refuses %s', (_what, container, options, message) => {
    expect(() => instrumentContainer(container as { name: string; env?: EnvVar[] }, options as Parameters<typeof otelEnv>[1])).toThrow(new InstrumentError(message));
  });
});
