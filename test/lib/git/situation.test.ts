// A revision that cannot be read gets a message for the situation the clone is really in, and any
// command it suggests quotes what the user typed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCommit } from '../../../lib/git/read';
import { revisionProblem, shellQuote } from '../../../lib/git/situation';
import { gitIn as git, tempDirs } from '../../helpers/git';

const temp = tempDirs('lgtm-git-');

function repoWithCommits(n: number): string {
  const d = temp();
  git(d, 'init', '-q', '-b', 'main');
  for (let i = 0; i < n; i++) {
    writeFileSync(join(d, 'f'), String(i));
    git(d, 'add', 'f');
    git(d, 'commit', '-q', '-m', `c${i}`);
  }
  return d;
}

test('shell words are quoted only when they need it, and quotes inside survive', () => {
  expect(shellQuote('origin/main')).toBe('origin/main');
  expect(shellQuote('HEAD~1')).toBe('HEAD~1');
  expect(shellQuote(';rm -rf ~')).toBe("';rm -rf ~'");
  expect(shellQuote("it's")).toBe("'it'\\''s'");
  expect(shellQuote('~root')).toBe("'~root'");
});

test('outside a repository', () => {
  const d = temp();
  expect(revisionProblem(d, 'main')).toBe(`${d} is not a Git repository; lgtm reads committed files with git, so run it inside a clone of this repository`);
});

test('a repository without commits', () => {
  const d = temp();
  git(d, 'init', '-q');
  expect(revisionProblem(d, 'HEAD')).toBe(`the repository has no commits yet, so revision "HEAD" does not exist; commit first (git add -A && git commit -m 'first render')`);
});

test('a shallow clone that lacks the base', () => {
  const origin = repoWithCommits(3);
  const d = join(temp(), 'clone');
  git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, d);
  expect(() => resolveCommit(d, 'HEAD~2')).toThrow(
    'revision "HEAD~2" is not in this shallow clone (CI checkouts fetch one commit by default); fetch the history: git fetch --unshallow origin, or set fetch-depth: 0 on actions/checkout',
  );
});

test('a detached HEAD without the named branch', () => {
  const d = repoWithCommits(1);
  git(d, 'checkout', '-q', '--detach');
  expect(revisionProblem(d, 'release')).toBe(
    'revision "release" does not exist here, and HEAD is detached (a checkout of one commit, as in CI), so there is no local branch of that name; fetch it (git fetch origin release) and name the remote branch, origin/release, instead',
  );
});

test('a revision that was never fetched: the suggested command quotes what was typed', () => {
  const d = repoWithCommits(1);
  expect(() => resolveCommit(d, ';rm -rf ~')).toThrow(`revision ";rm -rf ~" does not exist in ${d}; if it was pushed, fetch it: git fetch origin ';rm -rf ~'`);
  expect(resolveCommit(d, 'main')).toBe(git(d, 'rev-parse', 'HEAD'));
});
