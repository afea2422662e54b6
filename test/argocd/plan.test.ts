// `lgtm plan` against a real temporary Git repository: the rendered Argo CD objects and app
// folders are committed, then changed in later commits the way a pull request would change them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { argocd } from '../../apps/argocd/index';
import { platform } from '../../apps/platform/index';
import dev from '../../environments/dev/env';
import prod from '../../environments/prod/env';
import { renderEnvironment } from '../../render/pipeline/index';
import { planAt } from '../../lib/argocd/plan';
import { lgtm, REPO } from '../helpers/tmp-repo';
import { listFilesAt, resolveCommit } from '../../lib/git/read';

let root: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=plan-test', '-c', 'user.email=plan-test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function commit(message: string): void {
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}

const SERVICE = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: observability\nspec:\n  ports:\n    - port: 80\n`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lgtm-plan-'));
  git('init', '-q', '-b', 'main');
  // The real renderer's output for two environments, with the platform app beside argocd, plus a
  // plain app folder of one Service.
  for (const env of [dev, prod]) {
    for (const o of renderEnvironment(env, [platform, argocd]).objects) write(o.file, o.text);
    write(`environments/${env.name}/manifests/web/service-web.yaml`, SERVICE('web'));
  }
  commit('rendered tree');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('lgtm plan and uncommitted work', () => {
  test('says which files it does not plan, and --worktree plans them', async () => {
    write('environments/dev/manifests/api/service-api.yaml', SERVICE('api'));
    const r = await lgtm(root, 'plan');
    expect(r.err).toContain('warning: uncommitted: 1 file(s) under environments/ differ from HEAD and are not planned (environments/dev/manifests/api/service-api.yaml); commit them, or plan them with --worktree');
    expect(r.out).not.toContain('environments/dev/manifests/api');
    const w = await lgtm(root, 'plan', '--worktree');
    expect(w.out).toContain('Applications at the work tree');
    expect(w.out).toContain('environments/dev/manifests/api');
    // The user's index is untouched.
    expect(git('diff', '--cached', '--name-only')).toBe('');
  });
});

describe('lgtm plan', () => {
  test('lists one Application per app folder and the root Applications, with project, path, destination, sync mode and object count', async () => {
    const r = await lgtm(root, 'plan');
    expect(r.err.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['NAME', 'PROJECT', 'PATH', 'DESTINATION', 'SYNC', 'OBJECTS']);
    const rows = lines.slice(2).filter(Boolean).map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual([
      ['lgtm-dev-root', 'lgtm-dev-bootstrap', 'environments/dev/manifests/argocd', 'argocd@https://kubernetes.default.svc', 'automated(self-heal)', '4'],
      ['lgtm-prod-root', 'lgtm-prod-bootstrap', 'environments/prod/manifests/argocd', 'argocd@https://kubernetes.default.svc', 'manual', '4'],
      ['platform-dev', 'lgtm-dev', 'environments/dev/manifests/platform', 'observability@https://kubernetes.default.svc', 'automated(prune,self-heal)', '5'],
      ['platform-prod', 'lgtm-prod', 'environments/prod/manifests/platform', 'observability@https://prod.k8s.talent-mesh.internal:6443', 'manual', '5'],
      ['web-dev', 'lgtm-dev', 'environments/dev/manifests/web', 'observability@https://kubernetes.default.svc', 'automated(prune,self-heal)', '1'],
      ['web-prod', 'lgtm-prod', 'environments/prod/manifests/web', 'observability@https://prod.k8s.talent-mesh.internal:6443', 'manual', '1'],
    ]);
  });

  test('the generated Applications are what Argo CD would create: template rendered, templatePatch applied', () => {
    const plan = planAt(root, 'HEAD');
    expect(plan.findings).toEqual([]);
    const web = plan.applications.find((a) => a.name === 'web-prod');
    expect(web).toEqual({
      name: 'web-prod',
      project: 'lgtm-prod',
      path: 'environments/prod/manifests/web',
      server: 'https://prod.k8s.talent-mesh.internal:6443',
      namespace: 'observability',
      sync: 'manual',
      objects: 1,
      resources: ['/Service/observability/web'],
      origin: 'environments/prod/manifests/argocd/applicationset-lgtm-prod.yaml (ApplicationSet lgtm-prod)',
    });
  });

  test('--base reports a renamed app folder as a rename, with the steps to finish it, and passes', async () => {
    renameSync(join(root, 'environments/dev/manifests/web'), join(root, 'environments/dev/manifests/website'));
    commit('rename the web app folder');
    const r = await lgtm(root, 'plan', '--base', 'HEAD~1');
    expect(r.out).toContain(
      '): 1 created, 1 without a folder\n  + website-dev  environments/dev/manifests/website\n  - web-dev  environments/dev/manifests/web\n' +
        '  website-dev takes over 1 object(s) of web-dev: a rename. web-dev stays, unable to build its folder; once website-dev has synced, delete it without cascade: argocd app delete web-dev --cascade=false\n',
    );
    expect(r.err.split('\n').filter((l) => l.startsWith('error:'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('--base fails when a removed folder leaves objects running with no Application, unless --allow-delete', async () => {
    rmSync(join(root, 'environments/dev/manifests/web'), { recursive: true });
    commit('remove the web app');
    const r = await lgtm(root, 'plan', '--base', 'HEAD~1');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "error: web-dev's folder is gone and no Application renders 1 of its object(s) (/Service/observability/web): they stay in the cluster, unmanaged, until web-dev is deleted with cascade (argocd app delete web-dev); pass --allow-delete if removing them is intended\n",
    );
    const allowed = await lgtm(root, 'plan', '--base', 'HEAD~1', '--allow-delete');
    expect(allowed.code).toBe(0);
    expect(allowed.err).toContain('; allowed by --allow-delete\n');
  });

  test('--base with only additions passes', async () => {
    write('environments/prod/manifests/api/service-api.yaml', SERVICE('api'));
    commit('add an app');
    const r = await lgtm(root, 'plan', '--base', 'main~1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('): 1 created, 0 without a folder\n  + api-prod  environments/prod/manifests/api\n');
  });

  test('--rev plans an older revision', async () => {
    rmSync(join(root, 'environments/prod/manifests/web'), { recursive: true });
    commit('drop web from prod');
    expect(planAt(root, 'HEAD').applications.map((a) => a.name)).not.toContain('web-prod');
    const r = await lgtm(root, 'plan', '--rev', 'HEAD~1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('web-prod');
  });

  const appSetFile = 'environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml';
  const edit = (path: string, from: string, to: string) => {
    const text = readFileSync(join(root, path), 'utf8');
    if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
    write(path, text.replace(from, to));
  };

  // Each error class the issue lists (and the ones plan adds), with the exact message it gives.
  const BAD: [name: string, change: () => void, message: string][] = [
    [
      'an app folder without any Kubernetes object',
      () => write('environments/dev/manifests/notes/README.md', '# notes\n'),
      `error: empty-path: Application notes-dev from ${appSetFile} (ApplicationSet lgtm-dev): environments/dev/manifests/notes holds no Kubernetes object; syncing it with prune would delete everything the Application owns`,
    ],
    [
      'a source path that does not exist',
      () => edit('environments/prod/manifests/argocd/application-lgtm-prod-root.yaml', 'path: environments/prod/manifests/argocd', 'path: environments/prod/argocd'),
      'error: missing-path: Application lgtm-prod-root from environments/prod/manifests/argocd/application-lgtm-prod-root.yaml: environments/prod/argocd does not exist at ',
    ],
    [
      'a kustomization.yaml, which the explicit directory source reads as an object',
      () => write('environments/dev/manifests/web/kustomization.yaml', 'resources: [service-web.yaml]\n'),
      `error: not-plain-directory: Application web-dev from ${appSetFile} (ApplicationSet lgtm-dev): environments/dev/manifests/web/kustomization.yaml is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails; render must not write it (rename the object or file)`,
    ],
    [
      'a template key that does not resolve',
      () => edit(appSetFile, '{{.path.basenameNormalized}}', '{{.path.basenameNormalised}}'),
      `error: template: ${appSetFile} (ApplicationSet lgtm-dev): folder environments/dev/manifests/platform: template "{{.path.basenameNormalised}}-{{index .path.segments 1}}": map has no entry for key "basenameNormalised" (at <.path.basenameNormalised>; missingkey=error)`,
    ],
    [
      'two Applications with one name',
      () => {
        write('environments/dev/manifests/argocd/applicationset-copy.yaml', readFileSync(join(root, appSetFile), 'utf8').replace('name: lgtm-dev\n', 'name: lgtm-dev-copy\n'));
      },
      'error: duplicate-name: Application platform-dev from environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml (ApplicationSet lgtm-dev): the name is also generated by environments/dev/manifests/argocd/applicationset-copy.yaml (ApplicationSet lgtm-dev-copy) for environments/dev/manifests/platform; the ApplicationSet that creates it first owns it, and the other reports an error on every reconcile; rename one folder',
    ],
    [
      'a malformed glob',
      () => edit(appSetFile, 'path: environments/dev/manifests/*', 'path: environments/dev/manifests/[*'),
      `error: glob: ${appSetFile} (ApplicationSet lgtm-dev): spec.generators[0].git.directories path "environments/dev/manifests/[*": syntax error in pattern "environments/dev/manifests/[*" (Go path.Match); Argo CD logs this and matches nothing`,
    ],
    [
      'an object kind the AppProject does not permit',
      () => write('environments/dev/manifests/web/secret-web.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\n  namespace: observability\n'),
      'error: project: Application web-dev from environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml (ApplicationSet lgtm-dev): Secret "web" (environments/dev/manifests/web/secret-web.yaml): core/Secret is not permitted by AppProject lgtm-dev; add it to NAMESPACED_KINDS in lib/argocd/project.ts if the stack needs it',
    ],
    [
      'an object in a namespace outside the project',
      () => write('environments/dev/manifests/web/service-elsewhere.yaml', SERVICE('elsewhere').replace('namespace: observability', 'namespace: kube-system')),
      'error: project: Application web-dev from environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml (ApplicationSet lgtm-dev): Service "elsewhere" (environments/dev/manifests/web/service-elsewhere.yaml): namespace kube-system is not a destination of AppProject lgtm-dev (lib/argocd/project.ts projectNamespaces)',
    ],
    [
      'a Namespace the project does not own',
      () => write('environments/dev/manifests/web/namespace-web.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n'),
      'error: project: Application web-dev from environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml (ApplicationSet lgtm-dev): Namespace "web" (environments/dev/manifests/web/namespace-web.yaml): cluster-scoped core/Namespace is not in AppProject lgtm-dev clusterResourceWhitelist (lib/argocd/project.ts clusterKinds)',
    ],
    [
      'a folder name that is not a Kubernetes name even normalised',
      () => write('environments/dev/manifests/_/service-x.yaml', SERVICE('x')),
      `error: invalid-name: Application -dev from ${appSetFile} (ApplicationSet lgtm-dev): "-dev" is not a valid Kubernetes name (lower-case DNS subdomain); rename the folder`,
    ],
    [
      'one object rendered by two apps',
      () => write('environments/dev/manifests/web2/service-web.yaml', SERVICE('web')),
      'error: shared-resource: Service/observability/web on https://kubernetes.default.svc is rendered by both web-dev (environments/dev/manifests/web) and web2-dev (environments/dev/manifests/web2); Argo CD lets one Application own an object, render it in one app only',
    ],
    [
      'a manifest that is not YAML',
      () => write('environments/dev/manifests/web/broken.yaml', 'kind: [unclosed\n'),
      'error: parse: environments/dev/manifests/web/broken.yaml: ',
    ],
  ];

  test.each(BAD)('reports %s', async (_name, change, message) => {
    change();
    commit('a bad change');
    const r = await lgtm(root, 'plan');
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter((l) => l.startsWith(message))).toHaveLength(1);
  });

  test('a Helm Chart.yaml in an app folder is skipped as Argo CD skips it: a warning, not an error', async () => {
    write('environments/prod/manifests/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    commit('a chart file');
    const r = await lgtm(root, 'plan');
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: not-an-object: environments/prod/manifests/web/Chart.yaml: a document without apiVersion and kind, which Argo CD skips; move it out of the app folder if it is not meant to be there\n');
  });

  test('folder names outside ASCII are normalised as Go does: one dash per code point, simple lower case', () => {
    write('environments/dev/manifests/app😀x/service-a.yaml', SERVICE('a'));
    write('environments/dev/manifests/İstanbul/service-b.yaml', SERVICE('b'));
    commit('non-ASCII folders');
    const names = planAt(root, 'HEAD').applications.map((a) => a.name);
    expect(names).toContain('app-x-dev');
    expect(names).toContain('istanbul-dev');
  });

  test('a templated map key is rendered, as Argo CD renders keys too', () => {
    edit(appSetFile, '        lgtm.dev/environment: dev\n', '        lgtm.dev/environment: dev\n        app-{{.path.basename}}: "true"\n');
    commit('templated label key');
    const plan = planAt(root, 'HEAD');
    expect(plan.findings).toEqual([]);
    expect(plan.applications.filter((a) => a.name.endsWith('-dev') && a.project === 'lgtm-dev').map((a) => a.name)).toEqual(['platform-dev', 'web-dev']);
  });

  test('a templatePatch cannot move an Application to another project: the template\'s project stays', () => {
    edit(appSetFile, 'templatePatch: |\n    spec:\n', 'templatePatch: |\n    spec:\n      project: default\n');
    commit('patch the project');
    const web = planAt(root, 'HEAD').applications.find((a) => a.name === 'web-dev');
    expect(web?.project).toBe('lgtm-dev');
  });

  test('hidden folders are Applications only when the repo server includes hidden directories', async () => {
    write('environments/dev/manifests/.hidden/service-h.yaml', SERVICE('h'));
    commit('a hidden app folder');
    expect(planAt(root, 'HEAD').applications.map((a) => a.name)).not.toContain('hidden-dev');
    expect(planAt(root, 'HEAD', { includeHiddenDirectories: true }).applications.map((a) => a.name)).toContain('hidden-dev');
    const r = await lgtm(root, 'plan', '--include-hidden-directories');
    expect(r.out).toContain('hidden-dev');
  });

  test('a Namespace without Prune=false,Delete=false is a warning that does not fail the plan', async () => {
    const namespace = (annotations: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n${annotations}  name: observability\n`;
    // Moved out of the platform app, so that only the web app renders it.
    for (const env of ['dev', 'prod']) rmSync(join(root, `environments/${env}/manifests/platform/namespace-observability.yaml`));
    write('environments/dev/manifests/web/namespace-observability.yaml', namespace(''));
    write(
      'environments/prod/manifests/web/namespace-observability.yaml',
      namespace('  annotations:\n    argocd.argoproj.io/sync-options: Prune=false,Delete=false\n'),
    );
    commit('namespaces in the web app');
    const plan = planAt(root, 'HEAD');
    const web = plan.warnings.filter((w) => w.message.includes('manifests/web/'));
    expect(web).toEqual([
      {
        class: 'unprotected-namespace',
        message:
          'Application web-dev from environments/dev/manifests/argocd/applicationset-lgtm-dev.yaml (ApplicationSet lgtm-dev): Namespace "observability" (environments/dev/manifests/web/namespace-observability.yaml) would be deleted, with everything in it, when the Application is deleted or the namespace leaves the render; annotate it argocd.argoproj.io/sync-options: Prune=false,Delete=false',
      },
    ]);
    const r = await lgtm(root, 'plan');
    expect(r.code).toBe(0);
  });

  test('an unknown revision is a user error naming it', async () => {
    const r = await lgtm(root, 'plan', '--rev', 'no-such-branch');
    expect(r.code).toBe(3);
    expect(r.err).toContain('lgtm plan: revision "no-such-branch" does not exist in');
  });

  test('--allow-delete without --base is a usage error', async () => {
    const r = await lgtm(root, 'plan', '--allow-delete');
    expect(r.code).toBe(2);
    expect(r.err).toContain('lgtm plan: --allow-delete only makes sense with --base REV');
  });
});

describe('lgtm plan on this repository at HEAD', () => {
  test('every committed app folder of every environment is an Application, prod syncs only by hand, and nothing is wrong', () => {
    const plan = planAt(REPO, 'HEAD');
    expect(plan.findings).toEqual([]);
    const folders = new Set(
      listFilesAt(REPO, resolveCommit(REPO, 'HEAD'), ['environments'])
        .map((f) => /^environments\/([^/]+)\/manifests\/([^/]+)\//.exec(f))
        .filter((m): m is RegExpExecArray => m !== null && m[2] !== 'argocd')
        .map((m) => `${m[2]}-${m[1]}`),
    );
    const generated = plan.applications.filter((a) => !a.name.endsWith('-root')).map((a) => a.name);
    expect(generated.sort()).toEqual([...folders].sort());
    expect(plan.applications.filter((a) => a.name.endsWith('-root')).map((a) => a.name)).toEqual(['lgtm-dev-root', 'lgtm-prod-root', 'lgtm-staging-root']);
    for (const a of plan.applications.filter((x) => x.project.startsWith('lgtm-prod'))) expect(a.sync).toBe('manual');
  });
});
