import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as fmt } from '../../render/commands/fmt';
import { command as vet } from '../../render/commands/vet';
import { UsageError, UserError, type Io } from '../../render/commands/types';

function io(root: string): Io & { stdout: string; stderr: string } {
  const r = { root, stdout: '', stderr: '', out: (t: string) => void (r.stdout += t), err: (t: string) => void (r.stderr += t) };
  return r;
}

describe('lgtm fmt and lgtm vet', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alloy-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const messy = 'logging {\nlevel="info"\nformat = "json"\n}\n';
  const tidy = 'logging {\n\tlevel  = "info"\n\tformat = "json"\n}\n';

  it('prints the formatted file on stdout', async () => {
    const f = join(dir, 'a.alloy');
    writeFileSync(f, messy);
    const o = io(dir);
    expect(await fmt.run([f], o)).toBe(0);
    expect(o.stdout).toBe(tidy);
    expect(readFileSync(f, 'utf8')).toBe(messy);
  });

  it('-w rewrites the file; --test then passes', async () => {
    const f = join(dir, 'a.alloy');
    writeFileSync(f, messy);
    expect(await fmt.run(['-w', f], io(dir))).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(tidy);
    expect(await fmt.run(['--test', f], io(dir))).toBe(0);
  });

  it('--test fails on an unformatted file', async () => {
    const f = join(dir, 'a.alloy');
    writeFileSync(f, messy);
    const o = io(dir);
    expect(await fmt.run(['--test', f], o)).toBe(1);
    expect(o.stderr).toBe(`File ${f} is not formatted correctly; run: lgtm fmt -w ${f}\n`);
  });

  it('reports every syntax error as file:line:col: message and exits 1', async () => {
    const f = join(dir, 'bad.alloy');
    writeFileSync(f, 'a = [1,\n2\n]\n# x\n');
    const o = io(dir);
    expect(await fmt.run([f], o)).toBe(1);
    expect(o.stdout).toBe('');
    expect(o.stderr).toBe(
      `${f}:2:2: missing ',' in expression list\n${f}:4:1: illegal character U+0023 '#'\n${f}:4:1: expected identifier, got ILLEGAL\nencountered errors during formatting\n`,
    );
  });

  it.each([
    [['-w', '--test', 'x.alloy'], UsageError, 'cannot use -w/--write and -t/--test at the same time'],
    [['-w', '-'], UsageError, 'cannot use -w with standard input'],
    [['a', 'b'], UsageError, 'can only format one file'],
    [['--bogus'], UsageError, "Unknown option '--bogus'"],
  ])('fmt %j is refused', async (args, type, message) => {
    await expect(fmt.run(args, io(dir))).rejects.toThrow(type);
    await expect(fmt.run(args, io(dir))).rejects.toThrow(message);
  });

  it('fmt refuses a directory', async () => {
    await expect(fmt.run([dir], io(dir))).rejects.toThrow(UserError);
  });

  it('vet exits 0 on a clean config and 1 with findings on stderr', async () => {
    writeFileSync(join(dir, 'ok.alloy'), 'local.file "x" {\n\tfilename = "/etc/hostname"\n}\n');
    writeFileSync(join(dir, 'bad.alloy'), 'local.file "x" {\n\tfilenme = "/etc/hostname"\n}\n');
    expect(await vet.run([join(dir, 'ok.alloy')], io(dir))).toBe(0);
    const o = io(dir);
    expect(await vet.run([join(dir, 'bad.alloy')], o)).toBe(1);
    expect(o.stderr).toContain('bad.alloy:2:2: unrecognized attribute name "filenme"; did you mean "filename"?\n');
    expect(o.stderr).toContain('bad.alloy:1:1: missing required attribute "filename"\n');
  });

  it('vet --mermaid prints the graph', async () => {
    writeFileSync(join(dir, 'ok.alloy'), 'local.file "x" {\n\tfilename = "/etc/hostname"\n}\n');
    const o = io(dir);
    expect(await vet.run(['--mermaid', join(dir, 'ok.alloy')], o)).toBe(0);
    expect(o.stdout).toBe('flowchart LR\n  local_file_x["local.file.x"]\n');
  });

  it('vet needs a path that exists', async () => {
    await expect(vet.run([], io(dir))).rejects.toThrow(UsageError);
    await expect(vet.run([join(dir, 'missing.alloy')], io(dir))).rejects.toThrow(`${join(dir, 'missing.alloy')}: no such file or directory`);
  });
});

describe('file names in findings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'alloy-paths-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fmt and vet name a file the same way, as it was given', async () => {
    const file = join(dir, 'bad.alloy');
    writeFileSync(file, 'a = \n');
    // The working folder (the repository) is not the file's folder: vet used to print a ../ path.
    const named = async (cmd: typeof fmt) => {
      const o = io(process.cwd());
      await cmd.run([file], o).catch(() => 1);
      return (o.stderr + o.stdout).split('\n').find((l) => l.includes('bad.alloy'));
    };
    expect(await named(vet)).toBe(`${file}:2:1: expected expression, got EOF`);
    expect(await named(fmt)).toBe(`${file}:2:1: expected expression, got EOF`);
  });
});
