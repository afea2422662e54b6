// Trace Explorer: TraceQL searches against Tempo (slow requests, errors, free query) next to the
// span-metrics that show where to look. Clicking a trace opens it; from a span, "Logs for this
// span" and "Related metrics" follow the Tempo datasource's correlation settings.
import { CustomVariableBuilder, RowBuilder, TextBoxVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as HeatmapPanel } from '@grafana/grafana-foundation-sdk/heatmap';
import { PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { MIMIR, TEMPO } from '../../../lib/grafana/datasources';
import { defineDashboard, labelVariable, prom, timeseries, traceql } from './common';

const SERVICE = 'resource.service.name =~ "$service"';

const traces = (title: string, query: string, span = 12) =>
  new TablePanel().title(title).datasource(TEMPO).span(span).height(10).withTarget(traceql(query));

export const traceExplorer = defineDashboard(
  { uid: 'lgtm-traces', folder: 'Applications', title: 'Trace Explorer', tags: ['tempo', 'traceql'] },
  (d) =>
    d
      .withVariable(labelVariable('service', 'service', 'traces_spanmetrics_calls_total'))
      .withVariable(
        new CustomVariableBuilder('min_duration')
          .label('Slower than')
          .values('100ms,250ms,500ms,1s,2s,5s')
          .current({ text: '500ms', value: '500ms' }),
      )
      .withVariable(
        new TextBoxVariableBuilder('traceql')
          .label('TraceQL')
          .defaultValue('{ status = error }')
          .description('Any TraceQL query, run in the "Custom query" panel'),
      )
      .withRow(new RowBuilder('Where to look'))
      .withPanel(
        timeseries('Spans per second by service', 'reqps', [
          ['sum by (service) (rate(traces_spanmetrics_calls_total{service=~"$service"}[$__rate_interval]))', '{{service}}'],
        ]),
      )
      .withPanel(
        new HeatmapPanel()
          .title('Server span latency distribution')
          .datasource(MIMIR)
          .span(12)
          .height(8)
          .withTarget(
            prom(
              'sum by (le) (increase(traces_spanmetrics_latency_bucket{span_kind="SPAN_KIND_SERVER",service=~"$service"}[$__rate_interval]))',
              '{{le}}',
            ).format(PromQueryFormat.Heatmap),
          ),
      )
      .withRow(new RowBuilder('Traces'))
      .withPanel(traces('Slow requests', `{ ${SERVICE} && kind = server && duration > $min_duration }`))
      .withPanel(traces('Failed requests', `{ ${SERVICE} && status = error }`))
      .withPanel(traces('Database calls slower than the threshold', `{ ${SERVICE} && span.db.system != nil && duration > $min_duration }`))
      .withPanel(traces('Custom query', '$traceql')),
);
