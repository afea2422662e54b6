import { containerEnv, expand, type DataSource, type PodFacts } from '../../harness/pods/env';

const pod: PodFacts = { name: 'p-0', namespace: 'obs', uid: 'u-1', nodeName: 'node-2', hostIP: '198.18.2.1', podIP: '198.18.2.11', serviceAccountName: 'sa', labels: { app: 'x' }, annotations: {} };
const data: DataSource = {
  configMap: (n) => (n === 'cfg' ? { level: 'debug' } : undefined),
  secret: (n) => (n === 'creds' ? { user: 'u', password: 'p' } : undefined),
};

describe('a container environment as the kubelet computes it', () => {
  test('$(VAR) expands against earlier variables; $$ escapes; unknown names stay as written', () => {
    const vars = new Map([['A', '1']]);
    expect(expand('x-$(A)-$(B)-$$(A)', vars)).toBe('x-1-$(B)-$(A)');
  });

  test('downward API, Secret and ConfigMap keys', () => {
    const env = containerEnv(
      {
        name: 'c',
        env: [
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'PASS', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level' } } },
          { name: 'URL', value: 'http://$(HOST):4317' },
        ],
      },
      pod,
      data,
      'here',
    );
    expect(Object.fromEntries(env)).toEqual({ NODE: 'node-2', HOST: '198.18.2.1', PASS: 'p', LEVEL: 'debug', URL: 'http://198.18.2.1:4317' });
  });

  test('a missing key fails as CreateContainerConfigError would, naming the Secret and key', () => {
    expect(() => containerEnv({ name: 'c', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }] }, pod, data, 'pod obs/p-0')).toThrow(
      "pod obs/p-0: env X: couldn't find key token in secret obs/creds",
    );
    expect(() => containerEnv({ name: 'c', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] }, pod, data, 'w')).toThrow('secret "nope" not found');
  });

  test('optional references that do not resolve leave the variable unset', () => {
    const env = containerEnv({ name: 'c', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } }] }, pod, data, 'w');
    expect(env.has('X')).toBe(false);
  });
});
