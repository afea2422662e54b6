// Render-time checks of dashboard JSON: every query of every panel and template variable parses in
// the language of its datasource, and every datasource uid is one this repository provisions.
// Each problem is one line naming the dashboard, the panel (or variable) and the query, so a
// failed render points straight at the thing to fix.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCES, type DatasourceKind } from './datasources';
import { checkQuery, type QueryLanguage } from './query-check';

// Structural views of the dashboard JSON: loose enough for hand-written test input, exactly the
// fields the SDK's `Dashboard` carries.
interface DatasourceRefJson {
  uid?: string;
  type?: string;
}
interface TargetJson {
  refId?: string;
  datasource?: DatasourceRefJson;
  expr?: string;
  query?: unknown;
  queryType?: string;
}
export interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  datasource?: DatasourceRefJson;
  targets?: TargetJson[];
  gridPos?: { x: number; y: number; w: number; h: number };
  /** Panels of a collapsed row. */
  panels?: PanelJson[];
}
interface VariableJson {
  type: string;
  name: string;
  query?: unknown;
  datasource?: DatasourceRefJson;
  current?: { value?: string | string[] };
  options?: { value?: string | string[] }[];
}
export interface DashboardJson {
  title?: string;
  uid?: string;
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}

export type KnownDatasources = Readonly<Record<string, DatasourceKind>>;

function dashboardName(d: DashboardJson): string {
  return `dashboard "${d.title ?? ''}" (uid ${d.uid ?? 'unset'})`;
}

