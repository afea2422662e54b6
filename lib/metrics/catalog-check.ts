// Render-time check: every metric a shipped dashboard, dashboard variable, Tempo "related metrics"
// query or alert rule reads must be produced by a source the environment configures
// (lib/metrics/catalog.ts). A name nobody produces is a panel that stays empty or an alert that
// can never fire, so it is reported as a warning naming the query, the metric and the fix.
import type { Environment } from '../env/types';
import { renderDashboards } from '../../apps/grafana/dashboards/index';
import { TRACES_TO_METRICS_QUERIES } from '../grafana/datasources';
import { substituteVariables } from '../grafana/query-check';
import { ruleNamespaces } from '../../apps/alerting/rules';
import { metricCatalog, producerOf, type Catalog } from './catalog';
import { metricNames, variableMetricNames } from './promql-names';

export interface CatalogWarning {
  severity: 'warning';
  text: string;
}

/** One PromQL text and where it lives, for messages. */
export interface QuerySite {
  where: string;
  /** `promql` for an expression, `variable` for a Grafana variable query. */
  kind: 'promql' | 'variable';
  query: string;
}

interface DatasourceRef {
  type?: string;
  uid?: string;
}
interface Target {
  refId?: string;
  expr?: string;
  datasource?: DatasourceRef;
}
interface Panel {
  title?: string;
  datasource?: DatasourceRef;
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  datasource?: DatasourceRef;
  query?: unknown;
}
interface DashboardLike {
  title?: string;
  panels?: Panel[];
  templating?: { list?: Variable[] };
}

const isPrometheus = (ref: DatasourceRef | undefined) => ref?.type === 'prometheus';

/** Sample values for a dashboard's variables: only the metric names matter here. */
function samples(d: DashboardLike): Record<string, string> {
  return Object.fromEntries((d.templating?.list ?? []).map((v) => [v.name, v.type === 'interval' ? '5m' : 'sample']));
}

function dashboardSites(d: DashboardLike): QuerySite[] {
  const out: QuerySite[] = [];
  const vars = samples(d);
  const name = `dashboard "${d.title ?? ''}"`;
  const visit = (p: Panel) => {
    for (const t of p.targets ?? []) {
      if (typeof t.expr === 'string' && isPrometheus(t.datasource ?? p.datasource)) {
        out.push({ where: `${name}, panel "${p.title ?? ''}" query ${t.refId ?? '?'}`, kind: 'promql', query: substituteVariables(t.expr, vars).text });
      }
    }
    (p.panels ?? []).forEach(visit);
  };
  (d.panels ?? []).forEach(visit);
  for (const v of d.templating?.list ?? []) {
    if (v.type !== 'query' || !isPrometheus(v.datasource)) continue;
    const q = typeof v.query === 'string' ? v.query : (v.query as { query?: unknown } | undefined)?.query;
    if (typeof q === 'string') out.push({ where: `${name}, variable $${v.name}`, kind: 'variable', query: substituteVariables(q, vars).text });
  }
  return out;
}

/** Every PromQL text the environment ships: dashboards, their variables, datasource queries, alert rules. */
export function querySites(env: Environment): QuerySite[] {
  const out: QuerySite[] = [];
  for (const d of renderDashboards(env)) out.push(...dashboardSites(d.dashboard as unknown as DashboardLike));
  for (const q of TRACES_TO_METRICS_QUERIES) {
    out.push({ where: `Tempo datasource, related-metrics query "${q.name}"`, kind: 'promql', query: q.query.replaceAll('$__tags', 'service="sample"') });
  }
  for (const ns of ruleNamespaces(env)) {
    for (const g of ns.groups) {
      for (const r of g.rules) {
        out.push({ where: `alert rule ${r.alert} (rule file ${ns.namespace}, group ${g.name})`, kind: 'promql', query: r.expr });
      }
    }
  }
  return out;
}

/** Names recording rules produce: they are sources too (none ship today, but a rule file may add one). */
function recordedNames(env: Environment): string[] {
  return ruleNamespaces(env).flatMap((ns) => ns.groups.flatMap((g) => g.rules.flatMap((r) => {
    const record = (r as { record?: unknown }).record;
    return typeof record === 'string' ? [record] : [];
  })));
}

/** Missing metrics of one environment: `where` → messages. */
export function missingMetrics(env: Environment, sites: readonly QuerySite[] = querySites(env), catalog: Catalog = metricCatalog(env)): { where: string; text: string }[] {
  const sources = [...catalog.sources, { name: 'recording rules', names: recordedNames(env) }];
  const out: { where: string; text: string }[] = [];
  for (const site of sites) {
    const names = site.kind === 'variable' ? variableMetricNames(site.query) : metricNames(site.query);
    for (const metric of names) {
      if (producerOf(sources, metric)) continue;
      const off = producerOf(catalog.disabled, metric);
      const why = off
        ? `it comes from ${off.name}, which this environment does not collect: ${off.remedy}`
        : 'no source in lib/metrics/catalog.ts produces it; fix the name, or add the source that produces it (and its entry in the catalog)';
      out.push({ where: site.where, text: `${metric} is produced by no configured source; ${why}` });
    }
  }
  return out;
}

/**
 * Warnings for every environment; a finding shared by several environments is reported once,
 * naming them all.
 */
export function checkMetricCatalog(environments: readonly Environment[]): CatalogWarning[] {
  const byText = new Map<string, string[]>();
  for (const env of environments) {
    for (const m of missingMetrics(env)) {
      const key = `${m.where}: ${m.text}`;
      byText.set(key, [...(byText.get(key) ?? []), env.name]);
    }
  }
  return [...byText].map(([text, envs]) => ({ severity: 'warning', text: `metric catalog (${envs.join(', ')}): ${text}` }));
}
