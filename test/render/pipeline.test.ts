import { flatten } from '../../render/pipeline/flatten';
import { verify } from '../../render/pipeline/verify';
import { injectNamespace } from '../../render/pipeline/namespace';
import { sortObjects } from '../../render/pipeline/sort';
import { canonicalObject, inspectGenerated, serializeObject, toYaml } from '../../render/pipeline/serialize';
import { renderEnvironment } from '../../render/pipeline/index';
import { defineEnvironment } from '../../environments/defaults';
import type { App } from '../../apps/types';
import type { KubeObject } from '../../lib/k8s/types';
import { parse } from 'yaml';

const cm = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });
const env = defineEnvironment({ name: 'test', cluster: { name: 'test' } });

describe('flatten', () => {
  test('collects objects from nested records and arrays, in sorted key order, skipping null', () => {
    const found = flatten({ b: [cm('two'), null], a: { x: cm('one') }, c: undefined }, 'app');
    expect(found.map((f) => [f.source, f.object.metadata.name])).toEqual([
      ['app.a.x', 'one'],
      ['app.b[0]', 'two'],
    ]);
  });

  test('unwraps List kinds', () => {
    const found = flatten({ list: { apiVersion: 'v1', kind: 'List', items: [cm('a'), cm('b')] } }, 'app');
    expect(found.map((f) => f.source)).toEqual(['app.list.items[0]', 'app.list.items[1]']);
  });

  test('drops undefined fields and applies toJSON', () => {
    const model = { toJSON: () => cm('m') };
    const [a, b] = flatten([cm('u', { data: { k: undefined as unknown as string } }), model], 'app');
    expect(a!.object).toEqual(cm('u', { data: {} }));
    expect(b!.object.metadata.name).toBe('m');
  });
});

describe('bad trees fail with the path and the fix', () => {
  const cases: [string, unknown, string][] = [
    ['a non-object leaf', { config: { port: 8080 } }, 'app.config.port: found 8080 where a Kubernetes object (with apiVersion and kind), an array or a record of them was expected'],
    ['a string leaf in an array', [cm('a'), 'oops'], 'app[1]: found "oops" where a Kubernetes object (with apiVersion and kind), an array or a record of them was expected'],
    ['an object without a name', { x: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }, 'app.x (ConfigMap): metadata.name is missing; every rendered object needs a fixed name (generateName is not allowed: it would create a new object on every sync)'],
    ['an object without metadata', { x: { apiVersion: 'v1', kind: 'ConfigMap' } }, 'app.x (ConfigMap): metadata must be an object with at least a name'],
    ['an invalid name', { x: cm('Bad_Name') }, 'app.x (ConfigMap): metadata.name "Bad_Name" must be a lower-case DNS subdomain (a-z, 0-9, "-" and ".")'],
    ['a numeric label value', { x: cm('a', { metadata: { name: 'a', labels: { tier: 1 as unknown as string } } }) }, 'app.x (ConfigMap): metadata.labels.tier is 1; labels values must be strings (quote numbers and booleans)'],
    ['a List item that is not an object', { l: { apiVersion: 'v1', kind: 'List', items: [3] } }, 'app.l.items[0]: an item of List must be a Kubernetes object with apiVersion and kind'],
  ];
  test.each(cases)('%s', (_name, tree, message) => {
    expect(() => verify(flatten(tree, 'app'))).toThrow(message);
  });
});

describe('namespace injection', () => {
  test('namespaced kinds get the environment namespace, cluster-scoped kinds none', () => {
    const objs: KubeObject[] = [
      cm('a'),
      cm('b', { metadata: { name: 'b', namespace: 'other' } }),
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'x' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', annotations: { 'lgtm.dev/namespaced': 'false' } } },
    ];
    injectNamespace(objs, 'observability');
    expect(objs.map((o) => o.metadata.namespace)).toEqual(['observability', 'other', undefined, undefined]);
    expect(objs[3]!.metadata.annotations).toBeUndefined();
  });
});

describe('sort', () => {
  test('kind order first, then namespace, then name; unknown kinds last by kind', () => {
    const objs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
      { apiVersion: 'x/v1', kind: 'Zebra', metadata: { name: 'a' } },
      { apiVersion: 'x/v1', kind: 'Alpha', metadata: { name: 'a' } },
      cm('b', { metadata: { name: 'b', namespace: 'n2' } }),
      cm('a', { metadata: { name: 'a', namespace: 'n2' } }),
      cm('z', { metadata: { name: 'z', namespace: 'n1' } }),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n1' } },
    ].map((object) => ({ object: object as KubeObject }));
    expect(sortObjects(objs).map(({ object: o }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace//n1',
      'ConfigMap/n1/z',
      'ConfigMap/n2/a',
      'ConfigMap/n2/b',
      'Deployment//a',
      'Alpha//a',
      'Zebra//a',
    ]);
  });
});

