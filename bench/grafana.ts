// Grafana and alerting render cost: building the seven dashboards with the SDK, checking every
// query with the lezer grammars, and the query checker's throughput on its own.
import dev from '../environments/dev/env';
import { renderGrafana } from '../apps/grafana/index';
import { renderAlerting } from '../apps/alerting/index';
import { renderDashboards } from '../apps/grafana/dashboards/index';
import { checkDashboards } from '../lib/grafana/dashboard-check';
import { checkQuery } from '../lib/grafana/query-check';
import type { BenchResult } from '../render/commands/bench';
import { medianMs } from './lib/median';

const QUERIES: [Parameters<typeof checkQuery>[0], string][] = [
  ['promql', 'histogram_quantile(0.95, sum by (le, service) (rate(traces_spanmetrics_latency_bucket{service=~"$service"}[$__rate_interval])))'],
  ['logql', 'sum by (level) (count_over_time({namespace=~"$namespace", level=~"$level"} |~ "$search" [$__auto]))'],
  ['traceql', '{ resource.service.name =~ "$service" && kind = server && duration > $min_duration }'],
];
const VARS = { service: 'sample', namespace: 'sample', level: 'sample', search: '', min_duration: '500ms' };

export async function bench(): Promise<BenchResult[]> {
  const app = medianMs(() => renderGrafana(dev), 9);
  const dashboards = renderDashboards(dev).map((d) => d.dashboard);
  const check = medianMs(() => checkDashboards(dashboards), 9);
  const rules = medianMs(() => renderAlerting(dev), 9);
  const rounds = 300;
  const single = medianMs(() => {
    for (let i = 0; i < rounds; i++) for (const [language, q] of QUERIES) checkQuery(language, q, { variables: VARS });
  }, 5);
  return [
    { name: 'grafana app render, dev (7 dashboards built and checked)', value: Number(app.toFixed(1)), unit: 'ms', target: '<= 200 ms' },
    { name: 'checkDashboards, all 7 dashboards', value: Number(check.toFixed(1)), unit: 'ms', target: '<= 50 ms' },
    { name: 'alerting app render, dev (rules built and parsed)', value: Number(rules.toFixed(1)), unit: 'ms', target: '<= 20 ms' },
    { name: 'checkQuery throughput (PromQL, LogQL, TraceQL mix)', value: Math.round((rounds * QUERIES.length) / (single / 1000)), unit: 'queries/s', target: '>= 5000 queries/s' },
  ];
}