function panelName(p: PanelJson): string {
  return `panel "${p.title ?? ''}"${p.id === undefined ? '' : ` (id ${p.id})`}`;
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Sample value each variable stands for while parsing: an interval for interval variables. */
function variableSamples(d: DashboardJson): Record<string, string> {
  const samples: Record<string, string> = {};
  for (const v of d.templating?.list ?? []) {
    const query = typeof v.query === 'string' ? v.query : undefined;
    if (v.type === 'interval' || v.type === 'custom') {
      // The selected value, else the first option of the comma-separated list.
      const first = query?.split(',')[0]?.trim();
      samples[v.name] = firstValue(v.current?.value) ?? (first || (v.type === 'interval' ? '5m' : 'sample'));
    } else if ((v.type === 'constant' || v.type === 'textbox') && query !== undefined) {
      samples[v.name] = query;
    } else {
      samples[v.name] = 'sample';
    }
  }
  return samples;
}

function resolve(
  ref: DatasourceRefJson | undefined,
  known: KnownDatasources,
): { kind?: DatasourceKind; error?: string } {
  if (!ref?.uid) return { error: 'has no datasource; set one on the panel or the query' };
  const kind = known[ref.uid];
  if (!kind) {
    return { error: `uses datasource uid "${ref.uid}", which is not provisioned (known: ${Object.keys(known).join(', ')})` };
  }
  if (ref.type !== undefined && ref.type !== kind.type) {
    return { error: `names datasource uid "${ref.uid}" with type "${ref.type}", but it is a ${kind.type} datasource` };
  }
  return { kind };
}

/** The query text of a target, or undefined for query types without text (service map, search form). */
function targetQuery(kind: DatasourceKind, t: TargetJson): string | undefined {
  if (kind.language === 'traceql') {
    if (t.queryType !== undefined && t.queryType !== 'traceql') return undefined;
    return typeof t.query === 'string' ? t.query : '';
  }
  return t.expr ?? '';
}

/** One query of a dashboard, in the language of its datasource. */
export interface DashboardQuery {
  /** `dashboard "…" (uid …), panel "…" (id n), query A` or `dashboard "…" (uid …), variable "…"`. */
  where: string;
  language: QueryLanguage;
  query: string;
  /** Sample values of the dashboard's variables, for `substituteVariables`/`checkQuery`. */
  variables: Readonly<Record<string, string>>;
}

/** What walking a dashboard finds: its queries, and problems that keep a query from being read. */
interface Walk {
  queries: DashboardQuery[];
  problems: string[];
}

function walkPanel(d: DashboardJson, p: PanelJson, known: KnownDatasources, samples: Record<string, string>, out: Walk): void {
  const where = `${dashboardName(d)}, ${panelName(p)}`;
  const refIds = new Set<string>();
  for (const [i, t] of (p.targets ?? []).entries()) {
    const label = `${where}, ${t.refId ? `query ${t.refId}` : `query #${i + 1}`}`;
    if (!t.refId) out.problems.push(`${label}: has no refId; set .refId('A') (the SDK does not)`);
    else if (refIds.has(t.refId)) out.problems.push(`${label}: refId ${t.refId} is used twice in the panel`);
    else refIds.add(t.refId);
    const { kind, error } = resolve(t.datasource ?? p.datasource, known);
    if (error) {
      out.problems.push(`${label}: ${error}`);
      continue;
    }
    const query = targetQuery(kind!, t);
    if (query !== undefined) out.queries.push({ where: label, language: kind!.language, query, variables: samples });
  }
  for (const child of p.panels ?? []) walkPanel(d, child, known, samples, out);
}

// Prometheus and Loki variable functions wrap an optional selector or query.
const LABEL_VALUES = /^\s*label_values\(\s*(.*?)\s*(?:,\s*[\w.]+\s*)?\)\s*$/s;
const QUERY_RESULT = /^\s*query_result\(\s*(.*)\s*\)\s*$/s;
const NO_QUERY = /^\s*(?:label_names\(.*\)|metrics\(.*\))\s*$/s;

function variableQuery(v: VariableJson): string | undefined {
  const raw = typeof v.query === 'string' ? v.query : (v.query as { query?: unknown } | undefined)?.query;
  if (typeof raw !== 'string') return undefined;
  if (NO_QUERY.test(raw)) return undefined;
  const lv = LABEL_VALUES.exec(raw);
  if (lv) {
    // `label_values(job)` has no selector; `label_values(up{…}, job)` has one.
    return /^[\w.]+$/.test(lv[1]!) ? undefined : lv[1]!;
  }
  return QUERY_RESULT.exec(raw)?.[1] ?? raw;
}

function walkVariables(d: DashboardJson, known: KnownDatasources, samples: Record<string, string>, out: Walk): void {
  for (const v of d.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    const where = `${dashboardName(d)}, variable "${v.name}"`;
    const { kind, error } = resolve(v.datasource, known);
    if (error) {
      out.problems.push(`${where}: ${error}`);
      continue;
    }
    const query = variableQuery(v);
    if (query !== undefined) out.queries.push({ where, language: kind!.language, query, variables: samples });
  }
}

/** Grafana's dashboard grid is 24 columns wide. */
const GRID_COLUMNS = 24;

/**
 * Panels that leave the 24-column grid or cover one another. The SDK places each panel after the
 * previous one and wraps only once a row is full, so a full-width panel after a half-width one
 * starts at column 12 and runs off the grid; Grafana then moves panels around on load.
 */
function layoutProblems(d: DashboardJson): string[] {
  const problems: string[] = [];
  const placed: { p: PanelJson; x: number; y: number; w: number; h: number }[] = [];
  for (const p of d.panels ?? []) {
    if (!p.gridPos) continue;
    const { x, y, w, h } = p.gridPos;
    const where = `${dashboardName(d)}, ${panelName(p)}`;
    if (x < 0 || w < 1 || h < 1 || x + w > GRID_COLUMNS) {
      problems.push(`${where}: columns ${x} to ${x + w} leave the ${GRID_COLUMNS}-column grid; make the widths before it add up to ${GRID_COLUMNS}, or narrow it to ${Math.max(GRID_COLUMNS - x, 1)}`);
      continue;
    }
    const hit = placed.find((o) => x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h);
    if (hit) problems.push(`${where}: covers ${panelName(hit.p)} (x ${x}, y ${y}); give one of them another position`);
    placed.push({ p, x, y, w, h });
  }
  return problems;
}

function walk(dashboards: readonly (Dashboard | DashboardJson)[], known: KnownDatasources): Walk {
  const out: Walk = { queries: [], problems: [] };
  const uids = new Map<string, string>();
  // The SDK types queries as opaque `Dataquery` objects; the JSON has the fields read here.
  for (const d of dashboards as readonly DashboardJson[]) {
    if (!d.uid) out.problems.push(`${dashboardName(d)}: has no uid; give it a stable one so links and provisioning keep working`);
    else if (uids.has(d.uid)) out.problems.push(`${dashboardName(d)}: uid is also used by dashboard "${uids.get(d.uid)}"`);
    else uids.set(d.uid, d.title ?? '');
    out.problems.push(...layoutProblems(d));
    const samples = variableSamples(d);
    walkVariables(d, known, samples, out);
    for (const p of d.panels ?? []) walkPanel(d, p, known, samples, out);
  }
  return out;
}

/**
 * Every query of the given dashboards (panel targets and variable selectors) with where it lives
 * and its language; for checks that look inside queries, such as the metric catalog.
 */
export function dashboardQueries(
  dashboards: readonly (Dashboard | DashboardJson)[],
  known: KnownDatasources = DATASOURCES,
): DashboardQuery[] {
  return walk(dashboards, known).queries;
}

/**
 * All problems in the given dashboards, one line each; empty when every query parses and every
 * datasource exists. The grafana app's render throws when this is not empty.
 */
export function checkDashboards(
  dashboards: readonly (Dashboard | DashboardJson)[],
  known: KnownDatasources = DATASOURCES,
): string[] {
  const { queries, problems } = walk(dashboards, known);
  const syntax = queries.flatMap((q) => {
    const problem = checkQuery(q.language, q.query, { variables: q.variables });
    return problem ? [`${q.where}: ${problem}: ${q.query}`] : [];
  });
  return [...problems, ...syntax];
}

/** Every query a datasource's correlation settings run, in the language of its target. */
export function checkCorrelationQueries(queries: readonly { name: string; query: string }[]): string[] {
  return queries.flatMap(({ name, query }) => {
    // `$__tags` expands to the span's tags as label matchers.
    const problem = checkQuery('promql', query, { variables: { __tags: 'service="sample"' } });
    return problem ? [`datasource "Tempo", tracesToMetrics query "${name}": ${problem}: ${query}`] : [];
  });
}
