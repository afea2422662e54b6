// Render-time check: every metric a shipped dashboard, dashboard variable, Tempo "related metrics"
// query or alert rule reads must be produced by a source the environment configures
// (lib/metrics/catalog.ts). A name nobody produces is a panel that stays empty or an alert that
// can never fire, so it is reported as a warning naming the query, the metric and the fix.
import type { Environment } from '../env/types';
import { mergeShared, type CheckFinding, type EnvironmentCheck } from '../checks';
import { substituteVariables } from '../grafana/query-check';
import { metricCatalog, producerOf, type Catalog, type CatalogSource } from './catalog';
import { metricNames, variableMetricNames } from './promql-names';

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
export interface DashboardLike {
  title?: string;
  panels?: Panel[];
  templating?: { list?: Variable[] };
}

const isPrometheus = (ref: DatasourceRef | undefined) => ref?.type === 'prometheus';

/** Sample values for a dashboard's variables: only the metric names matter here. */
function samples(d: DashboardLike): Record<string, string> {
  return Object.fromEntries((d.templating?.list ?? []).map((v) => [v.name, v.type === 'interval' ? '5m' : 'sample']));
}

/** Every PromQL text of a dashboard (panel targets and variable queries), variables sampled. */
export function dashboardSites(d: DashboardLike): QuerySite[] {
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

/** What an app ships that reads metrics: its dashboards, datasource queries, alert rules. */
export interface QuerySource {
  querySites?(env: Environment): QuerySite[];
}

/** Every PromQL text the environment ships, from every app. */
export function querySites(env: Environment, apps: readonly QuerySource[]): QuerySite[] {
  return apps.flatMap((a) => a.querySites?.(env) ?? []);
}

/** Missing metrics of one environment: `where` → messages. */
export function missingMetrics(sites: readonly QuerySite[], catalog: Catalog): { where: string; text: string }[] {
  const sources = catalog.sources;
  const out: { where: string; text: string }[] = [];
  for (const site of sites) {
    const names = site.kind === 'variable' ? variableMetricNames(site.query) : metricNames(site.query);
    for (const metric of names) {
      if (producerOf(sources, metric)) continue;
      const off = producerOf(catalog.disabled, metric);
      const why = off
        ? `it comes from ${off.name}, which this environment does not collect: ${off.remedy}`
        : "no app's metric catalog (metrics() in apps/<app>) lists it; fix the name, or add it to the catalog of the app that produces it";
      out.push({ where: site.where, text: `${metric} is produced by no configured source; ${why}` });
    }
  }
  return out;
}

/** The environment's catalog findings, each shared: the same finding in many environments is one line. */
export function environmentCatalogFindings(env: Environment, apps: readonly (CatalogSource & QuerySource)[]): CheckFinding[] {
  return missingMetrics(querySites(env, apps), metricCatalog(env, apps)).map((m) => ({
    severity: 'warning',
    text: `${m.where}: ${m.text}`,
    shared: { label: 'metric catalog', environment: env.name },
  }));
}

/** The check as render runs it on each environment. */
export const metricCatalogCheck =
  (apps: readonly (CatalogSource & QuerySource)[]): EnvironmentCheck =>
  ({ env }) =>
    environmentCatalogFindings(env, apps);

/**
 * Warnings for every environment; a finding shared by several environments is reported once,
 * naming them all.
 */
export function checkMetricCatalog(environments: readonly Environment[], apps: readonly (CatalogSource & QuerySource)[]): CheckFinding[] {
  return mergeShared(environments.flatMap((env) => environmentCatalogFindings(env, apps)));
}
