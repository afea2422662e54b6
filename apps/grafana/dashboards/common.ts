// Building blocks shared by the dashboards: query and panel shorthands with the house defaults
// (legend visible, explicit refIds) and the final pass that numbers panels, so every dashboard's
// JSON is identical from one render to the next.
import {
  DashboardBuilder,
  DashboardCursorSync,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type Panel,
  type RowPanel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import { DataqueryBuilder as TempoQuery } from '@grafana/grafana-foundation-sdk/tempo';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { VizLegendOptionsBuilder, LegendDisplayMode, LegendPlacement, BigValueGraphMode, ReduceDataOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import type { Environment } from '../../../lib/env/types';
import { LOKI, MIMIR, TEMPO } from '../../../lib/grafana/datasources';

export interface DashboardDefinition {
  /** Stable uid: links, bookmarks and the provisioning file name depend on it. */
  uid: string;
  /** Grafana folder; each folder ships as one ConfigMap. */
  folder: string;
  build(env: Environment): Dashboard;
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `A`, `B`, … for the n-th query of a panel. */
export function refId(index: number): string {
  const id = REF_IDS[index];
  if (id === undefined) throw new Error(`a panel has more than ${REF_IDS.length} queries; split it`);
  return id;
}

/** A PromQL query against Mimir. */
export function prom(expr: string, legend = '', index = 0): PromQuery {
  return new PromQuery().datasource(MIMIR).expr(expr).legendFormat(legend || '__auto').refId(refId(index));
}

/** An instant PromQL query rendered as a table row per series. */
export function promTable(expr: string, index = 0): PromQuery {
  return new PromQuery().datasource(MIMIR).expr(expr).instant().format(PromQueryFormat.Table).refId(refId(index));
}

/** A LogQL query against Loki. */
export function logql(expr: string, legend = '', index = 0): LokiQuery {
  const q = new LokiQuery().datasource(LOKI).expr(expr).refId(refId(index));
  return legend ? q.legendFormat(legend) : q;
}

/** A TraceQL search against Tempo. */
export function traceql(query: string, limit = 20, index = 0): TempoQuery {
  return new TempoQuery().datasource(TEMPO).queryType('traceql').query(query).limit(limit).refId(refId(index));
}

const legend = () =>
  new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom);

/** An empty time series panel on Mimir with the house layout and legend. */
export function timeseriesPanel(title: string, unit: string, span = 12): TimeseriesPanel {
  return new TimeseriesPanel().title(title).unit(unit).datasource(MIMIR).span(span).height(8).legend(legend());
}

/** A time series panel on Mimir with one query per entry of `queries` (`[expr, legend]`). */
export function timeseries(title: string, unit: string, queries: readonly (readonly [string, string])[], span = 12): TimeseriesPanel {
  const panel = timeseriesPanel(title, unit, span);
  queries.forEach(([expr, legendFormat], i) => panel.withTarget(prom(expr, legendFormat, i)));
  return panel;
}

/** A single-number panel on Mimir. */
export function stat(title: string, unit: string, expr: string, span = 6): StatPanel {
  return new StatPanel()
    .title(title)
    .unit(unit)
    .datasource(MIMIR)
    .span(span)
    .height(4)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .withTarget(prom(expr));
}

/** A table of an instant PromQL query. */
export function table(title: string, expr: string, span = 24): TablePanel {
  return new TablePanel().title(title).datasource(MIMIR).span(span).height(8).withTarget(promTable(expr));
}

/** A multi-select variable fed by a Mimir label. `all` is what "All" matches. */
export function labelVariable(name: string, label: string, selector: string, all = '.+'): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(MIMIR)
    .query(`label_values(${selector}, ${label})`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(all);
}

/** Dashboard defaults: read-only (provisioned from Git), shared crosshair, last hour. */
export function dashboard(title: string, uid: string, tags: readonly string[]): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .tags(['lgtm', ...tags])
    .readonly()
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh('1m')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser');
}

export interface DashboardMeta {
  uid: string;
  folder: string;
  title: string;
  tags: readonly string[];
}

/** A dashboard module: its identity once, and the panels added to the house defaults. */
export function defineDashboard(
  meta: DashboardMeta,
  content: (builder: DashboardBuilder, env: Environment) => DashboardBuilder,
): DashboardDefinition {
  return {
    uid: meta.uid,
    folder: meta.folder,
    build: (env) => finalize(content(dashboard(meta.title, meta.uid, meta.tags), env)),
  };
}

/**
 * Numbers the panels in order (rows and their children included). Grafana would otherwise give
 * them ids on load, and a link to `viewPanel=…` would not survive a change elsewhere.
 */
export function finalize(builder: DashboardBuilder): Dashboard {
  const d = builder.build();
  let next = 1;
  const number = (p: Panel | RowPanel): void => {
    p.id = next++;
    if ('panels' in p && Array.isArray(p.panels)) p.panels.forEach((c) => number(c as Panel));
  };
  (d.panels ?? []).forEach(number);
  return d;
}
