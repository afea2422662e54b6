// Comparing a render with the disk may skip reading files and folders it verified before, as Git's
// index does; these are the changes that must still be seen through such a memo.
import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { verifyOnDisk, type DiskMemo } from '../../render/tree';

const OWNED = ['environments/e/manifests', 'environments/e/README.md'];
const expected = new Map([
  ['environments/e/manifests/app/a.yaml', 'kind: A\n'],
  ['environments/e/manifests/app/b.yaml', 'kind: B\n'],
  ['environments/e/manifests/other/c.yaml', 'kind: C\n'],
  ['environments/e/README.md', '# e\n'],
]);

let root: string;
let memo: DiskMemo;

/** Everything written ten seconds ago, and a memo taken now: past the racy window, so it is trusted. */
function settled(): void {
  const past = new Date(Date.now() - 10_000);
  for (const [path, content] of expected) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  for (const p of [...expected.keys(), 'environments/e/manifests/app', 'environments/e/manifests/other', 'environments/e/manifests']) utimesSync(join(root, p), past, past);
  const first = verifyOnDisk(root, expected, OWNED);
  expect(first.drift).toEqual([]);
  memo = first.memo;
  expect(memo.stats.map(([p]) => p)).toEqual([...expected.keys()]);
  expect((memo.dirs ?? []).map(([d]) => d)).toEqual(['environments/e/manifests', 'environments/e/manifests/app', 'environments/e/manifests/other']);
  // Trusted as it is: the same memo comes back.
  expect(verifyOnDisk(root, expected, OWNED, undefined, memo)).toEqual({ drift: [], memo });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lgtm-memo-'));
  settled();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a file rewritten with the same size and its old modification time is read again (its change time moved)', () => {
  const file = join(root, 'environments/e/manifests/app/a.yaml');
  const { atime, mtime } = statSync(file);
  writeFileSync(file, 'kind: Z\n');
  utimesSync(file, atime, mtime);
  expect(verifyOnDisk(root, expected, OWNED, undefined, memo).drift).toEqual([{ kind: 'edited', path: 'environments/e/manifests/app/a.yaml' }]);
});

test('a file added to a folder the memo vouches for is extra', () => {
  writeFileSync(join(root, 'environments/e/manifests/app/new.yaml'), 'kind: N\n');
  expect(verifyOnDisk(root, expected, OWNED, undefined, memo).drift).toEqual([{ kind: 'extra', path: 'environments/e/manifests/app/new.yaml' }]);
});

test('a new folder inside an owned folder is seen', () => {
  mkdirSync(join(root, 'environments/e/manifests/third'));
  writeFileSync(join(root, 'environments/e/manifests/third/d.yaml'), 'kind: D\n');
  expect(verifyOnDisk(root, expected, OWNED, undefined, memo).drift).toEqual([{ kind: 'extra', path: 'environments/e/manifests/third/d.yaml' }]);
});

test('a removed file is missing, also the README, which has no owned folder to tell', () => {
  unlinkSync(join(root, 'environments/e/manifests/other/c.yaml'));
  unlinkSync(join(root, 'environments/e/README.md'));
  expect(verifyOnDisk(root, expected, OWNED, undefined, memo).drift).toEqual([
    { kind: 'missing', path: 'environments/e/README.md' },
    { kind: 'missing', path: 'environments/e/manifests/other/c.yaml' },
  ]);
});

test('files verified within the racy window are not trusted next time', () => {
  // Written just now: a memo taken now cannot vouch for them, so the next comparison reads them.
  const fresh = verifyOnDisk(root, expected, OWNED);
  writeFileSync(join(root, 'environments/e/manifests/app/b.yaml'), 'kind: B\n');
  const again = verifyOnDisk(root, expected, OWNED, undefined, fresh.memo);
  expect(again.drift).toEqual([]);
  expect(again.memo).not.toBe(fresh.memo);
});

test('a memo too young to vouch for its files is renewed by the comparison that reads them, so the next one reads nothing', () => {
  // A memo taken right after the files were written (as a render takes it): the racy window covers them.
  const newest = Math.max(...[...expected.keys()].map((p) => statSync(join(root, p)).mtimeMs));
  const young: DiskMemo = { ...memo, at: newest + 500 };
  const reads = (count: { n: number }) => (actual: string, wanted: string) => {
    count.n++;
    return actual === wanted;
  };
  const first = { n: 0 };
  const renewed = verifyOnDisk(root, expected, OWNED, reads(first), young);
  expect(renewed.drift).toEqual([]);
  expect(first.n).toBe(expected.size);
  expect(renewed.memo.at).toBeGreaterThan(young.at);
  const second = { n: 0 };
  expect(verifyOnDisk(root, expected, OWNED, reads(second), renewed.memo)).toEqual({ drift: [], memo: renewed.memo });
  expect(second.n).toBe(0);
});