describe('serialization', () => {
  test('apiVersion, kind and metadata first, every other key sorted at every depth', () => {
    const o = { spec: { z: 1, a: { d: 1, c: 2 } }, metadata: { name: 'x', labels: { b: '1', a: '2' } }, kind: 'Thing', apiVersion: 'v1', data: {} };
    expect(Object.keys(canonicalObject(o as KubeObject))).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'spec']);
    expect(toYaml(canonicalObject(o as KubeObject))).toBe(
      'apiVersion: v1\nkind: Thing\nmetadata:\n  labels:\n    a: "2"\n    b: "1"\n  name: x\ndata: {}\nspec:\n  a:\n    c: 2\n    d: 1\n  z: 1\n',
    );
  });

  test('YAML 1.1 readers get strings back for yes/on/y, octal-looking and sexagesimal values', () => {
    const tricky = ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', '0755', '1:20', '2001-12-14', '0b101', '1_000', '~', 'null', 'true', '1e3'];
    const yaml = toYaml({ data: Object.fromEntries(tricky.map((t) => [t, t])) });
    const back = parse(yaml, { version: '1.1' }) as { data: Record<string, unknown> };
    for (const t of tricky) expect(back.data[t]).toBe(t);
  });

  test('long and multi-line strings are neither folded nor anchored', () => {
    const long = 'x'.repeat(300);
    const shared = { a: 1 };
    const yaml = toYaml({ long, text: 'line one\n\tindented with a tab\n', a: shared, b: shared });
    expect(yaml).toContain(`long: ${long}\n`);
    expect(yaml).toContain('text: |\n  line one\n  \tindented with a tab\n');
    expect(yaml).not.toMatch(/[&*]a1/);
  });

  test('the header digest tells a hand edit from a generated file', () => {
    const text = serializeObject(cm('a', { data: { k: 'v' } }));
    expect(text.split('\n')[0]).toMatch(/^# generated by lgtm render, do not edit \(sha256:[0-9a-f]{16}\)$/);
    expect(inspectGenerated(text)).toEqual({ generated: true, edited: false });
    expect(inspectGenerated(text.replace('k: v', 'k: w'))).toEqual({ generated: true, edited: true });
    expect(inspectGenerated('apiVersion: v1\n')).toEqual({ generated: false, edited: true });
  });
});

describe('renderEnvironment', () => {
  const app = (name: string, tree: unknown): App => ({ name, description: name, render: () => tree as never });

  test('writes one file per object, <kind>-<name>.yaml in lower case, under the app folder', () => {
    const r = renderEnvironment(env, [app('demo', { a: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Web'.toLowerCase() } } })]);
    expect(r.objects.map((o) => o.file)).toEqual(['environments/test/manifests/demo/deployment-web.yaml']);
    expect(r.objects[0]!.object.metadata).toEqual({
      name: 'web',
      namespace: 'observability',
      labels: {
        'app.kubernetes.io/managed-by': 'lgtm-gitops',
        'app.kubernetes.io/name': 'demo',
        'app.kubernetes.io/part-of': 'lgtm',
        'lgtm.dev/environment': 'test',
      },
    });
  });

  test('two objects that want the same file are an error naming both sources', () => {
    const tree = { one: cm('dup', { metadata: { name: 'dup', namespace: 'a' } }), two: cm('dup', { metadata: { name: 'dup', namespace: 'b' } }) };
    expect(() => renderEnvironment(env, [app('demo', tree)])).toThrow(
      'environments/test/manifests/demo/configmap-dup.yaml: two objects want this file: demo.one and demo.two (ConfigMap "dup"); give one of them another name',
    );
  });

  test('an app that throws is named with its environment', () => {
    const broken: App = { name: 'broken', description: '', render: () => { throw new Error('no size for x'); } };
    expect(() => renderEnvironment(env, [broken])).toThrow('apps/broken failed for environments/test/env.ts: no size for x');
  });

  test('apps may only write files under alloy/', () => {
    const sneaky: App = { name: 'sneaky', description: '', render: () => null, files: () => [{ path: '../README.md', content: 'x' }] };
    expect(() => renderEnvironment(env, [sneaky])).toThrow('apps/sneaky: file "../README.md" must be a lower-case relative path under alloy/ (render owns only manifests/ and alloy/)');
  });

  test('disabled apps render nothing', () => {
    const off: App = { name: 'off', description: '', enabled: () => false, render: () => cm('x') };
    expect(renderEnvironment(env, [off]).objects).toEqual([]);
  });
});
