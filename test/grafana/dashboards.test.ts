// The shipped dashboards: golden JSON per dashboard, every query parsing for every environment,
// and the checker's exact complaint for each kind of broken dashboard.
import fc from 'fast-check';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { DashboardBuilder, QueryVariableBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { DASHBOARDS, renderDashboards } from '../../apps/grafana/dashboards/index';
import { finalize, prom, type DashboardDefinition } from '../../apps/grafana/dashboards/common';
import { checkDashboards, dashboardQueries, type DashboardJson } from '../../lib/grafana/dashboard-check';
import { dashboardJson } from '../../apps/grafana/dashboard-configmaps';
import { renderGrafana } from '../../apps/grafana/index';
import { expectGolden } from '../helpers/golden';

test.each(renderDashboards(dev).map((d) => [d.uid, d] as const))('golden dashboard JSON: %s', (uid, d) => {
  expectGolden(`grafana/dashboards/${uid}.json`, dashboardJson(d));
});

test('the six seed dashboards and the stack dashboard ship, each with a unique uid', () => {
  const titles = renderDashboards(dev).map((d) => d.dashboard.title);
  expect(titles).toEqual([
    'Kubernetes Overview',
    'Service Health',
    'Database Monitoring',
    'Trace Explorer',
    'Log Explorer',
    'Security Metrics',
    'LGTM Stack',
  ]);
  expect(new Set(DASHBOARDS.map((d) => d.uid)).size).toBe(DASHBOARDS.length);
});

test.each([dev, staging, prod])('every query of every dashboard parses in $name', (env) => {
  expect(checkDashboards(renderDashboards(env).map((d) => d.dashboard))).toEqual([]);
});

test('dashboardQueries lists every query with its place and language', () => {
  const queries = dashboardQueries(renderDashboards(dev).map((d) => d.dashboard));
  const logs = queries.filter((q) => q.where.startsWith('dashboard "Log Explorer"'));
  expect(logs.map((q) => [q.where, q.language])).toEqual([
    ['dashboard "Log Explorer" (uid lgtm-logs), variable "level"', 'logql'],
    ['dashboard "Log Explorer" (uid lgtm-logs), panel "Log lines by level" (id 2), query A', 'logql'],
    ['dashboard "Log Explorer" (uid lgtm-logs), panel "Top 10 namespaces by error lines" (id 3), query A', 'logql'],
    ['dashboard "Log Explorer" (uid lgtm-logs), panel "Logs" (id 5), query A', 'logql'],
  ]);
  expect(new Set(queries.map((q) => q.language))).toEqual(new Set(['promql', 'logql', 'traceql']));
});

test('property: breaking any shipped query fails the check at exactly that place', () => {
  const dashboards = renderDashboards(dev).map((d) => d.dashboard);
  const queries = dashboardQueries(dashboards);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: queries.length - 1 }), (i) => {
      const { where, query } = queries[i]!;
      // An unmatched opening parenthesis is an error in PromQL, LogQL and TraceQL alike.
      const needle = JSON.stringify(query).slice(1, -1);
      const broken = dashboards.map((d) => JSON.parse(JSON.stringify(d).replaceAll(needle, `(${needle}`)) as DashboardJson);
      const errors = checkDashboards(broken);
      expect(errors.some((e) => e.startsWith(`${where}: `) && e.endsWith(`: (${query}`))).toBe(true);
    }),
    { numRuns: 60 },
  );
});

test('rendering is deterministic', () => {
  expect(renderDashboards(dev).map(dashboardJson)).toEqual(renderDashboards(dev).map(dashboardJson));
});

test('the latency panel of Service Health asks Mimir for exemplars', () => {
  const health = renderDashboards(dev).find((d) => d.uid === 'lgtm-service-health')!.dashboard;
  const latency = (health.panels ?? []).find((p) => p.title?.startsWith('Latency')) as { targets: { exemplar?: boolean }[] };
  expect(latency.targets.map((t) => t.exemplar ?? false)).toEqual([false, true, false]);
});

test('Log Explorer has namespace and level variables', () => {
  const logs = renderDashboards(dev).find((d) => d.uid === 'lgtm-logs')!.dashboard;
  expect((logs.templating.list ?? []).map((v) => v.name)).toEqual(['namespace', 'level', 'search']);
});

// A small dashboard to break in one place per case.
function broken(edit: (d: DashboardJson & { panels: any[]; templating: { list: any[] } }) => void): DashboardJson {
  const d = finalize(
    new DashboardBuilder('Broken')
      .uid('broken')
      .withVariable(new QueryVariableBuilder('job').datasource({ type: 'prometheus', uid: 'mimir' }).query('label_values(up, job)'))
      .withRow(new RowBuilder('Row'))
      .withPanel(new TimeseriesPanel().title('Rate').datasource({ type: 'prometheus', uid: 'mimir' }).withTarget(prom('rate(up{job=~"$job"}[$__rate_interval])'))),
  ) as unknown as DashboardJson & { panels: any[]; templating: { list: any[] } };
  edit(d);
  return d;
}

const WHERE = 'dashboard "Broken" (uid broken), panel "Rate" (id 2)';

