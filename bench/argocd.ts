// `lgtm plan` speed: the whole plan of this repository at HEAD (git reads, YAML parsing, AppSet
// expansion, project checks), and the generator's folder selection alone on a large tree.
import { resolve } from 'node:path';
import { planAt } from '../lib/argocd/plan';
import { selectDirectories } from '../lib/argocd/generate';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');

export async function bench(): Promise<BenchResult[]> {
  let applications = 0;
  const plan = medianMs(() => {
    applications = planAt(ROOT, 'HEAD').applications.length;
  }, 5);
  const dirs: string[] = [];
  for (let e = 0; e < 100; e++) for (let a = 0; a < 100; a++) dirs.push(`environments/env-${e}/manifests/app-${a}`);
  const items = [{ path: 'environments/env-42/manifests/*' }, { path: 'environments/env-42/manifests/app-1*', exclude: true }];
  const select = medianMs(() => selectDirectories(items, dirs), 9);
  return [
    { name: `lgtm plan, this repository at HEAD (${applications} Applications)`, value: Math.round(plan), unit: 'ms', target: '<= 1000 ms' },
    { name: 'directory generator selection, 10,000 folders', value: Math.round(dirs.length / (select / 1000)), unit: 'folders/s' },
  ];
}
