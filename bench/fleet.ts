// Fleet scale: 10, 100 and 1,000 synthetic environments (bench/lib/fleet.ts: the repository's
// environments in rotation, so sizes, storage, namespaces and sync policies vary) in a temporary
// copy of the repository, committed to Git. Each figure is the compiled CLI as a user runs it,
// process wall time, with the peak resident memory of the process and its worker threads (GNU
// time). Cold means no bundled env.ts and no render cache; the compiled CLI itself is built first.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult } from '../render/commands/bench';
import { fleetRepository, syntheticName } from './lib/fleet';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');
const GNU_TIME = '/usr/bin/time';

interface Run {
  ms: number;
  /** Peak resident memory in MB, NaN without GNU time. */
  mb: number;
}

function lgtm(root: string, args: string[]): Run {
  const stats = join(tmpdir(), `lgtm-bench-time-${process.pid}`);
  const timed = existsSync(GNU_TIME);
  const argv = [join(root, 'bin/lgtm.mjs'), ...args];
  const t = performance.now();
  const r = timed ? spawnSync(GNU_TIME, ['-f', '%M', '-o', stats, process.execPath, ...argv], { cwd: root, encoding: 'utf8' }) : spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`bench/fleet.ts: lgtm ${args.join(' ')} exited ${r.status} in ${root}:\n${r.stderr.split('\n').filter((l) => !l.startsWith('warning: ')).join('\n')}`);
  const mb = timed ? Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) / 1024 : Number.NaN;
  rmSync(stats, { force: true });
  return { ms, mb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const n of [10, 100, 1000]) {
    const root = fleetRepository(ROOT, n);
    const cold = () => rmSync(join(root, '.cache'), { recursive: true, force: true });
    try {
      lgtm(root, ['--help']); // builds the compiled CLI, outside the clock
      cold();
      const render = lgtm(root, ['render']);
      cold();
      const check = lgtm(root, ['render', '--check']);
      // One env.ts changes at a time (a different one each run), everything else is cached.
      const changed = [0, 1, 2].map((i) => {
        appendFileSync(join(root, 'environments', syntheticName((i * 37) % n), 'env.ts'), `// change ${i}\n`);
        return lgtm(root, ['render', '--check']);
      });
      // What a reviewer runs next: the diff goes through the same cache.
      appendFileSync(join(root, 'environments', syntheticName((3 * 37) % n), 'env.ts'), '// change 3\n');
      const diff = lgtm(root, ['diff']);
      const big = n === 1000;
      out.push({ name: `${n} environments: cold lgtm render`, value: Math.round(render.ms), unit: 'ms' });
      out.push({ name: `${n} environments: cold lgtm render --check`, value: Math.round(check.ms), unit: 'ms', ...(big ? { target: '<= 20000 ms' } : {}) });
      out.push({ name: `${n} environments: render --check after one env.ts changed`, value: Math.round(median(changed.map((c) => c.ms))), unit: 'ms', ...(big ? { target: '<= 1000 ms' } : {}) });
      out.push({ name: `${n} environments: lgtm diff after one env.ts changed`, value: Math.round(diff.ms), unit: 'ms' });
      out.push({ name: `  peak memory (max RSS, the process and its threads)`, value: Math.round(Math.max(render.mb, check.mb, ...changed.map((c) => c.mb), diff.mb)), unit: 'MB', ...(big ? { target: '<= 2048 MB' } : {}) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return out;
}
