// Service Health: RED metrics from Tempo's metrics-generator (span-metrics), for server spans.
// The latency panel asks for exemplars: each dot is a real trace (label `traceID`) that the Mimir
// datasource links to Tempo.
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as NodeGraphPanel } from '@grafana/grafana-foundation-sdk/nodegraph';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { DataqueryBuilder as TempoQuery } from '@grafana/grafana-foundation-sdk/tempo';
import { LOKI, TEMPO } from '../../../lib/grafana/datasources';
import { defineDashboard, labelVariable, logql, prom, stat, timeseries, timeseriesPanel } from './common';

const SERVER = 'span_kind="SPAN_KIND_SERVER",service=~"$service"';
const ERRORS = `${SERVER},status_code="STATUS_CODE_ERROR"`;

const rate = (selector: string, by = 'service') =>
  `sum by (${by}) (rate(traces_spanmetrics_calls_total{${selector}}[$__rate_interval]))`;
const quantile = (q: number) =>
  `histogram_quantile(${q}, sum by (le, service) (rate(traces_spanmetrics_latency_bucket{${SERVER}}[$__rate_interval])))`;

export const serviceHealth = defineDashboard(
  { uid: 'lgtm-service-health', folder: 'Applications', title: 'Service Health', tags: ['red', 'tempo'] },
  (d) =>
    d
      .withVariable(labelVariable('service', 'service', 'traces_spanmetrics_calls_total'))
      .withRow(new RowBuilder('Overview'))
      .withPanel(stat('Requests', 'reqps', `sum(rate(traces_spanmetrics_calls_total{${SERVER}}[$__rate_interval]))`, 8))
      .withPanel(
        stat(
          'Error ratio',
          'percentunit',
          `sum(rate(traces_spanmetrics_calls_total{${ERRORS}}[$__rate_interval])) / sum(rate(traces_spanmetrics_calls_total{${SERVER}}[$__rate_interval]))`,
          8,
        ),
      )
      .withPanel(
        stat(
          'p95 latency',
          's',
          `histogram_quantile(0.95, sum by (le) (rate(traces_spanmetrics_latency_bucket{${SERVER}}[$__rate_interval])))`,
          8,
        ),
      )
      .withRow(new RowBuilder('Rate, errors, duration'))
      .withPanel(timeseries('Request rate', 'reqps', [[rate(SERVER), '{{service}}']]))
      .withPanel(timeseries('Error ratio', 'percentunit', [[`${rate(ERRORS)} / ${rate(SERVER)}`, '{{service}}']]))
      .withPanel(
        // Exemplars on p95 only: one dot per trace is enough, three sets would overlap.
        timeseriesPanel('Latency (exemplars link to traces)', 's', 24)
          .withTarget(prom(quantile(0.5), '{{service}} p50', 0))
          .withTarget(prom(quantile(0.95), '{{service}} p95', 1).exemplar(true))
          .withTarget(prom(quantile(0.99), '{{service}} p99', 2)),
      )
      .withPanel(
        timeseries('Slowest operations (p95)', 's', [
          [
            `topk(10, histogram_quantile(0.95, sum by (le, service, span_name) (rate(traces_spanmetrics_latency_bucket{${SERVER}}[$__rate_interval]))))`,
            '{{service}} {{span_name}}',
          ],
        ]),
      )
      .withPanel(
        timeseries('Operations with errors', 'reqps', [[`${rate(ERRORS, 'service, span_name')} > 0`, '{{service}} {{span_name}}']]),
      )
      .withRow(new RowBuilder('Dependencies and logs'))
      .withPanel(
        new NodeGraphPanel()
          .title('Service map')
          .datasource(TEMPO)
          .span(24)
          .height(12)
          .withTarget(new TempoQuery().datasource(TEMPO).queryType('serviceMap').refId('A')),
      )
      .withPanel(
        new LogsPanel()
          .title('Error logs of the selected services')
          .datasource(LOKI)
          .span(24)
          .height(10)
          .showTime(true)
          .enableLogDetails(true)
          .withTarget(logql('{service_name=~"$service"} | level=~"(?i)error|fatal|critical"')),
      ),
);
