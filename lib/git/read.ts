// Reading files of a Git revision with the real `git`, without a checkout.
import { execFileSync } from 'node:child_process';
import { revisionProblem } from './situation';

export class GitError extends Error {}

function git(root: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd: root, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new GitError(`git ${args.join(' ')}: ${(err.stderr?.toString() || err.message).trim()}`);
  }
}

/** The commit a revision names, or an error that says the revision does not exist. */
export function resolveCommit(root: string, rev: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString().trim();
  } catch {
    throw new GitError(revisionProblem(root, rev));
  }
}

/** Paths of the files under `prefixes` at a commit. */
export function listFilesAt(root: string, commit: string, prefixes: string[]): string[] {
  const out = git(root, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ...prefixes]).toString();
  return out.split('\0').filter((p) => p !== '');
}

/** Contents of the files under `prefixes` at a commit, read in one `git cat-file --batch` call. */
export function readFilesAt(root: string, commit: string, prefixes: string[]): Map<string, string> {
  const paths = listFilesAt(root, commit, prefixes);
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  const buf = git(root, ['cat-file', '--batch'], paths.map((p) => `${commit}:${p}`).join('\n') + '\n');
  let pos = 0;
  for (const path of paths) {
    const nl = buf.indexOf(10, pos);
    const headerLine = buf.subarray(pos, nl).toString();
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(headerLine);
    if (!m) throw new GitError(`git cat-file: unexpected answer "${headerLine}" for ${path}`);
    const size = Number(m[2]);
    files.set(path, buf.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    pos = nl + 1 + size + 1;
  }
  return files;
}
