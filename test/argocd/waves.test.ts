// Sync waves inside an app: what a workload needs is applied first; hooks and explicit waves stay.
import { applySyncWaves } from '../../render/pipeline/waves';
import { RenderError } from '../../render/pipeline/errors';
import type { KubeObject } from '../../lib/k8s/types';

const obj = (apiVersion: string, kind: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: kind.toLowerCase(), namespace: 'observability', ...(annotations ? { annotations } : {}) },
});
const waveOf = (o: KubeObject) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];

describe('applySyncWaves', () => {
  test.each([
    ['v1', 'Namespace', '-5'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', '-4'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', '-3'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', '-3'],
    ['rbac.authorization.k8s.io/v1', 'Role', '-3'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding', '-3'],
    ['v1', 'ServiceAccount', '-2'],
    ['v1', 'ConfigMap', '-1'],
    ['v1', 'Secret', '-1'],
    ['external-secrets.io/v1', 'ExternalSecret', '-1'],
    ['argoproj.io/v1alpha1', 'AppProject', '-1'],
    // Workloads, Services and claims keep Argo CD's default wave 0 (no annotation).
    ['v1', 'PersistentVolumeClaim', undefined],
    ['v1', 'Service', undefined],
    ['apps/v1', 'StatefulSet', undefined],
    ['apps/v1', 'Deployment', undefined],
    ['apps/v1', 'DaemonSet', undefined],
    ['batch/v1', 'Job', undefined],
    ['argoproj.io/v1alpha1', 'ApplicationSet', undefined],
    // Same kind, another group: not the RBAC Role.
    ['example.com/v1', 'Role', undefined],
  ])('%s %s gets wave %s', (apiVersion, kind, wave) => {
    expect(waveOf(applySyncWaves([obj(apiVersion, kind)])[0]!)).toBe(wave);
  });

  test('every earlier wave comes before the workloads, in the order the issue asks', () => {
    const order = ['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ServiceAccount', 'ConfigMap'].map((k) =>
      Number(waveOf(applySyncWaves([obj(k === 'ClusterRole' ? 'rbac.authorization.k8s.io/v1' : k === 'CustomResourceDefinition' ? 'apiextensions.k8s.io/v1' : 'v1', k)])[0]!)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(Math.max(...order)).toBeLessThan(0);
  });

  test('an explicit wave is kept, and so is a hook without one', () => {
    const explicit = obj('v1', 'ConfigMap', { 'argocd.argoproj.io/sync-wave': '3' });
    const hook = obj('v1', 'ConfigMap', { 'argocd.argoproj.io/hook': 'PreSync' });
    const helmHook = obj('v1', 'ServiceAccount', { 'helm.sh/hook': 'pre-install' });
    const [a, b, c] = applySyncWaves([explicit, hook, helmHook]);
    expect(waveOf(a!)).toBe('3');
    expect(waveOf(b!)).toBeUndefined();
    expect(waveOf(c!)).toBeUndefined();
  });

  test('the input objects are not changed', () => {
    const input = obj('v1', 'ConfigMap', { keep: 'me' });
    const [out] = applySyncWaves([input]);
    expect(input.metadata.annotations).toEqual({ keep: 'me' });
    expect(out!.metadata.annotations).toEqual({ keep: 'me', 'argocd.argoproj.io/sync-wave': '-1' });
  });

  test.each([['first'], ['1.5'], [''], [' 2']])('a wave of %j is refused with the fix', (bad) => {
    expect(() => applySyncWaves([obj('v1', 'ConfigMap', { 'argocd.argoproj.io/sync-wave': bad })])).toThrow(
      new RenderError(`ConfigMap "observability/configmap": annotation argocd.argoproj.io/sync-wave is ${JSON.stringify(bad)}; Argo CD needs a whole number as a string, such as "-1"`),
    );
  });
});
