import { expandWorkload, type NodeInfo } from '../../harness/pods/workloads';
import { sandboxScript } from '../../harness/pods/sandbox';
import { criLine } from '../../harness/pods/cri-log';
import type { KubeObject } from '../../harness/cluster/kube';

const nodes: NodeInfo[] = [1, 2, 3].map((i) => ({ name: `node-${i}`, index: i, ip: `198.18.${i}.1`, root: `/tmp/n${i}`, labels: {}, taints: [] }));
const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
const obj = (kind: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'x', namespace: 'obs', uid: 'owner-uid' }, spec: { template, ...spec } });

describe('what the controllers make of a workload', () => {
  test('a StatefulSet: ordinal names, stable hostnames under its Service, one claim per template as a volume', () => {
    const pods = expandWorkload(obj('StatefulSet', { replicas: 2, serviceName: 'x-headless', volumeClaimTemplates: [{ metadata: { name: 'data' } }] }), 'f.yaml', nodes);
    expect(pods.map((p) => p.name)).toEqual(['x-0', 'x-1']);
    expect(pods[1]!.spec.hostname).toBe('x-1');
    expect(pods[1]!.spec.subdomain).toBe('x-headless');
    expect(pods[1]!.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-x-1' } });
    expect(pods[0]!.owner).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x', uid: 'owner-uid' });
  });

  test('a DaemonSet: one pod per node it tolerates', () => {
    const tainted = nodes.map((n, i) => (i === 0 ? { ...n, taints: [{ key: 'gpu', effect: 'NoSchedule' }] } : n));
    expect(expandWorkload(obj('DaemonSet', {}), 'f', tainted).map((p) => p.node.name)).toEqual(['node-2', 'node-3']);
    const tolerant = obj('DaemonSet', { template: { ...template, spec: { ...template.spec, tolerations: [{ operator: 'Exists' }] } } });
    expect(expandWorkload(tolerant, 'f', tainted)).toHaveLength(3);
  });

  test('a Deployment: pods of a ReplicaSet named by the template hash, labelled with it', () => {
    const pods = expandWorkload(obj('Deployment', { replicas: 2, selector: { matchLabels: { app: 'x' } } }), 'f', nodes);
    const hash = pods[0]!.labels['pod-template-hash']!;
    expect(pods.every((p) => p.name.startsWith(`x-${hash}-`))).toBe(true);
    expect(pods[0]!.replicaSet?.metadata.name).toBe(`x-${hash}`);
    expect(new Set(pods.map((p) => p.node.name)).size).toBe(2);
  });
});

describe('a container sandbox', () => {
  const base = { netns: 'n', rootDir: '/r', etcDir: '/e', binary: '/b/prog', entrypoint: '/bin/prog', workdir: '/', uid: 65534, gid: 65534, groups: [65534], capabilities: [] as string[], noNewPrivs: true, argv: ['/bin/prog', '--flag=it\'s'] };

  test('readOnlyRootFilesystem makes the root read-only after the volume mounts exist', () => {
    const script = sandboxScript({ ...base, readOnlyRoot: true, mounts: [{ target: '/data', source: '/v/data', readOnly: false }] });
    expect(script.indexOf("mount --rbind '/v/data' '/r/data'")).toBeLessThan(script.indexOf("mount -o remount,ro '/r'"));
    expect(sandboxScript({ ...base, readOnlyRoot: false, mounts: [] })).not.toContain("remount,ro '/r'");
  });

  test('user, groups, capabilities and no-new-privileges as the securityContext says; arguments quoted', () => {
    const script = sandboxScript({ ...base, readOnlyRoot: false, mounts: [] });
    expect(script).toContain("'--reuid=65534' '--regid=65534' '--groups=65534' '--bounding-set=-all' '--inh-caps=-all' '--no-new-privs' -- '/bin/prog' '--flag=it'\\''s'");
  });
});

test('container output is written in the CRI log format', () => {
  expect(criLine('stderr', 'level=info msg=hi', Date.UTC(2026, 11, 2, 1, 2, 3, 456))).toBe('2026-12-02T01:02:03.456000000Z stderr F level=info msg=hi\n');
});
