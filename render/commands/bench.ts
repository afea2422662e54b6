import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countOption, parseOptions } from './options';
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

const help = `Usage: lgtm bench [--only TOPIC] [--runs N] [--json]

Runs the benchmarks in bench/*.ts, each in a process of its own, and prints one figure per line
with its target; a figure that misses its target is marked MISS and the command exits 1. Figures
are wall time on this machine; no test fails on speed.

Options:
  --only TOPIC  Run only bench/TOPIC.ts (render, validate, alloy, ...), in this process.
  --runs N      Run each topic N times, each in a new process, and print every figure's median
                with the range of its runs; the median is what meets or misses the target. On a
                machine whose speed varies, one run says little about a figure near its target.
  --json        Print the figures as JSON, one per line (with --only; for tools).
  -h, --help    This help.
`;

/** A figure over several runs: the median as its value, and the range the runs spanned. */
export interface CombinedResult extends BenchResult {
  min: number;
  max: number;
  runs: number;
}

/**
 * Each figure's median over the runs, matched by name (and, for a name a topic prints more than
 * once, by which of them it is) in the order of the first run that has it. A run that could not
 * measure a figure (NaN) is left out of it; with no measurement at all, the figure stays NaN and
 * misses its target.
 */
export function combineRuns(runs: readonly (readonly BenchResult[])[]): CombinedResult[] {
  const byName = new Map<string, { first: BenchResult; values: number[] }>();
  for (const run of runs) {
    const seen = new Map<string, number>();
    for (const r of run) {
      const nth = seen.get(r.name) ?? 0;
      seen.set(r.name, nth + 1);
      const key = `${nth}\0${r.name}`;
      const entry = byName.get(key) ?? byName.set(key, { first: r, values: [] }).get(key)!;
      if (!Number.isNaN(r.value)) entry.values.push(r.value);
    }
  }
  return [...byName.values()].map(({ first, values }) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return { ...first, value: median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN, runs: sorted.length };
  });
}

const shown = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));

/** One line per figure; returns how many missed their target. */
function printFigures(io: Io, results: readonly (BenchResult | CombinedResult)[]): number {
  let missed = 0;
  for (const r of results) {
    const miss = misses(r);
    if (miss) missed++;
    const spread = 'runs' in r && r.runs > 1 ? `  (${shown(r.min)} to ${shown(r.max)} over ${r.runs} runs)` : '';
    io.out(`${r.name.padEnd(56)} ${shown(r.value).padStart(10)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}${miss ? '  MISS' : ''}${spread}\n`);
  }
  return missed;
}

export const command: Command = {
  name: 'bench',
  summary: 'Print speed figures',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { only: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    const runs = countOption('--runs', values.runs, 'runs') ?? 1;
    const dir = join(io.root, 'bench');
    const topics = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    if (values.only && !topics.includes(values.only)) throw new UsageError(`no benchmark "${values.only}"; there are: ${topics.join(', ')}`);
    if (values.json && !values.only) throw new UsageError('--json prints the figures of one topic: give --only TOPIC');
    if (!values.only || runs > 1) return runEachApart(io, values.only ? [values.only] : topics, runs);
    const mod = (await import(pathToFileURL(join(dir, `${values.only}.ts`)).href)) as { bench?: () => Promise<BenchResult[]> };
    const results = typeof mod.bench === 'function' ? await mod.bench() : [];
    if (values.json) {
      // JSON has no NaN: an unmeasured figure's value is null, read back as NaN (runEachApart).
      for (const r of results) io.out(`${JSON.stringify(r)}\n`);
      return results.some(misses) ? EXIT.findings : EXIT.ok;
    }
    io.out(`# ${values.only}\n`);
    const missed = printFigures(io, results);
    if (missed) io.err(`lgtm bench: ${missed} figure(s) missed their target\n`);
    return missed ? EXIT.findings : EXIT.ok;
  },
};

/**
 * Every topic in processes of its own, as a user runs one command at a time: what one topic
 * leaves in the heap (a thousand rendered environments) would otherwise weigh on the next one's
 * figures. With several runs, a new process each time, and the figures' medians printed.
 */
function runEachApart(io: Io, topics: readonly string[], runs: number): number {
  let missed = 0;
  for (const topic of topics) {
    const results: BenchResult[][] = [];
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, [join(io.root, 'bin/lgtm.mjs'), 'bench', '--only', topic, '--json'], { cwd: io.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      const err = child.stderr ?? '';
      if (child.status !== EXIT.ok && child.status !== EXIT.findings) {
        throw new Error(`bench/${topic}.ts failed (exit ${child.status ?? child.signal})${err ? `:\n${err}` : ' without a message'}`);
      }
      io.err(err);
      const figures: BenchResult[] = [];
      for (const line of (child.stdout ?? '').split('\n')) {
        if (line.startsWith('{')) figures.push(JSON.parse(line, (key, v: unknown) => (key === 'value' && v === null ? Number.NaN : v)) as BenchResult);
        else if (line.trim() !== '') io.err(`bench/${topic}.ts: ${line}\n`); // something a topic printed itself
      }
      results.push(figures);
    }
    io.out(`# ${topic}\n`);
    missed += printFigures(io, runs > 1 ? combineRuns(results) : results[0]!);
  }
  if (missed) io.err(`lgtm bench: ${missed} figure(s) missed their target\n`);
  return missed ? EXIT.findings : EXIT.ok;
}
