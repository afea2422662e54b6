// ApplicationSet expansion as Argo CD's controller does it: params, templates, templatePatch.
import { applicationSet } from '../../lib/argocd/applicationset';
import { expandApplicationSet, mergePatch } from '../../lib/argocd/generate';
import dev from '../../environments/dev/env';
import prod from '../../environments/prod/env';
import type { KubeObject } from '../../lib/k8s/types';

const DIRS = ['environments', 'environments/dev', 'environments/dev/manifests', 'environments/dev/manifests/argocd', 'environments/dev/manifests/loki', 'environments/prod/manifests/loki'];

describe('expandApplicationSet', () => {
  test("dev's ApplicationSet yields the Application Argo CD would create for each app folder", () => {
    const { applications, findings } = expandApplicationSet(applicationSet(dev), DIRS);
    expect(findings).toEqual([]);
    expect(applications).toEqual([
      {
        directory: 'environments/dev/manifests/loki',
        application: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {
            name: 'loki-dev',
            namespace: 'argocd',
            labels: { 'app.kubernetes.io/part-of': 'lgtm', 'lgtm.dev/environment': 'dev' },
            annotations: { 'argocd.argoproj.io/manifest-generate-paths': '.', 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true' },
            // preserveResourcesOnDeletion: the controller adds no cascade finalizer.
          },
          spec: {
            project: 'lgtm-dev',
            source: { repoURL: dev.git.repoURL, targetRevision: 'main', path: 'environments/dev/manifests/loki', directory: { recurse: true } },
            destination: { server: 'https://kubernetes.default.svc', namespace: 'observability' },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'PruneLast=true'],
              retry: { limit: -1, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
            },
          },
        },
      },
    ]);
  });

  test("prod's Applications have no automated sync and no cascade finalizer", () => {
    const dirs = ['environments/prod/manifests/argocd', 'environments/prod/manifests/loki', 'environments/prod/manifests/mimir'];
    const { applications } = expandApplicationSet(applicationSet(prod), dirs);
    expect(applications.map((a) => a.application.metadata.name)).toEqual(['loki-prod', 'mimir-prod']);
    for (const { application } of applications) {
      expect((application.spec as any).syncPolicy.automated).toBeUndefined();
      expect(application.metadata.finalizers).toBeUndefined();
    }
  });

  const withSpec = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'x', namespace: 'argocd' },
    spec: { goTemplate: true, template: { metadata: { name: '{{.path.basename}}' }, spec: { project: 'p' } }, ...spec },
  });

  test.each([
    ['a list generator', { generators: [{ list: { elements: [] } }] }, 'unsupported', 'spec.generators[0]: only a Git directory generator is evaluated by lgtm plan, found list'],
    ['a Git files generator', { generators: [{ git: { repoURL: 'r', revision: 'main', files: [{ path: 'a/*.json' }] } }] }, 'unsupported', 'spec.generators[0].git: lgtm plan evaluates the directories form only (found files, no directories)'],
    ['no generator', { generators: [] }, 'empty-generator', 'spec.generators is empty: Argo CD would generate no Application'],
    ['a glob that matches nothing', { generators: [{ git: { repoURL: 'r', revision: 'main', directories: [{ path: 'environments/qa/manifests/*' }] } }] }, 'empty-generator', 'spec.generators[0].git: no folder matches "environments/qa/manifests/*": the generator yields no Application'],
    ['fasttemplate', { goTemplate: false }, 'unsupported', 'spec.goTemplate is not true; lgtm plan evaluates Go templates only (fasttemplate is deprecated upstream)'],
  ])('%s is reported', (_name, spec, kind, message) => {
    expect(expandApplicationSet(withSpec(spec), DIRS).findings).toEqual([{ kind, message }]);
  });

  test('without preserveResourcesOnDeletion the controller gives each Application the cascade finalizer', () => {
    const generator = { git: { repoURL: 'r', revision: 'main', directories: [{ path: 'environments/dev/manifests/*' }] } };
    const finalizers = (preserve: boolean) =>
      expandApplicationSet(withSpec({ generators: [generator], syncPolicy: { preserveResourcesOnDeletion: preserve } }), DIRS).applications.map((a) => a.application.metadata.finalizers);
    expect(finalizers(false).every((f) => JSON.stringify(f) === '["resources-finalizer.argocd.argoproj.io"]')).toBe(true);
    expect(finalizers(true).every((f) => f === undefined)).toBe(true);
    expect(finalizers(false).length).toBeGreaterThan(0);
  });

  test('values are templated with the folder params and exposed as .values', () => {
    const set = withSpec({
      goTemplateOptions: ['missingkey=error'],
      generators: [{ git: { repoURL: 'r', revision: 'main', directories: [{ path: 'environments/*/manifests/loki' }], values: { env: '{{index .path.segments 1}}' } } }],
      template: { metadata: { name: '{{.path.basename}}-{{.values.env}}' }, spec: { project: 'p' } },
    });
    expect(expandApplicationSet(set, DIRS).applications.map((a) => a.application.metadata.name)).toEqual(['loki-dev', 'loki-prod']);
  });
});

describe('mergePatch (templatePatch semantics)', () => {
  test.each([
    ['maps merge key by key', { a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }, { a: { b: 1, c: 3, d: 4 } }],
    ['lists are replaced whole', { l: [1, 2, 3] }, { l: [4] }, { l: [4] }],
    ['null deletes a key', { a: { b: 1, c: 2 } }, { a: { b: null } }, { a: { c: 2 } }],
    ['a scalar replaces a map', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
  ])('%s', (_name, target, patch, expected) => {
    expect(mergePatch(target as any, patch as any)).toEqual(expected);
  });
});
