// The local cluster: a warm `npm run upstream` (nothing to build), and the time from starting an
// environment to every workload that runs here being ready. Needs root and the built programs;
// without them the figures say why they are missing instead of guessing.
import { execFileSync } from 'node:child_process';
import { resolve, join } from 'node:path';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';
import { environmentNames } from '../lib/env/load';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const upstream = () => execFileSync(tsx, [join(ROOT, 'harness/upstream/cli.ts')], { cwd: ROOT, stdio: 'ignore' });
  try {
    upstream(); // builds on a cold cache; the figure below is the warm run
    out.push({ name: 'npm run upstream, warm (nothing to build)', value: medianMs(upstream, 3), unit: 'ms', target: '<= 2000 ms' });
  } catch (e) {
    out.push({ name: `npm run upstream failed: ${(e as Error).message.split('\n')[0]}`, value: Number.NaN, unit: '', target: '<= 2000 ms' });
    return out;
  }
  if (process.getuid?.() !== 0) {
    out.push({ name: 'local cluster: not measured (needs root)', value: Number.NaN, unit: '', target: '<= 60000 ms' });
    return out;
  }
  const { withCluster } = await import('../harness/session');
  const { waitForPods } = await import('../harness/cluster-checks');
  const env = environmentNames(ROOT).includes('dev') ? 'dev' : environmentNames(ROOT)[0]!;
  const started = performance.now();
  let ready = Number.NaN;
  await withCluster({ repoRoot: ROOT, envName: env, log: () => undefined }, async (cluster) => {
    const problems = await waitForPods(cluster, 180_000);
    if (problems.length === 0) ready = performance.now() - started;
  });
  out.push({ name: `local cluster: start to every ${env} workload ready (warm)`, value: ready, unit: 'ms', target: '<= 60000 ms' });
  return out;
}
