// The Kubernetes side of Alloy, per environment: what the node-local pipeline relies on (HOSTNAME
// is the node name, hostPorts for HOST_IP clients, /var/log read-only), least-privilege RBAC, the
// Local OTLP Service, and the rule that only a bootstrap change rolls the pods.
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { alloy, renderAlloy } from '../../../apps/alloy/index';
import { bootstrapText } from '../../../apps/alloy/bootstrap';
import { moduleText } from '../../../apps/alloy/pipeline';
import { services } from '../../../lib/endpoints';
import type { Environment } from '../../../lib/env/types';
import type { KubeObject } from '../../../lib/k8s/types';
import { CHECKSUM_ANNOTATION } from '../../../lib/k8s/workload';
import { image } from '../../../lib/versions';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function podSpec(env: Environment): Json {
  return (renderAlloy(env).daemonSet as Json).spec.template.spec;
}
const container = (env: Environment): Json => podSpec(env).containers[0];
const envVar = (env: Environment, name: string) => (container(env).env as Json[]).find((e) => e.name === name);
const rollAnnotation = (env: Environment): string => (renderAlloy(env).daemonSet as Json).spec.template.metadata.annotations[CHECKSUM_ANNOTATION];

describe.each([dev, staging, prod])('$name', (env) => {
  test('HOSTNAME is the node name; no variable that nothing reads', () => {
    expect(envVar(env, 'HOSTNAME')?.valueFrom).toEqual({ fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } });
    expect(envVar(env, 'K8S_NODE_NAME')).toBeUndefined();
    expect(envVar(env, 'HOST_IP')).toBeUndefined();
  });

  test('Git credentials only for a private repository: no Authorization header and no Secret reference otherwise', () => {
    const pub = { ...env, git: { ...env.git, private: false } };
    const priv = { ...env, git: { ...env.git, private: true } };
    expect(envVar(pub, 'GIT_USERNAME')).toBeUndefined();
    expect(bootstrapText(pub)).not.toContain('basic_auth');
    expect(alloy.externals!(pub).secrets).toEqual([]);
    expect(envVar(priv, 'GIT_PASSWORD')?.valueFrom).toEqual({ secretKeyRef: { name: 'alloy-git-credentials', key: 'password' } });
    expect(bootstrapText(priv)).toContain('basic_auth {\n\t\tusername = sys.env("GIT_USERNAME")\n\t\tpassword = sys.env("GIT_PASSWORD")\n\t}');
    expect(alloy.externals!(priv).secrets).toEqual([{ namespace: env.namespace, name: 'alloy-git-credentials', keys: ['password', 'username'] }]);
  });

  test('OTLP ports are host ports, the UI port is not, and readiness is /-/ready', () => {
    expect(container(env).ports).toEqual([
      { name: 'otlp-grpc', containerPort: 4317, hostPort: 4317, protocol: 'TCP' },
      { name: 'otlp-http', containerPort: 4318, hostPort: 4318, protocol: 'TCP' },
      { name: 'http', containerPort: 12345, protocol: 'TCP' },
    ]);
    expect(container(env).readinessProbe.httpGet).toEqual({ path: '/-/ready', port: 'http' });
  });

  test('image, resources and GOMEMLIMIT follow the version table and the environment', () => {
    expect(container(env).image).toBe(image('alloy'));
    expect(container(env).resources.requests).toEqual(env.sizes.alloy.resources.requests);
    expect(container(env).resources.limits.memory).toBe(env.sizes.alloy.resources.limits.memory);
    expect(envVar(env, 'GOMEMLIMIT')?.value).toMatch(/^\d+MiB$/);
  });

  test('/var/log is read-only, positions live on the node, every node is tolerated', () => {
    const mounts = Object.fromEntries((container(env).volumeMounts as Json[]).map((m) => [m.name, m]));
    expect(mounts.varlog).toEqual({ name: 'varlog', mountPath: '/var/log', readOnly: true });
    const volumes = Object.fromEntries((podSpec(env).volumes as Json[]).map((v) => [v.name, v]));
    expect(volumes.varlog.hostPath).toEqual({ path: '/var/log', type: 'Directory' });
    expect(volumes.data.hostPath.type).toBe('DirectoryOrCreate');
    expect(container(env).args).toContain(`--storage.path=${mounts.data.mountPath}`);
    expect(podSpec(env).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('the only security exception is UID 0, with no capabilities and no escalation', () => {
    expect(container(env).securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec(env).securityContext.runAsUser).toBe(0);
    expect(podSpec(env).hostNetwork).toBeUndefined();
  });

  test('RBAC only reads: list and watch on pods for discovery and k8sattributes, bound to the alloy ServiceAccount only', () => {
    const [sa, role, binding] = renderAlloy(env).rbac as [KubeObject, Json, Json];
    expect(role.rules[0]).toEqual({ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] });
    for (const r of role.rules as Json[]) {
      expect({ rule: r, writes: (r.verbs as string[]).filter((v) => !['get', 'list', 'watch'].includes(v)) }).toEqual({ rule: r, writes: [] });
      expect([...(r.apiGroups ?? []), ...(r.resources ?? []), ...(r.verbs ?? [])]).not.toContain('*');
    }
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: env.namespace }]);
    expect(podSpec(env).serviceAccountName).toBe(sa.metadata.name);
  });

  test('the OTLP Service keeps traffic on the node, exposes only the OTLP ports of the endpoints table', () => {
    const svc = renderAlloy(env).service as Json;
    expect(svc.metadata.name).toBe(services.alloy.name);
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    // 12345 (UI, /-/reload, pprof) is not reachable through the Service.
    expect(svc.spec.ports.map((p: Json) => [p.name, p.port])).toEqual([
      ['otlp-grpc', services.alloy.ports['otlp-grpc']],
      ['otlp-http', services.alloy.ports['otlp-http']],
    ]);
  });

  test('a pod opts out of log collection with k8s.grafana.com/logs.autogather: "false"', () => {
    const text = moduleText(env);
    const podLogs = text.slice(text.indexOf('declare "pod_logs"'));
    expect(podLogs.slice(0, podLogs.indexOf('local.file_match'))).toMatch(/source_labels = \["__meta_kubernetes_pod_annotation_k8s_grafana_com_logs_autogather"\]\n\t+regex\s+= "false"\n\t+action\s+= "drop"/);
  });

  test('pod-log streams: no file path label (a new stream per container restart), job without the ReplicaSet hash', () => {
    const text = moduleText(env);
    expect(text).toMatch(/stage\.label_drop \{\n\t+values = \["filename"\]/);
    expect(text).toContain('regex         = "ReplicaSet;(.+)-[a-z0-9]+"');
    // The ReplicaSet rule comes before the app labels, which still win.
    expect(text.indexOf('ReplicaSet;(.+)-[a-z0-9]+')).toBeLessThan(text.indexOf('__meta_kubernetes_pod_label_app"]'));
  });
});

describe('what rolls the pods', () => {
  test('a bootstrap change (revision, pull frequency) changes the checksum', () => {
    expect(rollAnnotation({ ...dev, git: { ...dev.git, revision: 'release-1' } })).not.toBe(rollAnnotation(dev));
    expect(rollAnnotation({ ...dev, alloy: { pullFrequency: '2m' } })).not.toBe(rollAnnotation(dev));
  });

  test('a module-only change (MinIO leaves the stack) does not', () => {
    const external: Environment = {
      ...dev,
      storage: { type: 'external', endpoint: 's3.example.com', region: 'eu-central-1', insecure: false, credentials: { name: 's3' } },
    };
    expect(moduleText(external)).not.toBe(moduleText(dev));
    expect(rollAnnotation(external)).toBe(rollAnnotation(dev));
  });
});
