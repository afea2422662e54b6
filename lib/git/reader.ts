// Read-only questions to `git` about one clone, each asked once per reader. A render makes one
// reader and hands it to every part that reads the clone's refs or remotes (the fleet checks, the
// fleet checks' record), so a question costs one spawn however many ask it, and all of them see
// the clone as it was at the first asking.
import { execFileSync } from 'node:child_process';

/** The output of `git <args>` in the clone, or undefined when git fails (not a repository, no match). */
export type GitReader = (args: readonly string[]) => string | undefined;

export function gitReader(root: string): GitReader {
  const answers = new Map<string, string | undefined>();
  return (args) => {
    const key = args.join('\0');
    if (answers.has(key)) return answers.get(key);
    let answer: string | undefined;
    try {
      answer = execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
    } catch {
      answer = undefined;
    }
    answers.set(key, answer);
    return answer;
  };
}

/**
 * Every ref as `refname objectname objecttype peeled` lines; `peeled` (%(*objectname)) is the
 * commit an annotated tag points at, empty for everything else. Undefined outside a repository.
 */
export function refLines(git: GitReader): string | undefined {
  return git(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype) %(*objectname)']);
}

/** `remote.<name>.url <url>` lines; undefined when the clone has no remote (or is no repository). */
export function remoteUrlLines(git: GitReader): string | undefined {
  return git(['config', '--get-regexp', '^remote\\..*\\.url$']);
}
