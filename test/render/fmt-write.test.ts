// lgtm fmt -w replaces the file in one step (write beside it, rename over it), keeping its mode,
// so a full disk or a kill never leaves it half written.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lgtm } from '../helpers/tmp-repo';

test('fmt -w writes the formatted file by rename, with the same mode and nothing left beside it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-fmt-'));
  try {
    const file = join(dir, 'm.alloy');
    writeFileSync(file, 'a   =   1\n');
    chmodSync(file, 0o640);
    const before = statSync(file).ino;
    const r = await lgtm(dir, 'fmt', '-w', file);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('a = 1\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(statSync(file).ino).not.toBe(before);
    expect(readdirSync(dir)).toEqual(['m.alloy']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
