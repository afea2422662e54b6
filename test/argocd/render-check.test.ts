// The render-time Argo CD checks: run over the real environments and apps, then over bad output.
import { argocdChecks } from '../../lib/argocd/render-check';
import { renderEnvironment } from '../../render/pipeline/index';
import { apps } from '../../apps/registry';
import type { App } from '../../apps/types';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';

describe('argocdChecks', () => {
  test('every registered app in every environment fits its AppProject and is a plain directory', async () => {
    for (const env of [dev, staging, prod]) expect(await argocdChecks(renderEnvironment(env, apps))).toEqual([]);
  });

  test('a Secret, an object in a foreign namespace and a ClusterRole are judged against the project', async () => {
    const bad: App = {
      name: 'bad',
      description: 'test app',
      render: () => [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'elsewhere', namespace: 'kube-system' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] },
      ],
    };
    const findings = await argocdChecks(renderEnvironment(dev, [bad]));
    expect(findings.map((f) => f.text)).toEqual([
      'apps/bad in dev: Namespace "kube-system" (environments/dev/manifests/bad/namespace-kube-system.yaml): cluster-scoped core/Namespace is not in AppProject lgtm-dev clusterResourceWhitelist (lib/argocd/project.ts clusterKinds) (argocd-project)',
      'apps/bad in dev: Secret "creds" (environments/dev/manifests/bad/secret-creds.yaml): core/Secret is not permitted by AppProject lgtm-dev; add it to NAMESPACED_KINDS in lib/argocd/project.ts if the stack needs it (argocd-project)',
      'apps/bad in dev: Service "elsewhere" (environments/dev/manifests/bad/service-elsewhere.yaml): namespace kube-system is not a destination of AppProject lgtm-dev (lib/argocd/project.ts projectNamespaces) (argocd-project)',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  test('a file name that Argo CD would read as a Kustomization object is refused', async () => {
    // Render names files <kind>-<name>.yaml in lower case, so no object yields kustomization.yaml
    // today; the check guards the folder whatever the naming rule becomes.
    const helm: App = { name: 'helmish', description: 'test app', render: () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }] };
    const env = renderEnvironment(dev, [helm]);
    env.objects[0]!.file = 'environments/dev/manifests/helmish/kustomization.yaml';
    expect((await argocdChecks(env)).map((f) => f.text)).toEqual([
      'environments/dev/manifests/helmish/kustomization.yaml is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails; render must not write it (rename the object or file) (argocd-plain-directory)',
    ]);
  });
});
