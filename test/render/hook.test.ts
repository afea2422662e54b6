// The pre-commit hook answers from the render cache only when it knows the tree is current; every
// other time it hands over to `lgtm render --check`, whose summary says how it rendered.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../../lib/env/load';
import { gitIn } from '../helpers/git';
import { fullCopy } from '../helpers/tmp-repo';

const copy = fullCopy();
const root = copy.root;
afterAll(() => copy.cleanup());
const git = (...args: string[]) => gitIn(root, ...args);

function hook() {
  const r = spawnSync(process.execPath, [join(root, 'bin/precommit.mjs')], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** The hook answered itself: its line, without the figures of a render. */
const fast = (out: string) => /are up to date( \(\d+ warning\(s\) from the last render; lgtm render shows them\))?\n$/.test(out) && !out.includes('from the cache');
/** The hook handed over to render --check. */
const handedOver = (out: string) => /\(\d+ from the cache, \d+ rendered/.test(out);

const name = environmentNames(root)[0]!;

beforeAll(() => {
  git('init', '-q', '-b', 'main');
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.cache/\ndist/\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'copy');
  expect(copy.run(['render']).status).toBe(0);
}, 120_000);

test('an unchanged tree is answered from the cache', () => {
  const r = hook();
  expect(r.code).toBe(0);
  expect(fast(r.out)).toBe(true);
});

/** Runs the hook with a line appended to a file of the environment, then puts the file back. */
function hookWithAppended(file: string, line: string) {
  const path = join(root, 'environments', name, file);
  const text = readFileSync(path, 'utf8');
  try {
    appendFileSync(path, line);
    return hook();
  } finally {
    writeFileSync(path, text);
  }
}

test('a changed env.ts hands over to render --check', () => {
  const r = hookWithAppended('env.ts', '// reviewed\n');
  expect(r.code).toBe(0);
  expect(handedOver(r.out)).toBe(true);
}, 60_000);

test('a hand edit of a generated file is reported, not trusted', () => {
  const r = hookWithAppended('README.md', 'edited\n');
  expect(r.code).toBe(1);
  expect(r.err).toContain(`edited   environments/${name}/README.md`);
}, 60_000);

test('a new remote hands over: the Alloy source check reads the remotes', () => {
  expect(fast(hook().out)).toBe(true);
  git('remote', 'add', 'upstream', 'https://example.invalid/lgtm-gitops.git');
  try {
    expect(handedOver(hook().out)).toBe(true);
    // That check recorded the new remotes: the next commit is fast again.
    expect(fast(hook().out)).toBe(true);
  } finally {
    git('remote', 'remove', 'upstream');
  }
}, 60_000);
