// Log Explorer: LogQL over Loki with namespace and level variables and a free-text line filter.
// A trace id in a line (structured metadata or the text) links to Tempo through the Loki
// datasource's derived fields.
import { QueryVariableBuilder, RowBuilder, TextBoxVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { LogsSortOrder } from '@grafana/grafana-foundation-sdk/common';
import { LOKI } from '../../../lib/grafana/datasources';
import { defineDashboard, logql } from './common';

// Loki rejects a selector whose every matcher matches the empty string, so "All" namespaces is
// `.+`; streams without a `level` label stay visible with "All" levels (`.*`).
const STREAM = '{namespace=~"$namespace", level=~"$level"}';
const FILTERED = `${STREAM} |~ "$search"`;

const lokiVariable = (name: string, label: string, query: string, all: string) =>
  new QueryVariableBuilder(name)
    .label(label)
    .datasource(LOKI)
    .query(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(all);

export const logExplorer = defineDashboard(
  { uid: 'lgtm-logs', folder: 'Applications', title: 'Log Explorer', tags: ['loki', 'logql'] },
  (d) =>
    d
      .withVariable(lokiVariable('namespace', 'Namespace', 'label_values(namespace)', '.+'))
      .withVariable(lokiVariable('level', 'Level', 'label_values({namespace=~"$namespace"}, level)', '.*'))
      .withVariable(new TextBoxVariableBuilder('search').label('Line contains (regex)').defaultValue(''))
      .withRow(new RowBuilder('Volume'))
      .withPanel(
        new TimeseriesPanel()
          .title('Log lines by level')
          .datasource(LOKI)
          .unit('short')
          .span(16)
          .height(8)
          .withTarget(logql(`sum by (level) (count_over_time(${FILTERED} [$__auto]))`, '{{level}}')),
      )
      .withPanel(
        new TimeseriesPanel()
          .title('Top 10 namespaces by error lines')
          .datasource(LOKI)
          .unit('short')
          .span(8)
          .height(8)
          .withTarget(
            logql(
              'topk(10, sum by (namespace) (count_over_time({namespace=~"$namespace", level=~"(?i)error|fatal|critical"} [$__auto])))',
              '{{namespace}}',
            ),
          ),
      )
      .withRow(new RowBuilder('Lines'))
      .withPanel(
        new LogsPanel()
          .title('Logs')
          .datasource(LOKI)
          .span(24)
          .height(20)
          .showTime(true)
          .wrapLogMessage(true)
          .enableLogDetails(true)
          .sortOrder(LogsSortOrder.Descending)
          .withTarget(logql(FILTERED).maxLines(1000)),
      ),
);
