// A commit of the work tree as it is (tracked and untracked files, .gitignore honoured), made with
// a separate index so the user's staging area is untouched: for planning or serving uncommitted work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
}

export function snapshotWorkTree(repoRoot: string, indexFile?: string): string {
  const dir = indexFile ? undefined : mkdtempSync(join(tmpdir(), 'lgtm-index-'));
  const env = {
    GIT_INDEX_FILE: indexFile ?? join(dir!, 'index'),
    GIT_AUTHOR_NAME: 'lgtm',
    GIT_AUTHOR_EMAIL: 'lgtm@lgtm.invalid',
    GIT_COMMITTER_NAME: 'lgtm',
    GIT_COMMITTER_EMAIL: 'lgtm@lgtm.invalid',
  };
  try {
    git(['add', '-A', '.'], repoRoot, env);
    const tree = git(['write-tree'], repoRoot, env);
    let parent: string[] = [];
    try {
      parent = ['-p', git(['rev-parse', 'HEAD'], repoRoot)];
    } catch {
      /* a repository without commits */
    }
    return git(['commit-tree', tree, ...parent, '-m', 'lgtm: work tree snapshot'], repoRoot, env);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Files under `paths` that differ from HEAD in the work tree (modified, added, deleted, untracked). */
export function uncommitted(repoRoot: string, paths: readonly string[]): string[] {
  // Porcelain lines start with a two-letter status that may begin with a space: no trimming.
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...paths], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
}
