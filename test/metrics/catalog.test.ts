// The metric catalog check: which names a PromQL text reads, and what the check says about a name
// that no configured source produces.
import fc from 'fast-check';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { defineEnvironment } from '../../environments/defaults';
import { checkMetricCatalog, missingMetrics, querySites, type QuerySite } from '../../lib/metrics/catalog-check';
import { metricCatalog } from '../../lib/metrics/catalog';
import { metricNames, variableMetricNames } from '../../lib/metrics/promql-names';
import { apps } from '../../apps/registry';
import type { Environment } from '../../lib/env/types';

describe('metric names in PromQL', () => {
  test.each([
    ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))', ['http_requests_total']],
    ['a / on (job) group_left b or vector(0)', ['a', 'b']],
    ['{__name__="up", job="x"}', ['up']],
    ['{__name__=~"node_.*"}', []],
    ['sum(job:requests:rate5m) > 1', ['job:requests:rate5m']],
    ['max_over_time(up[1h:5m] offset 1d)', ['up']],
    ['histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) and x_count', ['x_bucket', 'x_count']],
    ['time() - push_time_seconds', ['push_time_seconds']],
    ['count(up == 0) + count(up)', ['up']],
  ])('%s', (expr, names) => {
    expect(metricNames(expr)).toEqual(names);
  });

  test.each([
    ['label_values(kube_pod_info{namespace="a",node="b"}, pod)', ['kube_pod_info']],
    ['label_values(namespace)', []],
    ['query_result(topk(5, up))', ['up']],
    ['metrics(node_.*)', []],
    ['kube_namespace_status_phase', ['kube_namespace_status_phase']],
  ])('variable query %s', (q, names) => {
    expect(variableMetricNames(q)).toEqual(names);
  });

  const KEYWORDS = new Set(['sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'group', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2', 'inf', 'nan', 'start', 'end', 'limitk', 'limit_ratio', 'count_values']);
  const metric = fc
    .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_:]{0,30}$/)
    .filter((n) => !KEYWORDS.has(n.toLowerCase()) && !/^(inf|nan)/i.test(n));
  const label = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/).filter((n) => !KEYWORDS.has(n.toLowerCase()));

  test('any metric name is found in any common wrapping, and only it', () => {
    fc.assert(
      fc.property(metric, label, fc.constantFrom('M', 'M{}', 'rate(M[5m])', 'sum by (L) (M)', 'M{L="v"}', '{__name__="M", L!="v"}', 'M offset 5m', 'histogram_quantile(0.9, M)', 'M > bool 1'), (name, l, shape) => {
        const expr = shape.replace(/[ML]/g, (c) => (c === 'M' ? name : l));
        expect(metricNames(expr)).toEqual([name]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the catalog check', () => {
  // Every app contributes its sources; the check reads them all.
  const missing = (env: Environment, sites: QuerySite[]) => missingMetrics(sites, metricCatalog(env, apps));
  const site = (query: string): QuerySite => ({ where: 'dashboard "T", panel "P" query A', kind: 'promql', query });

  test('a name from a collector that is off names the collector and where to turn it on', () => {
    expect(missing(dev, [site('avg(node_load1)')])).toEqual([
      {
        where: 'dashboard "T", panel "P" query A',
        text: 'node_load1 is produced by no configured source; it comes from node exporter collector "loadavg", which this environment does not collect: add it to NODE_COLLECTORS in apps/alloy/module/node-metrics.ts',
      },
    ]);
  });

  test('a kube-state-metrics resource that is not exported names KSM_RESOURCES', () => {
    expect(missing(dev, [site('count(kube_secret_info)')])[0]!.text).toBe(
      'kube_secret_info is produced by no configured source; it comes from kube-state-metrics resource "secrets", which this environment does not collect: add it to KSM_RESOURCES in apps/kube-state-metrics/index.ts',
    );
  });

  test('an exporter without a database of its engine names the environment file', () => {
    const noMongo = defineEnvironment({ name: 'dev', cluster: { name: 'dev' }, databases: [{ name: 'pg', engine: 'postgresql', namespace: 'databases', credentials: { name: 'pg-exporter' } }] });
    expect(missing(noMongo, [site('mongodb_up'), site('pg_up')]).map((m) => m.text)).toEqual([
      'mongodb_up is produced by no configured source; it comes from mongodb_exporter, which this environment does not collect: add a "mongodb" entry to databases in environments/dev/env.ts',
    ]);
  });

  test('a name nobody produces says so', () => {
    expect(missing(dev, [site('rate(container_cpu_usage_total[5m])')])[0]!.text).toBe(
      "container_cpu_usage_total is produced by no configured source; no app's metric catalog (metrics() in apps/<app>) lists it; fix the name, or add it to the catalog of the app that produces it",
    );
  });

  test('names the configured sources produce pass', () => {
    const ok = ['container_memory_working_set_bytes', 'kube_pod_status_phase', 'kubelet_volume_stats_used_bytes', 'node_cpu_seconds_total', 'node_memory_MemAvailable_bytes', 'pg_settings_max_connections', 'mongodb_ss_opcounters', 'traces_spanmetrics_latency_bucket', 'cortex_ingester_memory_series', 'up', 'ALERTS', 'trivy_image_vulnerabilities'];
    expect(missing(dev, ok.map(site))).toEqual([]);
  });

  test('every shipped dashboard, variable, datasource query and alert rule is checked', () => {
    const sites = querySites(dev, apps);
    expect(sites.some((s) => s.kind === 'variable')).toBe(true);
    expect(sites.some((s) => s.where.startsWith('alert rule '))).toBe(true);
    expect(sites.some((s) => s.where.startsWith('Tempo datasource'))).toBe(true);
    expect(sites.filter((s) => s.where.startsWith('dashboard ')).length).toBeGreaterThan(40);
  });

  test('every metric the shipped dashboards and rules read has a configured source', () => {
    expect(checkMetricCatalog([dev, staging, prod], apps)).toEqual([]);
  });

  test('sources follow the configuration: the catalog of an environment without MinIO has no minio_ series', () => {
    expect(metricCatalog(prod, apps).sources.some((s) => s.name === 'MinIO')).toBe(false);
    expect(metricCatalog(dev, apps).sources.some((s) => s.name === 'MinIO')).toBe(true);
  });
});
