// `npm run e2e`: start each environment in the local cluster from its rendered manifests, wait for
// every workload that can run here to be ready, check every Service answers, stop; then prove the
// harness catches damage no offline check sees. Ends with one line `e2e: N passed, N failed`.
import { resolve } from 'node:path';
import { environmentNames, loadEnvironment } from '../../lib/env/load';
import { externalsOf } from '../../lib/validate/externals';
import { apps } from '../../apps/registry';
import { checkServicePorts, podTable, waitForPods } from '../cluster-checks';
import { withCluster } from '../session';
import { BREAKS, copyEnvironment, NOT_TRIED } from './breaks';

const READY_TIMEOUT_MS = 180_000;

interface Tally {
  passed: number;
  failed: number;
}

const log = (l: string) => process.stdout.write(`${l}\n`);

/** Starts one environment and returns the problems found (empty: every runnable workload is ready and answers). */
async function exercise(repoRoot: string, envName: string, manifestsRoot?: string): Promise<string[]> {
  const started = Date.now();
  return withCluster({ repoRoot, envName, ...(manifestsRoot ? { manifestsRoot } : {}), log: (l) => log(`  ${l}`) }, async (cluster) => {
    const problems = await waitForPods(cluster, READY_TIMEOUT_MS);
    if (problems.length === 0) problems.push(...(await checkServicePorts(cluster)));
    log(podTable(cluster.runner.pods).replace(/^/gm, '  '));
    const ran = cluster.runner.pods.filter((p) => p.state === 'ready' || p.state === 'succeeded').length;
    const notRun = cluster.runner.pods.filter((p) => p.state === 'not-run').length;
    log(`  ${ran} pod(s) ready or completed, ${notRun} registered but not run here, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return problems;
  }).catch((e: unknown) => [(e as Error).message]);
}

async function main(argv: string[]): Promise<number> {
  const repoRoot = resolve(import.meta.dirname, '../..');
  const envArg = argv.find((a) => a.startsWith('--env='))?.slice('--env='.length);
  const all = environmentNames(repoRoot);
  const envs = envArg ? envArg.split(',') : all;
  const unknown = envs.filter((e) => !all.includes(e));
  if (unknown.length) {
    process.stderr.write(`e2e: unknown environment ${unknown.map((e) => `"${e}"`).join(', ')}; known: ${all.join(', ')}\n`);
    return 2;
  }
  const tally: Tally = { passed: 0, failed: 0 };
  const record = (name: string, problems: readonly string[]) => {
    if (problems.length === 0) {
      tally.passed++;
      log(`ok: ${name}`);
    } else {
      tally.failed++;
      log(`FAILED: ${name}`);
      for (const p of problems) log(p.replace(/^/gm, '    '));
    }
  };

  for (const env of envs) {
    log(`== ${env}: every rendered object applied, every workload that can run here started`);
    record(`${env}: local cluster`, await exercise(repoRoot, env));
  }

  if (!argv.includes('--no-breaks')) {
    const target = envs.includes('dev') ? 'dev' : envs[0]!;
    const env = await loadEnvironment(repoRoot, target);
    const secret = externalsOf(env, apps).secrets.find((s) => s.namespace === env.namespace && s.keys.length > 0);
    for (const b of BREAKS) {
      const copy = copyEnvironment(repoRoot, target);
      try {
        const plan = b.apply(copy.envDir, secret ? { externalSecret: secret } : {});
        if ('skip' in plan) {
          log(`skip: break "${b.name}": ${plan.skip}`);
          continue;
        }
        log(`== break (${target}): ${b.name}`);
        const problems = await exercise(repoRoot, target, copy.root);
        const text = problems.join('\n');
        const caught = problems.length > 0 && plan.expect.every((re) => re.test(text));
        record(
          `break detected: ${b.name}`,
          caught ? [] : [problems.length ? `the run failed, but not as expected (${plan.expect.map(String).join(', ')}):\n${text}` : 'the run passed: the break went unnoticed'],
        );
        if (caught) log(`    caught: ${problems[0]!.split('\n')[0]}`);
      } finally {
        copy.remove();
      }
    }
    for (const n of NOT_TRIED) log(`not tried: ${n}`);
  }
  log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

// No top-level await: the compiled CLI bundles this module as CommonJS (bin/compile.mjs).
if (import.meta.filename === process.argv[1]) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
