// Why a revision cannot be read, in the words of the situation the clone is in: not a repository,
// no commits yet, a shallow clone, a detached HEAD without the branch, or simply not fetched. Every
// command a hint suggests quotes what the user typed, so it can be pasted into a shell as it is.
import { gitReader } from './reader';

/** `s` as one POSIX shell word: unchanged when it is plainly safe, else in single quotes. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9._\/@%+=:,~^-]+$/.test(s) && !s.startsWith('~')) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One sentence: why `rev` does not name a commit in the clone at `root`, and what to do. */
export function revisionProblem(root: string, rev: string): string {
  const git = gitReader(root);
  const answer = (args: string[]) => git(args)?.trim();
  const shown = JSON.stringify(rev);
  if (answer(['rev-parse', '--git-dir']) === undefined) {
    return `${root} is not a Git repository; lgtm reads committed files with git, so run it inside a clone of this repository`;
  }
  if (answer(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) === undefined) {
    return `the repository has no commits yet, so revision ${shown} does not exist; commit first (git add -A && git commit -m 'first render')`;
  }
  const q = shellQuote(rev);
  if (answer(['rev-parse', '--is-shallow-repository']) === 'true') {
    return `revision ${shown} is not in this shallow clone (CI checkouts fetch one commit by default); fetch the history: git fetch --unshallow origin, or set fetch-depth: 0 on actions/checkout`;
  }
  const branchLike = /^[A-Za-z0-9._\/-]+$/.test(rev) && !rev.startsWith('origin/');
  if (branchLike && answer(['symbolic-ref', '--quiet', 'HEAD']) === undefined) {
    return `revision ${shown} does not exist here, and HEAD is detached (a checkout of one commit, as in CI), so there is no local branch of that name; fetch it (git fetch origin ${q}) and name the remote branch, origin/${rev}, instead`;
  }
  return `revision ${shown} does not exist in ${root}; if it was pushed, fetch it: git fetch origin ${q}`;
}
