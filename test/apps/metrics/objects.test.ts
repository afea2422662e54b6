// kube-state-metrics, the database exporters and the Alloy additions for node and kubelet metrics:
// golden objects per environment, and the properties a reviewer would check by hand.
import { stringify } from 'yaml';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { KSM_PORTS, KSM_RESOURCES, renderKubeStateMetrics } from '../../../apps/kube-state-metrics/index';
import { dbExporters, renderDbExporters } from '../../../apps/db-exporters/index';
import { alloyRules } from '../../../apps/alloy/rbac';
import { daemonSet } from '../../../apps/alloy/workload';
import type { KubeObject } from '../../../lib/k8s/types';
import { expectGolden } from '../../helpers/golden';

const ENVIRONMENTS = [['dev', dev], ['staging', staging], ['prod', prod]] as const;

type Container = { name: string; image: string; args?: string[]; env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]; ports: { name: string; containerPort: number }[]; securityContext: Record<string, unknown>; volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; mountPropagation?: string }[] };
type PodSpec = { containers: Container[]; securityContext: Record<string, unknown>; volumes?: { name: string; hostPath?: { path: string } }[] };
const podSpec = (o: KubeObject) => (o.spec as { template: { spec: PodSpec } }).template.spec;

describe.each(ENVIRONMENTS)('%s', (name, env) => {
  test('kube-state-metrics objects match the golden file', () => {
    expectGolden(`apps/kube-state-metrics/${name}.yaml`, stringify(renderKubeStateMetrics(env)));
  });

  test('database exporter objects match the golden file', () => {
    expectGolden(`apps/db-exporters/${name}.yaml`, stringify(renderDbExporters(env)));
  });

  test('one exporter per database, in its namespace, with the connection string only from the named Secret', () => {
    const deployments = renderDbExporters(env);
    expect(deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(env.databases.map((db) => `${db.namespace}/${db.name}-exporter`));
    env.databases.forEach((db, i) => {
      const c = podSpec(deployments[i]!).containers[0]!;
      const fromSecret = c.env!.filter((e) => e.valueFrom?.secretKeyRef);
      expect(fromSecret.map((e) => e.valueFrom!.secretKeyRef!.name)).toEqual([db.credentials.name]);
      // The key the container reads is the key the app declares, so the local cluster's generated Secret has it.
      expect(dbExporters.externals!(env).secrets[i]!.keys).toEqual(fromSecret.map((e) => e.valueFrom!.secretKeyRef!.key));
      expect(c.env!.every((e) => e.value === undefined || !/:\/\//.test(e.value))).toBe(true);
      expect(c.image).toMatch(db.engine === 'postgresql' ? /postgres-exporter:v\d/ : /mongodb_exporter:\d/);
    });
    expect(dbExporters.externals!(env).secrets.map(({ namespace, name }) => ({ namespace, name }))).toEqual(env.databases.map((db) => ({ namespace: db.namespace, name: db.credentials.name })));
  });
});

describe('kube-state-metrics', () => {
  const objs = renderKubeStateMetrics(dev);

  test('reads exactly the resources it exports, with list and watch only', () => {
    const args = podSpec(objs.deployment!).containers[0]!.args!;
    const exported = args.find((a) => a.startsWith('--resources='))!.slice('--resources='.length).split(',');
    const rules = objs.clusterRole!.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    const readable = rules.flatMap((r) => r.resources.map((res) => `${r.apiGroups[0]}/${res}`)).sort();
    expect(readable).toEqual(KSM_RESOURCES.map((r) => `${r.apiGroup}/${r.resource}`).sort());
    expect(exported).toEqual(KSM_RESOURCES.map((r) => r.name));
    expect(new Set(rules.flatMap((r) => r.verbs))).toEqual(new Set(['list', 'watch']));
    expect(readable.filter((r) => /secrets|configmaps/.test(r))).toEqual([]);
  });

  test('runs restricted, one replica, Service ports named like the container ports', () => {
    const spec = podSpec(objs.deployment!);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0]!.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect((objs.deployment!.spec as { replicas: number }).replicas).toBe(1);
    const svcPorts = (objs.service!.spec as { ports: { name: string; port: number; targetPort: string }[] }).ports;
    expect(svcPorts).toEqual(Object.entries(KSM_PORTS).map(([n, port]) => ({ name: n, port, targetPort: n, protocol: 'TCP' })));
    expect(spec.containers[0]!.ports.map((p) => [p.name, p.containerPort])).toEqual(Object.entries(KSM_PORTS));
  });
});

describe('Alloy, for node and kubelet metrics', () => {
  test('may read node objects and the kubelet metrics endpoints, and nothing through the node proxy', () => {
    const rules = alloyRules(dev);
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] });
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] });
    expect(rules.flatMap((r) => r.resources)).not.toContain('nodes/proxy');
  });

  test('mounts the host /proc, /sys and / read-only for the node exporter', () => {
    const spec = podSpec(daemonSet(dev, { name: 'alloy-bootstrap', fileName: 'bootstrap.alloy', text: '' }));
    const mounts = spec.containers[0]!.volumeMounts!.filter((m) => m.mountPath.startsWith('/host/'));
    expect(mounts.map((m) => [m.mountPath, m.readOnly])).toEqual([['/host/proc', true], ['/host/sys', true], ['/host/root', true]]);
    const hostPaths = Object.fromEntries(spec.volumes!.filter((v) => v.hostPath).map((v) => [v.name, v.hostPath!.path]));
    expect(mounts.map((m) => hostPaths[m.name])).toEqual(['/proc', '/sys', '/']);
  });
});
