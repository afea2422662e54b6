// The render cache's key: untracked leftovers shaped like sources (a dangling symlink, a symlink to
// a folder, a folder named like a file) neither crash it nor the compiled CLI, and what the checks
// read beyond the sources (the remotes the Alloy source check looks for) changes it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputsKey } from '../../render/cache.mjs';
import { fullCopy } from '../helpers/tmp-repo';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

test('leftovers shaped like sources are hashed by what they are, never read as files', () => {
  const root = mkdtempSync(join(tmpdir(), 'lgtm-key-'));
  try {
    git(root, 'init', '-q', '-b', 'main');
    mkdirSync(join(root, 'lib'));
    writeFileSync(join(root, 'lib/a.ts'), 'export const a = 1;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'a');
    const clean = inputsKey(root);
    symlinkSync('/nonexistent', join(root, 'lib/dangling.ts'));
    symlinkSync(tmpdir(), join(root, 'lib/folder.ts'));
    mkdirSync(join(root, 'lib/dir.ts'));
    writeFileSync(join(root, 'lib/dir.ts/inner.ts'), 'x\n');
    const withLeftovers = inputsKey(root);
    expect(withLeftovers).toMatch(/^[0-9a-f]{64}$/);
    expect(withLeftovers).not.toBe(clean);
    git(root, 'remote', 'add', 'upstream', 'https://example.invalid/lgtm-gitops.git');
    expect(inputsKey(root)).not.toBe(withLeftovers);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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
