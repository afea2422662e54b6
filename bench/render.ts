// Render speed: the CLI as a user runs it, and the marginal cost of each extra environment.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderAll } from '../render/render';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';
import { writeSyntheticEnvironments } from './lib/fleet';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');


/** A repository root holding `count` synthetic environments (bench/lib/fleet.ts) and the defaults. */
export function syntheticRepo(count: number): string {
  const root = mkdtempSync(join(tmpdir(), 'lgtm-bench-'));
  cpSync(join(ROOT, 'environments/defaults.ts'), join(root, 'environments/defaults.ts'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeSyntheticEnvironments(ROOT, root, count);
  return root;
}

/**
 * The cdk8s peer (bench/lib/cdk8s-peer.mjs) synthesizing the objects render produces for the
 * shipped environments, as its own process; the objects are written out before the clock starts.
 */
async function cdk8sPeerMs(): Promise<{ ms: number; objects: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-cdk8s-'));
  try {
    const { environments } = await renderAll(ROOT);
    const groups = new Map<string, { env: string; app: string; objects: unknown[] }>();
    for (const r of environments) {
      for (const o of r.objects) {
        const key = `${r.env.name}/${o.app}`;
        if (!groups.has(key)) groups.set(key, { env: r.env.name, app: o.app, objects: [] });
        groups.get(key)!.objects.push(o.object);
      }
    }
    const input = join(dir, 'objects.json');
    writeFileSync(input, JSON.stringify([...groups.values()]));
    const ms = medianMs(() => execFileSync(process.execPath, [join(ROOT, 'bench/lib/cdk8s-peer.mjs'), input, join(dir, 'dist')], { cwd: ROOT, stdio: 'ignore' }), 5);
    return { ms, objects: [...groups.values()].reduce((n, g) => n + g.objects.length, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function renderMs(root: string): Promise<number> {
  await renderAll(root); // warm: module loading and JIT
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await renderAll(root);
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  // Cold: every environment rendered and checked (--no-cache), as on a fresh clone or after a
  // change to apps/ or lib/ (the compiled CLI and its V8 code cache are made by the first of the
  // runs, as by the first call after a change). Cached: what a second run on an unchanged tree costs.
  const check = (...extra: string[]) => medianMs(() => execFileSync(process.execPath, [join(ROOT, 'bin/lgtm.mjs'), 'render', '--check', ...extra], { cwd: ROOT, stdio: 'ignore' }), 5);
  const cold = check('--no-cache');
  const cached = check();
  out.push({ name: 'lgtm render --check --no-cache, shipped environments (cold)', value: Math.round(cold), unit: 'ms', target: '<= 500 ms' });
  out.push({ name: 'lgtm render --check, shipped environments (render cache)', value: Math.round(cached), unit: 'ms' });
  const peer = await cdk8sPeerMs();
  out.push({ name: `cdk8s synth of the same ${peer.objects} objects (process wall)`, value: Math.round(peer.ms), unit: 'ms' });
  out.push({ name: '  cold lgtm render --check / cdk8s synth', value: Number((cold / peer.ms).toFixed(2)), unit: 'x', target: '<= 0.5 x' });
  out.push({ name: '  cached lgtm render --check / cdk8s synth', value: Number((cached / peer.ms).toFixed(2)), unit: 'x' });
  const help = medianMs(() => execFileSync(process.execPath, [join(ROOT, 'bin/lgtm.mjs'), '--help'], { cwd: ROOT, stdio: 'ignore' }), 5);
  out.push({ name: 'lgtm --help (process wall, compiled CLI)', value: Math.round(help), unit: 'ms', target: '<= 150 ms' });
  // The floor every process figure stands on, as this machine is set up (NODE_EXTRA_CA_CERTS, when
  // set, makes Node parse a CA bundle at every start).
  const node = medianMs(() => execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' }), 5);
  out.push({ name: `node -e 0 (process wall${process.env.NODE_EXTRA_CA_CERTS ? ', with NODE_EXTRA_CA_CERTS' : ''})`, value: Math.round(node), unit: 'ms' });
  const hook = medianMs(() => execFileSync('sh', [join(ROOT, '.husky/pre-commit')], { cwd: ROOT, stdio: 'ignore' }), 5);
  out.push({ name: 'pre-commit hook on an unchanged tree (process wall)', value: Math.round(hook), unit: 'ms', target: '<= 100 ms' });
  const roots = [1, 10, 100].map((n) => [n, syntheticRepo(n)] as const);
  try {
    const one = await renderMs(roots[0]![1]);
    for (const [n, root] of roots.slice(1)) {
      const ms = await renderMs(root);
      out.push({ name: `render in memory, ${n} synthetic environments`, value: Math.round(ms), unit: 'ms' });
      out.push({ name: `  per extra environment (${n})`, value: (ms - one) / (n - 1), unit: 'ms/env', target: '<= 25 ms' });
    }
  } finally {
    for (const [, root] of roots) rmSync(root, { recursive: true, force: true });
  }
  return out;
}
