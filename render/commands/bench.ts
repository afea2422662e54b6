import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOptions } from './options';
import { EXIT, UsageError, type Command, type Io } from './types';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /**
   * The target as a bound on `value` in its own unit: `<= 500 ms`, `>= 60 MB/s`. Every target is
   * checked; a figure without one is informational. A value that could not be measured (NaN)
   * misses any target.
   */
  target?: string;
}

const BOUND = /^(<=|<|>=|>)\s*(\d+(?:\.\d+)?)(?:\s|$)/;

export class BenchTargetError extends Error {}

/** The comparison a target states; a target that states none is a bug of the benchmark. */
export function bound(r: BenchResult): { op: string; limit: number } | undefined {
  if (r.target === undefined) return undefined;
  const m = BOUND.exec(r.target);
  if (!m) throw new BenchTargetError(`bench figure "${r.name}": target "${r.target}" is not a bound such as "<= 500 ms" or ">= 60 MB/s"`);
  return { op: m[1]!, limit: Number(m[2]) };
}

/** Whether a figure misses the target it declares. */
export function misses(r: BenchResult): boolean {
  const b = bound(r);
  if (!b) return false;
  if (Number.isNaN(r.value)) return true;
  switch (b.op) {
    case '<=':
      return !(r.value <= b.limit);
    case '<':
      return !(r.value < b.limit);
    case '>=':
      return !(r.value >= b.limit);
    default:
      return !(r.value > b.limit);
  }
}

const help = `Usage: lgtm bench [--only TOPIC]

Runs the benchmarks in bench/*.ts, each in a process of its own, and prints one figure per line
with its target; a figure that misses its target is marked MISS and the command exits 1. Figures
are wall time on this machine; no test fails on speed.

Options:
  --only TOPIC  Run only bench/TOPIC.ts (render, validate, alloy, ...), in this process.
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
    if (!values.only) return runEachApart(io, topics);
    let missed = 0;
    const mod = (await import(pathToFileURL(join(dir, `${values.only}.ts`)).href)) as { bench?: () => Promise<BenchResult[]> };
    if (typeof mod.bench === 'function') {
      io.out(`# ${values.only}\n`);
      for (const r of await mod.bench()) {
        const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 2 : 1);
        const miss = misses(r);
        if (miss) missed++;
        io.out(`${r.name.padEnd(56)} ${value.padStart(10)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}${miss ? '  MISS' : ''}\n`);
      }
    }
    if (missed) io.err(`lgtm bench: ${missed} figure(s) missed their target\n`);
    return missed ? EXIT.findings : EXIT.ok;
  },
};

const MISSED = /^lgtm bench: (\d+) figure\(s\) missed their target$/m;

/**
 * Every topic in a process of its own, as a user runs one command at a time: what one topic
 * leaves in the heap (a thousand rendered environments) would otherwise weigh on the next one's
 * figures.
 */
function runEachApart(io: Io, topics: readonly string[]): number {
  let missed = 0;
  for (const topic of topics) {
    const child = spawnSync(process.execPath, [join(io.root, 'bin/lgtm.mjs'), 'bench', '--only', topic], { cwd: io.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    io.out(child.stdout ?? '');
    const err = child.stderr ?? '';
    const m = MISSED.exec(err);
    if (m) missed += Number(m[1]);
    io.err(err.replace(MISSED, '').replace(/^\n/m, ''));
    if (child.status !== EXIT.ok && !(m && child.status === EXIT.findings)) {
      throw new Error(`bench/${topic}.ts failed (exit ${child.status ?? child.signal})${err ? '' : ' without a message'}`);
    }
  }
  if (missed) io.err(`lgtm bench: ${missed} figure(s) missed their target\n`);
  return missed ? EXIT.findings : EXIT.ok;
}
