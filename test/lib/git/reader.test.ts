// A reader answers each question about a clone once: the parts of one render that ask the same
// (the Alloy source check, the fleet record) see the clone in one state, and a later render, with
// a reader of its own, sees what changed since.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitReader, refLines, remoteUrlLines } from '../../../lib/git/reader';
import { gitIn as git, tempDirs } from '../../helpers/git';

const temp = tempDirs('lgtm-git-reader-');

function clone(): string {
  const d = temp();
  git(d, 'init', '-q', '-b', 'main');
  writeFileSync(join(d, 'f'), 'x');
  git(d, 'add', 'f');
  git(d, 'commit', '-q', '-m', 'first');
  return d;
}

test('one reader keeps its first answer; a new reader sees the branch made since', () => {
  const d = clone();
  const head = git(d, 'rev-parse', 'HEAD');
  const reader = gitReader(d);
  expect(refLines(reader)).toBe(`refs/heads/main ${head} commit \n`);
  git(d, 'branch', 'staging');
  expect(refLines(reader)).toBe(`refs/heads/main ${head} commit \n`);
  expect(refLines(gitReader(d))).toBe(`refs/heads/main ${head} commit \nrefs/heads/staging ${head} commit \n`);
});

test('annotated tags list the commit they point at', () => {
  const d = clone();
  const head = git(d, 'rev-parse', 'HEAD');
  git(d, 'tag', '-a', '-m', 'release', 'v1');
  const tag = git(d, 'rev-parse', 'v1');
  expect(refLines(gitReader(d))).toContain(`refs/tags/v1 ${tag} tag ${head}\n`);
});

test('remotes, none, and no repository at all', () => {
  const d = clone();
  expect(remoteUrlLines(gitReader(d))).toBeUndefined();
  git(d, 'remote', 'add', 'upstream', 'https://example.invalid/lgtm-gitops.git');
  expect(remoteUrlLines(gitReader(d))).toBe('remote.upstream.url https://example.invalid/lgtm-gitops.git\n');
  const plain = temp();
  expect(refLines(gitReader(plain))).toBeUndefined();
});
