// Metric catalog check speed: it runs inside every `lgtm render`, so it must stay a small share of
// the render budget.
import dev from '../environments/dev/env';
import staging from '../environments/staging/env';
import prod from '../environments/prod/env';
import { checkMetricCatalog, querySites } from '../lib/metrics/catalog-check';
import { metricNames } from '../lib/metrics/promql-names';
import { apps } from '../apps/registry';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';

export async function bench(): Promise<BenchResult[]> {
  const envs = [dev, staging, prod];
  const queries = envs.flatMap((e) => querySites(e, apps).map((s) => s.query));
  return [
    { name: 'metric catalog check, three environments', value: medianMs(() => checkMetricCatalog(envs, apps), 7), unit: 'ms', target: '< 150 ms' },
    { name: 'PromQL metric-name extraction per query', value: medianMs(() => queries.forEach((q) => metricNames(q)), 7) / queries.length, unit: 'ms', target: '< 0.5 ms' },
  ];
}
