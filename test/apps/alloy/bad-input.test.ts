// Bad input must stop render with a message that names the field and the fix. The source check
// runs real `git` against a throwaway repository with one branch, two tags (one annotated), one
// remote-tracking branch and one commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dev from '../../../environments/dev/env';
import { bootstrapText, pullFrequency } from '../../../apps/alloy/bootstrap';
import { checkAlloySource, normalizeRepoURL, resolveRevision } from '../../../apps/alloy/source-check';
import { gitReader } from '../../../lib/git/reader';
import type { Environment } from '../../../lib/env/types';

let root: string;
let commit: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const at = (revision: string): Environment => ({ ...dev, git: { ...dev.git, revision } });
const MODULE = ['environments/dev/alloy/pipeline.alloy'];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lgtm-alloy-bad-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'test');
  mkdirSync(join(root, 'environments/dev/alloy'), { recursive: true });
  writeFileSync(join(root, 'environments/dev/alloy/pipeline.alloy'), 'declare "pipeline" { }\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'module');
  git('tag', 'v1');
  git('tag', '-a', 'v2', '-m', 'release v2');
  commit = git('rev-parse', 'HEAD');
  // A branch that exists only on a remote this clone fetched.
  git('update-ref', 'refs/remotes/fork/release/2026', commit);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the revision Alloy follows', () => {
  test.each([
    ['a branch', 'main'],
    ['a tag', 'v1'],
    ['an annotated tag (peeled to its commit)', 'v2'],
    ['a branch only a remote has', 'release/2026'],
    ['a full commit', () => commit],
    ['a short commit', () => commit.slice(0, 8)],
  ])('%s resolves', (_what, rev) => {
    const revision = typeof rev === 'function' ? rev() : rev;
    expect(resolveRevision(gitReader(root), revision)).toBe(commit);
    expect(checkAlloySource(at(revision), root, MODULE)).toEqual([]);
  });

  test('a branch this clone cannot see is a warning when no remote of the repository was fetched', () => {
    expect(checkAlloySource(at('staging'), root, MODULE)).toEqual([
      {
        severity: 'warning',
        text: `environments/dev/env.ts: git.revision: cannot verify "staging": it is not a branch, tag or commit here and no remote of this clone with fetched branches points at ${dev.git.repoURL}; Alloy's import.git fails if it does not exist there (git remote add upstream ${dev.git.repoURL} && git fetch upstream to check) (alloy-source)`,
      },
    ]);
  });

  test('normalizeRepoURL equates the https, ssh and scp forms of one repository', () => {
    const forms = ['https://github.com/Talent-Mesh/lgtm-gitops.git', 'https://token@github.com/talent-mesh/lgtm-gitops/', 'ssh://git@github.com/talent-mesh/lgtm-gitops.git', 'git@github.com:talent-mesh/lgtm-gitops.git'];
    expect(new Set(forms.map(normalizeRepoURL))).toEqual(new Set(['github.com/talent-mesh/lgtm-gitops']));
    expect(normalizeRepoURL('https://git.example.com:8443/a/b.git')).toBe('git.example.com:8443/a/b');
  });

  test.each([
    [
      'a branch nobody created, in a clone that fetched the repository',
      'staging',
      'environments/dev/env.ts: git.revision: "staging" is not a branch, tag or commit of this repository, so Alloy\'s import.git cannot fetch its pipeline; create and push it (git branch staging main && git push origin staging) or set git.revision to an existing one (alloy-source)',
    ],
    [
      'a commit that is not in the repository',
      'deadbeefdeadbeef',
      'environments/dev/env.ts: git.revision: "deadbeefdeadbeef" is not a branch, tag or commit of this repository, so Alloy\'s import.git cannot fetch its pipeline; fetch it (git fetch origin) if it was pushed, or set git.revision to an existing branch, tag or commit (alloy-source)',
    ],
    [
      'HEAD, which Alloy refuses',
      'HEAD',
      'environments/dev/env.ts: git.revision: "HEAD" moves under Alloy, which refuses it; name a branch, tag or commit such as "main" (alloy-source)',
    ],
  ])('%s fails render', (_what, revision, message) => {
    git('remote', 'add', 'origin', dev.git.repoURL);
    git('update-ref', 'refs/remotes/origin/main', commit);
    try {
      expect(checkAlloySource(at(revision), root, MODULE)).toEqual([{ severity: 'error', text: message }]);
    } finally {
      git('remote', 'remove', 'origin');
    }
  });

  test('a remote-tracking branch counts: Alloy clones the remote', () => {
    git('update-ref', 'refs/remotes/origin/prod', commit);
    expect(checkAlloySource(at('prod'), root, MODULE)).toEqual([]);
  });

  test('a folder that is not a repository (an export) cannot be checked: a warning', () => {
    const plain = mkdtempSync(join(tmpdir(), 'lgtm-alloy-plain-'));
    try {
      expect(checkAlloySource(dev, plain, MODULE)).toEqual([
        { severity: 'warning', text: `environments/dev/env.ts: git.revision: cannot check revision "main": ${plain} is not a Git repository (alloy-source)` },
      ]);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('the module path Alloy reads', () => {
  const missing = {
    severity: 'error',
    text: 'environments/dev/env.ts: name: Alloy\'s import.git path "environments/dev/alloy" holds no .alloy file in the rendered tree; Alloy reads only the top-level *.alloy files of that folder. Is the alloy app registered in apps/registry.ts and enabled for "dev"?',
  };

  test.each([
    ['nothing rendered there', []],
    ['only a nested file (import.git does not recurse)', ['environments/dev/alloy/lib/pipeline.alloy']],
    ['a file of another extension', ['environments/dev/alloy/pipeline.river']],
    ['another environment\'s module', ['environments/staging/alloy/pipeline.alloy']],
  ])('%s fails render', (_what, files) => {
    expect(checkAlloySource(dev, root, files)).toEqual([{ ...missing, text: `${missing.text} (alloy-source)` }]);
  });

  test('without a file list the working tree is read', () => {
    expect(checkAlloySource(dev, root)).toEqual([]);
    const empty = { ...dev, name: 'qa' };
    expect(checkAlloySource(empty, root).map((f) => f.text)).toEqual([expect.stringContaining('"environments/qa/alloy" holds no .alloy file')]);
  });
});

describe('bootstrap input', () => {
  test.each([
    ['30s', '30s'],
    ['5m', '5m'],
    ['2h', '2h'],
    ['1d', '24h'],
    ['1w', '168h'],
  ])('pull frequency %s is written as Go duration %s', (input, output) => {
    expect(pullFrequency({ ...dev, alloy: { pullFrequency: input } })).toBe(output);
  });

  test.each([
    ['alloy.pullFrequency', { ...dev, alloy: { pullFrequency: 'soon' } }, 'alloy.pullFrequency: "soon" is not a duration; write a whole number and one unit, such as 1m'],
    [
      'git.repoURL',
      { ...dev, git: { ...dev.git, repoURL: 'git@github.com:talent-mesh/lgtm-gitops.git' } },
      'git.repoURL: "git@github.com:talent-mesh/lgtm-gitops.git" is not an https:// URL; Alloy\'s import.git here clones over HTTPS (with the Secret "alloy-git-credentials" when git.private is true). Use the repository\'s https:// URL',
    ],
  ])('bad %s is refused', (_field, env, message) => {
    expect(() => bootstrapText(env as Environment)).toThrow(message);
  });
});
