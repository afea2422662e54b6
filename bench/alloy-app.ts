// Cost of the Alloy app inside `lgtm render`: building the module and bootstrap (builder + formatter),
// and the render-time source check, which runs `git` a few times per environment.
import { resolve } from 'node:path';
import dev from '../environments/dev/env';
import staging from '../environments/staging/env';
import prod from '../environments/prod/env';
import { bootstrapText } from '../apps/alloy/bootstrap';
import { moduleText } from '../apps/alloy/pipeline';
import { checkAlloySource } from '../apps/alloy/source-check';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');
const ENVS = [dev, staging, prod];

export async function bench(): Promise<BenchResult[]> {
  const build = medianMs(() => {
    for (const env of ENVS) {
      moduleText(env);
      bootstrapText(env);
    }
  }, 9);
  const check = medianMs(() => {
    for (const env of ENVS) checkAlloySource(env, ROOT, [`environments/${env.name}/alloy/pipeline.alloy`]);
  }, 5);
  return [
    { name: 'alloy: module + bootstrap, 3 environments', value: Math.round(build * 10) / 10, unit: 'ms', target: '< 100 ms' },
    { name: 'alloy: source check (git), 3 environments', value: Math.round(check * 10) / 10, unit: 'ms', target: '< 300 ms' },
  ];
}
