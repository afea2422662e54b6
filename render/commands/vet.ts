import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { analyzePaths } from '../../lib/alloy/vet';
import { InputError } from '../../lib/io/bounded';
import { toMermaid } from '../../lib/alloy/graph';
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm vet [--module] [--mermaid] PATH...

Checks Alloy configurations: syntax, block placement, duplicate IDs, references ("did you mean"), cycles,
arguments and blocks of built-in components, and custom components from declare blocks and from modules
that import.git / import.file load from this repository. A directory is checked as one configuration
made of its top-level *.alloy files (as Alloy reads it); one holding only declare/import blocks is
checked as a module. Findings print as file:line:col: message; the exit code is 1 when there are any.

Options:
  --module     Check every PATH as module content (only declare and import.* at the top level).
  --mermaid    Also print a Mermaid flowchart of the components and their forward_to/output edges.
  -h, --help   This help.
`;

export const command: Command = {
  name: 'vet',
  summary: 'Check Alloy configurations and modules (references, cycles, component arguments)',
  help,
  async run(args, io) {
    let values;
    let positionals;
    try {
      ({ values, positionals } = parseArgs({ args, options: { module: { type: 'boolean' }, mermaid: { type: 'boolean' } }, allowPositionals: true, strict: true }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (positionals.length === 0) throw new UsageError('give at least one .alloy file or module directory');
    for (const p of positionals) if (!existsSync(p)) throw new UserError(`${p}: no such file or directory`);
    let result;
    try {
      result = analyzePaths(positionals, { repoRoot: io.root, ...(values.module ? { module: true } : {}) });
    } catch (e) {
      if (e instanceof InputError) throw new UserError(e.message);
      throw e;
    }
    for (const f of result.findings) io.err(`${f.text}\n`);
    if (values.mermaid) io.out(toMermaid(result));
    return result.findings.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
