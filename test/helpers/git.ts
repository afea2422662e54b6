// Git for tests: commands in a clone with a fixed identity (a machine without a global one must
// still commit), and throwaway folders removed after the file's tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

/** `git <args>` in `cwd`; its standard output, trimmed. Throws (with git's message) when git fails. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, ...IDENTITY } })
    .toString()
    .trim();
}

/** A maker of empty temporary folders named `<prefix>…`, all removed after the test file. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
