import { environmentNames, loadEnvironment } from '../../lib/env/load';
import { externalsOf } from '../../lib/validate/externals';
import { apps } from '../../apps/registry';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn } from '../helpers/git';
import { lgtm, REPO, snapshot, tempRepo } from '../helpers/tmp-repo';

let repo: { root: string; cleanup: () => void };
beforeEach(() => (repo = tempRepo()));
afterEach(() => repo.cleanup());

const someManifest = (root: string) => join(root, 'environments/dev/manifests/platform/namespace-ai.yaml');

describe('lgtm render --check', () => {
  test('the committed tree is current (the rendered environments are the golden files)', async () => {
    const r = await lgtm(REPO, 'render', '--check');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('a hand-edited file and a stray extra file are both reported, with the fix', async () => {
    appendFileSync(someManifest(repo.root), '  extra: label\n');
    writeFileSync(join(repo.root, 'environments/dev/manifests/platform/notes.yaml'), 'kind: Note\n');
    const r = await lgtm(repo.root, 'render', '--check');
    expect(r.code).toBe(1);
    expect(r.err).toContain('edited   environments/dev/manifests/platform/namespace-ai.yaml  (edited by hand; generated files are overwritten: make the change in apps/ or environments/*/env.ts, then run: lgtm render)');
    expect(r.err).toContain('extra    environments/dev/manifests/platform/notes.yaml  (not produced by render; run: lgtm render to remove it, or move it outside manifests/ and alloy/)');
  });

  test('a stale file (valid header, old content) and a missing file are reported', async () => {
    const file = someManifest(repo.root);
    const stale = readFileSync(file, 'utf8');
    const staging = join(repo.root, 'environments/staging/manifests/platform/namespace-email.yaml');
    writeFileSync(staging, readFileSync(join(repo.root, 'environments/staging/manifests/platform/namespace-ai.yaml')));
    rmSync(file);
    const r = await lgtm(repo.root, 'render', '--check');
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing  environments/dev/manifests/platform/namespace-ai.yaml');
    expect(r.err).toContain('stale    environments/staging/manifests/platform/namespace-email.yaml  (out of date with the TypeScript sources; run: lgtm render)');
    expect(stale).toContain('name: ai');
  });

  test('render repairs everything --check found and then --check is clean', async () => {
    appendFileSync(someManifest(repo.root), '  extra: label\n');
    writeFileSync(join(repo.root, 'environments/dev/manifests/platform/notes.yaml'), 'kind: Note\n');
    const w = await lgtm(repo.root, 'render');
    expect(w.code).toBe(0);
    expect(w.err).toBe('warning: overwrote a hand edit in environments/dev/manifests/platform/namespace-ai.yaml\n');
    expect(existsSync(join(repo.root, 'environments/dev/manifests/platform/notes.yaml'))).toBe(false);
    expect((await lgtm(repo.root, 'render', '--check')).code).toBe(0);
    expect(snapshot(join(repo.root, 'environments'))).toEqual(snapshot(join(REPO, 'environments')));
  });

  test('files outside the owned folders are never touched', async () => {
    const notes = join(repo.root, 'environments/dev/NOTES.txt');
    writeFileSync(notes, 'kept\n');
    expect((await lgtm(repo.root, 'render')).code).toBe(0);
    expect(readFileSync(notes, 'utf8')).toBe('kept\n');
  });
});

describe('failures leave the tree byte-identical', () => {
  test('an environment module that throws', async () => {
    appendFileSync(someManifest(repo.root), '# local edit\n');
    const before = snapshot(join(repo.root, 'environments'));
    writeFileSync(join(repo.root, 'environments/staging/env.ts'), "throw new Error('cluster inventory unavailable');\n");
    const r = await lgtm(repo.root, 'render');
    expect(r.code).toBe(3);
    expect(r.err).toBe('lgtm render: environments/staging/env.ts: failed to evaluate: cluster inventory unavailable\n');
    const after = snapshot(join(repo.root, 'environments'));
    after.set('/staging/env.ts', before.get('/staging/env.ts')!);
    expect(after).toEqual(before);
  });

  test('an invalid environment value names the file and the field', async () => {
    const envFile = join(repo.root, 'environments/dev/env.ts');
    writeFileSync(envFile, readFileSync(envFile, 'utf8').replace("logs: '3d'", "logs: '7 days'"));
    const before = snapshot(join(repo.root, 'environments'));
    const r = await lgtm(repo.root, 'render');
    expect(r.code).toBe(3);
    expect(r.err).toBe('lgtm render: environments/dev/env.ts: retention.logs: "7 days" is not a duration; write a whole number and one unit (ms, s, m, h, d, w, y), such as 7d or 168h\n');
    expect(snapshot(join(repo.root, 'environments'))).toEqual(before);
  });
});

describe('command line', () => {
  test('an unknown --env is a bad command line (exit 2) that suggests the closest name and lists the known ones', async () => {
    const known = environmentNames(repo.root);
    const near = `${known[0]!.slice(0, -1)}`;
    const r = await lgtm(repo.root, 'render', '--env', near);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`lgtm render: --env "${near}": no environment of that name; did you mean "${known[0]}"? (known: ${known.join(', ')})`);
    const far = await lgtm(repo.root, 'render', '--env', 'no-such-environment-anywhere');
    expect(far.code).toBe(2);
    expect(far.err.split('\n')[0]).not.toContain('did you mean');
  });

  test('an unknown option is a usage error with the help', async () => {
    const r = await lgtm(repo.root, 'render', '--chek');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lgtm render: Unknown option '--chek'/);
    expect(r.err).toContain('Usage: lgtm render');
  });

  test('--env renders only the named environments', async () => {
    appendFileSync(join(repo.root, 'environments/prod/manifests/platform/namespace-ai.yaml'), '# edit\n');
    const r = await lgtm(repo.root, 'render', '--env', 'dev', '--check');
    expect(r.code).toBe(0);
  });

  test('lgtm envs lists every environment it can load and marks a broken one, then exits 3 naming it', async () => {
    const [broken, ...rest] = environmentNames(repo.root);
    const file = join(repo.root, 'environments', broken!, 'env.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/retention: \{[^}]*\}/, "retention: { metrics: 'soon', logs: '7d', traces: '2d' }").replace(/defineEnvironment\(\{/, "defineEnvironment({ retention: { metrics: 'soon', logs: '7d', traces: '2d' },"));
    const r = await lgtm(repo.root, 'envs');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`^${broken}\\s+BROKEN`, 'm'));
    for (const name of rest) expect(r.out).toMatch(new RegExp(`^${name}\\s+${name === 'dev' ? 'dev' : '\\S+'}`, 'm'));
    expect(r.err).toContain(`environments/${broken}/env.ts: retention.metrics`);
  });

  test('lgtm validate lists the Secrets each environment expects from outside Git, with their keys', async () => {
    const r = await lgtm(repo.root, 'validate');
    expect(r.code).toBe(0);
    const listed = r.out.slice(r.out.indexOf('Secrets to create before the first sync'));
    for (const name of environmentNames(repo.root)) {
      const env = await loadEnvironment(repo.root, name);
      for (const s of externalsOf(env, apps).secrets) expect(listed).toContain(`  ${name}: ${s.namespace}/${s.name} (keys: ${s.keys.join(', ')})`);
    }
  });

  test('lgtm validate environments validates each environment as its own cluster (no cross-environment duplicates)', async () => {
    const r = await lgtm(repo.root, 'validate', 'environments');
    expect([r.code, r.out.split('\n').find((l) => l.includes('object(s)'))]).toEqual([0, expect.stringContaining('0 error(s)')]);
  });

  test('lgtm validate on part of an environment resolves references against the whole environment and reports only that part', async () => {
    const [name] = environmentNames(repo.root);
    for (const app of readdirSync(join(repo.root, 'environments', name!, 'manifests'))) {
      const folder = `environments/${name}/manifests/${app}`;
      const r = await lgtm(repo.root, 'validate', folder);
      const files = readdirSync(join(repo.root, folder)).length;
      expect([folder, r.code, r.out.split('\n').find((l) => l.includes('object(s)'))]).toEqual([folder, 0, expect.stringMatching(new RegExp(`^\\d+ object\\(s\\) in ${files} file\\(s\\): 0 error\\(s\\)`))]);
    }
  });

  test('lgtm validate on input without any object is an error, not a clean pass', async () => {
    const empty = join(repo.root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'nothing.yaml'), '# only a comment\n');
    const r = await lgtm(repo.root, 'validate', 'empty');
    expect([r.code, r.err]).toEqual([3, 'lgtm validate: no Kubernetes object found in empty (1 file(s) read); give the folder or files that hold the manifests\n']);
  });

  test('lgtm envs prints the table', async () => {
    const r = await lgtm(repo.root, 'envs');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^NAME\s+CLUSTER\s+SERVER\s+NAMESPACE\s+REVISION\s+SYNC$/);
    expect(r.out).toMatch(/^prod\s+prod\s+https:\/\/prod\.k8s\.talent-mesh\.internal:6443\s+observability\s+prod\s+manual$/m);
  });

  test('every command has --help', async () => {
    for (const name of ['render', 'diff', 'envs', 'bench']) {
      const r = await lgtm(repo.root, name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: lgtm ${name}`);
    }
  });
});

describe('lgtm diff', () => {
  test('no differences exits 0; a hand edit shows as a unified diff and exits 1', async () => {
    expect((await lgtm(repo.root, 'diff')).code).toBe(0);
    const file = someManifest(repo.root);
    writeFileSync(file, readFileSync(file, 'utf8').replace('  name: ai\n', '  name: ai2\n'));
    const r = await lgtm(repo.root, 'diff', '--env', 'dev');
    expect(r.code).toBe(1);
    expect(r.out).toContain('diff --git a/environments/dev/manifests/platform/namespace-ai.yaml b/environments/dev/manifests/platform/namespace-ai.yaml\n');
    expect(r.out).toContain('-  name: ai2\n+  name: ai\n');
  });

  /** Differences of every kind in dev and staging (a hand edit, an extra file, a stale one, a missing one); prod as render left it. */
  function drift(root: string): void {
    writeFileSync(someManifest(root), readFileSync(someManifest(root), 'utf8').replace('  name: ai\n', '  name: ai2\n'));
    writeFileSync(join(root, 'environments/dev/manifests/platform/notes.yaml'), 'kind: Note\n');
    const staging = (name: string) => join(root, `environments/staging/manifests/platform/${name}`);
    writeFileSync(staging('namespace-email.yaml'), readFileSync(staging('namespace-ai.yaml')));
    rmSync(staging('namespace-ai.yaml'));
  }

  test('answered through the render cache, it prints what it prints without the cache', async () => {
    expect((await lgtm(repo.root, 'diff')).code).toBe(0);
    expect(readdirSync(join(repo.root, '.cache/render')).filter((f) => f.endsWith('.json')).length).toBe(environmentNames(repo.root).length);
    drift(repo.root);
    const cached = await lgtm(repo.root, 'diff');
    const uncached = await lgtm(repo.root, 'diff', '--no-cache');
    expect(cached.code).toBe(1);
    expect(cached.out).toBe(uncached.out);
    expect(cached.err).toBe(uncached.err);
    expect(cached.err).toBe('lgtm diff: 4 file(s) differ\n');
    expect(cached.out).toContain('--- a/environments/dev/manifests/platform/namespace-ai.yaml\n+++ b/environments/dev/manifests/platform/namespace-ai.yaml\n');
    expect(cached.out).toContain('-  name: ai2\n+  name: ai\n');
    expect(cached.out).toContain('--- a/environments/dev/manifests/platform/notes.yaml\n+++ /dev/null\n');
    expect(cached.out).toContain('--- a/environments/staging/manifests/platform/namespace-email.yaml\n+++ b/environments/staging/manifests/platform/namespace-email.yaml\n');
    expect(cached.out).toContain('--- /dev/null\n+++ b/environments/staging/manifests/platform/namespace-ai.yaml\n');
  });

  test('--base through the render cache: render\'s output against the commit, never a hand edit on disk', async () => {
    const git = (...args: string[]) => gitIn(repo.root, ...args);
    // The commit holds a prod file render would change; the disk holds what render writes.
    const prodFile = join(repo.root, 'environments/prod/manifests/platform/namespace-ai.yaml');
    const rendered = readFileSync(prodFile, 'utf8');
    writeFileSync(prodFile, rendered.replace('  name: ai\n', '  name: ai-old\n'));
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'base');
    writeFileSync(prodFile, rendered);
    expect((await lgtm(repo.root, 'diff', '--base', 'main')).code).toBe(1); // fills the cache
    drift(repo.root);
    const cached = await lgtm(repo.root, 'diff', '--base', 'main');
    const uncached = await lgtm(repo.root, 'diff', '--base', 'main', '--no-cache');
    expect(cached.code).toBe(1);
    expect(cached.out).toBe(uncached.out);
    // prod, answered from the cache and read from the disk, differs from the commit; the files
    // edited, added or removed on disk in dev and staging are not render's output, so not in it.
    expect(cached.err).toBe('lgtm diff: 1 file(s) differ\n');
    expect(cached.out).toContain('--- a/environments/prod/manifests/platform/namespace-ai.yaml\n+++ b/environments/prod/manifests/platform/namespace-ai.yaml\n');
    expect(cached.out).toContain('-  name: ai-old\n+  name: ai\n');
  });
});
