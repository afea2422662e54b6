// The Argo CD objects of each environment: golden output, schema validation, and the rules the
// issue sets (prod never syncs by itself, the argocd folder is never pruned, exact destinations).
import { parse, stringify } from 'yaml';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { argocd } from '../../apps/argocd/index';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { expectGolden } from '../helpers/golden';

const ENVS: Environment[] = [dev, staging, prod];

function render(env: Environment): Record<string, KubeObject> {
  const tree = argocd.render(env) as { projects: KubeObject[]; applicationSet: KubeObject; root: KubeObject };
  const [project, bootstrap] = tree.projects;
  return { project: project!, bootstrap: bootstrap!, applicationSet: tree.applicationSet, root: tree.root };
}

const spec = (o: KubeObject) => o.spec as Record<string, any>;

describe.each(ENVS.map((e) => [e.name, e] as const))('argocd app, %s', (name, env) => {
  const objects = render(env);

  test('matches the golden file', () => {
    expectGolden(`argocd/${name}.yaml`, Object.values(objects).map((o) => stringify(o)).join('---\n'));
  });

  test('every object passes the @kubernetes-models/argo-cd schema', () => {
    expect(() => new AppProject(objects.project as any).validate()).not.toThrow();
    expect(() => new AppProject(objects.bootstrap as any).validate()).not.toThrow();
    expect(() => new ApplicationSet(objects.applicationSet as any).validate()).not.toThrow();
    expect(() => new Application(objects.root as any).validate()).not.toThrow();
  });

  test('every object lives in argocd and is never pruned or deleted by the root Application', () => {
    for (const o of Object.values(objects)) {
      expect(o.metadata.namespace).toBe('argocd');
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });

  test('the project accepts this repository only, and the environment cluster and namespaces only', () => {
    const p = spec(objects.project!);
    expect(p.sourceRepos).toEqual([env.git.repoURL]);
    // Owned namespaces and the databases', never every namespace Alloy collects from.
    const namespaces = [...new Set([env.namespace, ...env.ownedNamespaces, ...env.databases.map((d) => d.namespace)])].sort();
    expect(p.destinations.map((d: any) => d.server)).toEqual(p.destinations.map(() => env.cluster.server));
    expect([...p.destinations.map((d: any) => d.namespace)].sort()).toEqual(namespaces);
    expect(p.destinations.map((d: any) => d.namespace)).not.toContain('kube-system');
    expect(p.destinations.map((d: any) => d.namespace)).not.toContain('argocd');
    expect(p.destinations.map((d: any) => d.namespace)).not.toContain('*');
    const clusterKinds = p.clusterResourceWhitelist.map((k: any) => k.kind);
    expect([...new Set(clusterKinds)]).toEqual(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
    expect(p.clusterResourceWhitelist.filter((k: any) => k.kind === 'Namespace').map((k: any) => k.name).sort()).toEqual(
      p.destinations.map((d: any) => d.namespace).sort(),
    );
  });

  test('the project has a role that may view and sync from the UI, and nothing more', () => {
    const [role] = spec(objects.project!).roles;
    expect(role.policies).toEqual([
      `p, proj:lgtm-${name}:sync, applications, get, lgtm-${name}/*, allow`,
      `p, proj:lgtm-${name}:sync, applications, sync, lgtm-${name}/*, allow`,
    ]);
  });

  test('the ApplicationSet reads every app folder but argocd, with goTemplate and missingkey=error', () => {
    const s = spec(objects.applicationSet!);
    expect(s.goTemplate).toBe(true);
    expect(s.goTemplateOptions).toEqual(['missingkey=error']);
    expect(s.generators).toEqual([
      {
        git: {
          repoURL: env.git.repoURL,
          revision: env.git.revision,
          directories: [{ path: `environments/${name}/manifests/*` }, { path: `environments/${name}/manifests/argocd`, exclude: true }],
        },
      },
    ]);
    expect(s.syncPolicy.applicationsSync).toBe('create-update');
    expect(s.template.spec.source.directory).toEqual({ recurse: true });
    expect(s.template.metadata.annotations).toEqual({
      'argocd.argoproj.io/manifest-generate-paths': '.',
      'argocd.argoproj.io/compare-options': 'ServerSideDiff=true',
    });
  });

  test('the sync policy patch carries the sync options and the retry', () => {
    const patch = parse(spec(objects.applicationSet!).templatePatch);
    // A manual environment also keeps every object when an Application is deleted with cascade.
    const keep = env.sync.mode === 'manual' ? ['Delete=false'] : [];
    expect(patch.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true', 'PruneLast=true', ...keep]);
    // Automated environments retry until the sync succeeds (an app waiting for another's namespace);
    // one synced by hand stops after five attempts for the person to look.
    const limit = env.sync.mode === 'automated' ? -1 : 5;
    expect(patch.spec.syncPolicy.retry).toEqual({ limit, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } });
  });

  test('the root Application manages the argocd folder in the argocd namespace of Argo CD’s own cluster', () => {
    const r = spec(objects.root!);
    expect(r.project).toBe(`lgtm-${name}-bootstrap`);
    expect(objects.root!.metadata.annotations?.['argocd.argoproj.io/compare-options']).toBe('ServerSideDiff=true');
    expect(r.source).toEqual({ repoURL: env.git.repoURL, targetRevision: env.git.revision, path: `environments/${name}/manifests/argocd`, directory: { recurse: true } });
    expect(r.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(spec(objects.bootstrap!).destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(spec(objects.bootstrap!).clusterResourceWhitelist).toEqual([]);
  });
});

describe('sync policy per environment', () => {
  test.each([dev, staging].map((e) => [e.name, e] as const))('%s syncs automatically with prune and self-heal', (_name, env) => {
    const o = render(env);
    expect(parse(spec(o.applicationSet!).templatePatch).spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(spec(o.root!).syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
    expect(spec(o.project!).syncWindows).toBeUndefined();
  });

  test.each([dev, staging, prod].map((e) => [e.name, e] as const))('%s: deleting the ApplicationSet by accident leaves every workload running (no cascade finalizer on the Applications)', (_name, env) => {
    expect(spec(render(env).applicationSet!).syncPolicy.preserveResourcesOnDeletion).toBe(true);
  });

  test('prod has no automated sync anywhere, keeps resources, and has its sync windows', () => {
    const o = render(prod);
    expect(JSON.stringify(o)).not.toContain('automated');
    expect(parse(spec(o.applicationSet!).templatePatch).spec.syncPolicy.automated).toBeUndefined();
    expect(spec(o.applicationSet!).syncPolicy.preserveResourcesOnDeletion).toBe(true);
    expect(prod.sync.windows.length).toBeGreaterThan(0);
    expect(spec(o.project!).syncWindows).toEqual(prod.sync.windows.map((w) => ({ ...w, applications: ['*'] })));
  });
});
