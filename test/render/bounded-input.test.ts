// fmt and vet read only regular files of bounded size, and vet follows only this repository's
// modules: a FIFO, a device, an oversized input or a path that leaves the repository is one line
// naming the path, never a hang, an unbounded read, or a read of someone else's file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lgtm } from '../helpers/tmp-repo';
import { MAX_SOURCE_BYTES } from '../../lib/io/bounded';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lgtm-bounded-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('fmt refuses a FIFO and a device instead of blocking or reading forever', async () => {
  const fifo = join(dir, 'pipe.alloy');
  execFileSync('mkfifo', [fifo]);
  expect(await lgtm(dir, 'fmt', fifo)).toMatchObject({ code: 3, err: `lgtm fmt: ${fifo}: not a regular file (a FIFO); give a file\n` });
  expect(await lgtm(dir, 'fmt', '/dev/zero')).toMatchObject({ code: 3, err: 'lgtm fmt: /dev/zero: not a regular file (a device); give a file\n' });
});

test('fmt refuses a file and standard input over the size limit', async () => {
  const big = join(dir, 'big.alloy');
  writeFileSync(big, Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
  expect((await lgtm(dir, 'fmt', big)).err).toMatch(/^lgtm fmt: .*big\.alloy: 16 MiB is more than the 16 MiB this command reads/);
  const r = spawnSync(process.execPath, [join(new URL('../..', import.meta.url).pathname, 'bin/lgtm.mjs'), 'fmt', '-'], { input: Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20), encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([3, 'lgtm fmt: <stdin>: more than the 16 MiB this command reads; is it the right input?\n']);
}, 60_000);

test('vet does not follow an import out of the repository, through .. or a symbolic link', async () => {
  const mod = join(dir, 'environments', 'x', 'alloy');
  mkdirSync(mod, { recursive: true });
  const outside = mkdtempSync(join(tmpdir(), 'lgtm-outside-'));
  try {
    writeFileSync(join(outside, 'secret.alloy'), 'declare "x" {}\n');
    symlinkSync(outside, join(mod, 'link'));
    writeFileSync(join(mod, 'up.alloy'), `import.file "a" {\n\tfilename = "${relative(mod, join(outside, 'secret.alloy'))}"\n}\n`);
    writeFileSync(join(mod, 'via-link.alloy'), 'import.file "b" {\n\tfilename = "link/secret.alloy"\n}\n');
    for (const f of ['up.alloy', 'via-link.alloy']) {
      const r = await lgtm(dir, 'vet', join(mod, f));
      expect([f, r.code, r.err]).toEqual([f, 1, expect.stringContaining("is outside this repository; vet follows only this repository's modules")]);
    }
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('vet resolves import.file against the module folder when run from outside the repository root', async () => {
  // The test process's working folder is not the repository: paths are shown relative to it, but
  // imports must still resolve from the module's own folder (a nested root makes the two differ).
  const root = join(dir, 'a', 'b', 'c');
  const mod = join(root, 'environments', 'x', 'alloy');
  mkdirSync(mod, { recursive: true });
  writeFileSync(join(mod, 'lib.alloy'), 'declare "x" {\n}\n');
  writeFileSync(join(mod, 'main.alloy'), 'import.file "lib" {\n\tfilename = module_path + "/lib.alloy"\n}\n\nimport.file "sibling" {\n\tfilename = "lib.alloy"\n}\n');
  const r = await lgtm(root, 'vet', join(mod, 'main.alloy'));
  expect([r.code, r.err, r.out]).toEqual([0, '', expect.not.stringContaining('does not exist')]);
});
