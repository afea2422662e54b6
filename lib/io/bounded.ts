// Reading input files with limits: only regular files (a FIFO or a device such as /dev/zero would
// block or never end), at most `maxBytes`, and, when asked, only inside a folder once symbolic links
// are resolved. Each refusal is one line that names the path and why.
import { readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';

/** Alloy configurations and modules are small; 16 MiB is far beyond any real one. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export class InputError extends Error {}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MiB`;
}

/** Whether `path` (links resolved) lies inside `root` (links resolved). */
export function inside(root: string, path: string): boolean {
  const rel = relative(realpathSync(root), realpathSync(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

export function readBounded(path: string, opts: { maxBytes?: number; within?: string } = {}): Buffer {
  const max = opts.maxBytes ?? MAX_SOURCE_BYTES;
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'too many levels of symbolic links' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  if (!st.isFile()) throw new InputError(`${path}: not a regular file (${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'a special file'}); give a file`);
  if (st.size > max) throw new InputError(`${path}: ${mib(st.size)} is more than the ${mib(max)} this command reads; is it the right file?`);
  if (opts.within !== undefined && !inside(opts.within, path)) throw new InputError(`${path}: resolves outside ${opts.within}; only files of this repository are read`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: ${(e as Error).message}`);
  }
}

/** Standard input, at most `maxBytes` (a stream has no size to check first). */
export function readStdinBounded(maxBytes = MAX_SOURCE_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new InputError(`<stdin>: more than the ${mib(maxBytes)} this command reads; is it the right input?`);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}
