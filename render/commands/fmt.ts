import { parseArgs } from 'node:util';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatSource } from '../../lib/alloy/format';
import { InputError, readBounded, readStdinBounded } from '../../lib/io/bounded';

function bounded(read: () => Buffer): Buffer {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) throw new UserError(e.message);
    throw e;
  }
}
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm fmt FILE|- [-w | --test]

Formats an Alloy configuration exactly as \`alloy fmt\` (Alloy 1.x) does and prints it on stdout.
Syntax errors go to stderr as file:line:col: message, and the exit code is 1.

Options:
  -w, --write  Write the result to FILE instead of stdout (not with -).
  -t, --test   Print nothing on stdout; exit 1 with a message when FILE is not formatted.
  -h, --help   This help.
`;

export const command: Command = {
  name: 'fmt',
  summary: 'Format an Alloy file exactly as alloy fmt does',
  help,
  async run(args, io) {
    let values;
    let positionals;
    try {
      ({ values, positionals } = parseArgs({
        args,
        options: { write: { type: 'boolean', short: 'w' }, test: { type: 'boolean', short: 't' } },
        allowPositionals: true,
        strict: true,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (values.write && values.test) throw new UsageError('cannot use -w/--write and -t/--test at the same time');
    if (positionals.length > 1) throw new UsageError('can only format one file');
    const target = positionals[0] ?? '-';
    let src: Buffer;
    let filename: string;
    if (target === '-') {
      if (values.write) throw new UsageError('cannot use -w with standard input');
      filename = '<stdin>';
      src = bounded(() => readStdinBounded());
    } else {
      filename = target;
      let isDir = false;
      try {
        isDir = statSync(target).isDirectory();
      } catch {
        /* readBounded says why */
      }
      if (isDir) throw new UserError(`${target}: cannot format a directory; give one .alloy file`);
      src = bounded(() => readBounded(target));
    }
    const res = formatSource(src, filename);
    if (res.errors.length > 0) {
      for (const e of res.errors) io.err(`${e.text}\n`);
      io.err('encountered errors during formatting\n');
      return EXIT.findings;
    }
    if (values.test) {
      if (Buffer.compare(Buffer.from(res.output, 'utf8'), src) !== 0) {
        io.err(target === '-' ? `File ${filename} is not formatted correctly\n` : `File ${filename} is not formatted correctly; run: lgtm fmt -w ${filename}\n`);
        return EXIT.findings;
      }
      return EXIT.ok;
    }
    if (values.write) {
      // Beside the file, then renamed over it: a full disk or a kill leaves the old file whole.
      const tmp = join(dirname(target), `.${basename(target)}.lgtm-fmt-${process.pid}`);
      try {
        writeFileSync(tmp, res.output, { mode: statSync(target).mode });
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw new UserError(`${filename}: could not write the formatted file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it is unchanged`);
      }
      return EXIT.ok;
    }
    io.out(res.output);
    return EXIT.ok;
  },
};
