import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOptions } from './options';
import { EXIT, UsageError, type Command } from './types';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target, as text, e.g. `<= 500 ms`; printed beside the figure. */
  target?: string;
}

const help = `Usage: lgtm bench [--only TOPIC]

Runs the benchmarks in bench/*.ts and prints one figure per line with its target. Figures are
wall time on this machine; they are for reading, not asserting (no test fails on speed).

Options:
  --only TOPIC  Run only bench/TOPIC.ts (render, validate, alloy, ...).
  -h, --help    This help.
`;

export const command: Command = {
  name: 'bench',
  summary: 'Print speed figures',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { only: { type: 'string' } }, strict: true });
    const dir = join(io.root, 'bench');
    const topics = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    if (values.only && !topics.includes(values.only)) throw new UsageError(`no benchmark "${values.only}"; there are: ${topics.join(', ')}`);
    for (const topic of values.only ? [values.only] : topics) {
      const mod = (await import(pathToFileURL(join(dir, `${topic}.ts`)).href)) as { bench?: () => Promise<BenchResult[]> };
      if (typeof mod.bench !== 'function') continue;
      io.out(`# ${topic}\n`);
      for (const r of await mod.bench()) {
        const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 2 : 1);
        io.out(`${r.name.padEnd(56)} ${value.padStart(10)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}\n`);
      }
    }
    return EXIT.ok;
  },
};
