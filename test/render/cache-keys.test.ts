// The render cache's keys: untracked leftovers shaped like sources (a dangling symlink, a symlink
// to a folder, a folder named like a file) neither crash the code digest nor the compiled CLI, and
// what the fleet checks read beyond the environments (the refs and remotes the Alloy source check
// looks at) changes the digest under which the hook trusts their last findings.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeDigest } from '../../render/fleet/keys';
import { fleetDigest } from '../../render/fleet/record';
import { gitReader } from '../../lib/git/reader';
import { gitIn as git } from '../helpers/git';
import { fullCopy } from '../helpers/tmp-repo';


let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lgtm-key-'));
  git(root, 'init', '-q', '-b', 'main');
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib/a.ts'), 'export const a = 1;\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'a');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('leftovers shaped like sources are hashed by what they are, never read as files', () => {
  const clean = codeDigest(root);
  symlinkSync('/nonexistent', join(root, 'lib/dangling.ts'));
  symlinkSync(tmpdir(), join(root, 'lib/folder.ts'));
  mkdirSync(join(root, 'lib/dir.ts'));
  writeFileSync(join(root, 'lib/dir.ts/inner.ts'), 'x\n');
  const withLeftovers = codeDigest(root);
  expect(withLeftovers).toMatch(/^[0-9a-f]{64}$/);
  expect(withLeftovers).not.toBe(clean);
});

test('a source edit changes the code digest', () => {
  const before = codeDigest(root);
  writeFileSync(join(root, 'lib/a.ts'), 'export const a = 2;\n');
  expect(codeDigest(root)).not.toBe(before);
});

test('a new remote, a new branch and another environment key each change the fleet digest', () => {
  const keys: [string, string][] = [['dev', 'k1']];
  const digest = (k: [string, string][]) => fleetDigest(gitReader(root), k);
  const first = digest(keys);
  expect(digest(keys)).toBe(first);
  git(root, 'remote', 'add', 'upstream', 'https://example.invalid/lgtm-gitops.git');
  const withRemote = digest(keys);
  expect(withRemote).not.toBe(first);
  git(root, 'branch', 'staging');
  const withBranch = digest(keys);
  expect(withBranch).not.toBe(withRemote);
  expect(digest([['dev', 'k2']])).not.toBe(withBranch);
});

test('the CLI runs with a dangling symlink named like a source file', () => {
  const copy = fullCopy();
  try {
    symlinkSync('/nonexistent', join(copy.root, 'lib/dangling.ts'));
    const r = copy.run(['--help']);
    expect([r.status, r.stderr]).toEqual([0, '']);
  } finally {
    copy.cleanup();
  }
});