test.each<[string, DashboardJson, string[]]>([
  ['a clean dashboard', broken(() => {}), []],
  [
    'a PromQL syntax error',
    broken((d) => (d.panels[1].targets[0].expr = 'sum(rate(up[5m])')),
    [`${WHERE}, query A: PromQL syntax error at column 17 at the end of the query: sum(rate(up[5m])`],
  ],
  [
    'a panel datasource uid that is not provisioned',
    broken((d) => {
      delete d.panels[1].targets[0].datasource;
      d.panels[1].datasource = { type: 'prometheus', uid: 'prometheus' };
    }),
    [`${WHERE}, query A: uses datasource uid "prometheus", which is not provisioned (known: mimir, loki, tempo)`],
  ],
  [
    'a query-level datasource that is not provisioned',
    broken((d) => (d.panels[1].targets[0].datasource = { uid: 'thanos' })),
    [`${WHERE}, query A: uses datasource uid "thanos", which is not provisioned (known: mimir, loki, tempo)`],
  ],
  [
    'a datasource uid with the wrong type',
    broken((d) => (d.panels[1].targets[0].datasource = { type: 'loki', uid: 'mimir' })),
    [`${WHERE}, query A: names datasource uid "mimir" with type "loki", but it is a prometheus datasource`],
  ],
  [
    'no datasource at all',
    broken((d) => {
      delete d.panels[1].datasource;
      delete d.panels[1].targets[0].datasource;
    }),
    [`${WHERE}, query A: has no datasource; set one on the panel or the query`],
  ],
  [
    'a query without refId',
    broken((d) => delete d.panels[1].targets[0].refId),
    [`${WHERE}, query #1: has no refId; set .refId('A') (the SDK does not)`],
  ],
  [
    'two queries with the same refId',
    broken((d) => d.panels[1].targets.push({ ...d.panels[1].targets[0] })),
    [`${WHERE}, query A: refId A is used twice in the panel`],
  ],
  [
    'a variable the dashboard does not define',
    broken((d) => (d.panels[1].targets[0].expr = 'up{job=~"$jobs"}')),
    [`${WHERE}, query A: PromQL query uses undefined variable $jobs; define it on the dashboard or fix the name: up{job=~"$jobs"}`],
  ],
  [
    'a LogQL query sent to Loki that does not parse',
    broken((d) => (d.panels[1].targets[0] = { refId: 'A', datasource: { uid: 'loki' }, expr: '{app="x"' })),
    [`${WHERE}, query A: LogQL syntax error at column 9 at the end of the query: {app="x"`],
  ],
  [
    'a TraceQL query that does not parse',
    broken((d) => (d.panels[1].targets[0] = { refId: 'A', datasource: { uid: 'tempo' }, queryType: 'traceql', query: '{ status = = error }' })),
    [`${WHERE}, query A: TraceQL syntax error at column 12 near "= error }": { status = = error }`],
  ],
  [
    'a variable query that does not parse',
    broken((d) => (d.templating.list[0].query = 'label_values(up{job=, job)')),
    ['dashboard "Broken" (uid broken), variable "job": PromQL syntax error at column 8 at the end of the query: up{job='],
  ],
  [
    'a panel inside a collapsed row',
    broken((d) => {
      const [row, panel] = d.panels;
      panel.targets[0].expr = 'rate(up[5m]';
      row.collapsed = true;
      row.panels = [panel];
      d.panels = [row];
    }),
    [`${WHERE}, query A: PromQL syntax error at column 12 at the end of the query: rate(up[5m]`],
  ],
])('checkDashboards reports %s', (_what, dashboard, errors) => {
  expect(checkDashboards([dashboard])).toEqual(errors);
});

test('two dashboards with one uid are reported', () => {
  expect(checkDashboards([broken(() => {}), broken(() => {})])).toEqual([
    'dashboard "Broken" (uid broken): uid is also used by dashboard "Broken"',
  ]);
});

test('render fails naming the dashboard, the panel and the query', () => {
  const bad: DashboardDefinition = {
    uid: 'bad',
    folder: 'Test',
    build: () =>
      finalize(
        new DashboardBuilder('Bad').uid('bad').withPanel(
          new TimeseriesPanel()
            .title('Errors')
            .datasource({ type: 'prometheus', uid: 'mimir' })
            .withTarget(new PromQuery().expr('sum by (job (up)').refId('A')),
        ),
      ),
  };
  expect(() => renderGrafana(dev, [bad])).toThrow(
    'grafana (dev): 1 dashboard problem(s):\n  dashboard "Bad" (uid bad), panel "Errors" (id 1), query A: PromQL syntax error at column 13 near "(up)": sum by (job (up)',
  );
});

describe('layout: panels stay on the 24-column grid', () => {
  const panel = (title: string, span: number) =>
    new TimeseriesPanel().title(title).span(span).height(8).datasource({ type: 'prometheus', uid: 'mimir' }).withTarget(new PromQuery().expr('up').refId('A'));

  test('a full-width panel after a half-width one runs off the grid, and is reported', () => {
    const d = new DashboardBuilder('Layout').uid('layout').withPanel(panel('Half', 12)).withPanel(panel('Full', 24)).build();
    expect(checkDashboards([d])).toEqual([
      'dashboard "Layout" (uid layout), panel "Full": columns 12 to 36 leave the 24-column grid; make the widths before it add up to 24, or narrow it to 12',
    ]);
  });

  test('two halves, then a full row, fit', () => {
    const d = new DashboardBuilder('Layout').uid('layout').withPanel(panel('Left', 12)).withPanel(panel('Right', 12)).withPanel(panel('Full', 24)).build();
    expect(checkDashboards([d])).toEqual([]);
  });

  test('panels placed over one another are reported', () => {
    const json = broken((d) => (d.panels[1].gridPos = { ...d.panels[0].gridPos })) as DashboardJson;
    const [first, second] = json.panels!;
    expect(checkDashboards([json])).toEqual([`dashboard "Broken" (uid broken), panel "${second!.title}" (id ${second!.id}): covers panel "${first!.title}" (id ${first!.id}) (x ${first!.gridPos!.x}, y ${first!.gridPos!.y}); give one of them another position`]);
  });
});
