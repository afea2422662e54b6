// LGTM Stack: the observability stack watching itself. Ingestion into Mimir, Loki and Tempo,
// what they refuse or drop, request errors, and one Alloy per node. Every component's `job` is
// `<namespace>/<component>`.
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { stackComponents, stackJob } from '../../alerting/rules';
import { defineDashboard, stat, table, timeseries } from './common';

export const lgtmStack = defineDashboard(
  { uid: 'lgtm-stack', folder: 'Observability', title: 'LGTM Stack', tags: ['meta', 'mimir', 'loki', 'tempo', 'alloy'] },
  (d, env) => {
    const job = (c: string) => `job="${stackJob(env, c)}"`;
    const anyComponent = `job=~"${env.namespace}/(${[...stackComponents(env), 'alloy'].join('|')})"`;
    return d
      .withRow(new RowBuilder('Health'))
      .withPanel(stat('Targets down', 'short', `count(up{${anyComponent}} == 0) or vector(0)`))
      .withPanel(
        stat(
          'Nodes without a ready Alloy',
          'short',
          `count(kube_node_info unless on (node) (kube_pod_info{namespace="${env.namespace}",created_by_kind="DaemonSet",created_by_name="alloy"} * on (namespace, pod) group_left () (kube_pod_status_ready{namespace="${env.namespace}",condition="true"} == 1))) or vector(0)`,
        ),
      )
      .withPanel(stat('Active series', 'short', `sum(cortex_ingester_memory_series{${job('mimir')}})`))
      .withPanel(stat('Firing alerts', 'short', `count(ALERTS{alertstate="firing"}) or vector(0)`))
      .withPanel(table('Component targets', `sum by (job, instance) (up{${anyComponent}})`))
      .withRow(new RowBuilder('Ingestion'))
      .withPanel(
        timeseries('Mimir samples received', 'short', [
          [`sum(rate(cortex_distributor_received_samples_total{${job('mimir')}}[$__rate_interval]))`, 'samples/s'],
          [`sum(rate(cortex_distributor_received_exemplars_total{${job('mimir')}}[$__rate_interval]))`, 'exemplars/s'],
        ], 8),
      )
      .withPanel(
        timeseries('Loki bytes received', 'Bps', [
          [`sum(rate(loki_distributor_bytes_received_total{${job('loki')}}[$__rate_interval]))`, 'bytes/s'],
        ], 8),
      )
      .withPanel(
        timeseries('Tempo spans received', 'short', [
          [`sum(rate(tempo_distributor_spans_received_total{${job('tempo')}}[$__rate_interval]))`, 'spans/s'],
        ], 8),
      )
      .withRow(new RowBuilder('Refused and dropped'))
      .withPanel(
        timeseries('Mimir discarded samples by reason', 'short', [
          [`sum by (reason) (rate(cortex_discarded_samples_total{${job('mimir')}}[$__rate_interval]))`, '{{reason}}'],
        ], 8),
      )
      .withPanel(
        timeseries('Loki discarded lines by reason', 'short', [
          [`sum by (reason) (rate(loki_discarded_samples_total{${job('loki')}}[$__rate_interval]))`, '{{reason}}'],
        ], 8),
      )
      .withPanel(
        timeseries('Tempo refused and discarded spans', 'short', [
          [`sum(rate(tempo_receiver_refused_spans{${job('tempo')}}[$__rate_interval]))`, 'refused'],
          [`sum by (reason) (rate(tempo_discarded_spans_total{${job('tempo')}}[$__rate_interval]))`, 'discarded: {{reason}}'],
        ], 8),
      )
      .withRow(new RowBuilder('Request errors'))
      .withPanel(
        timeseries('5xx responses by component and route', 'reqps', [
          [`sum by (route) (rate(cortex_request_duration_seconds_count{${job('mimir')},status_code=~"5.."}[$__rate_interval]))`, 'mimir {{route}}'],
          [`sum by (route) (rate(loki_request_duration_seconds_count{${job('loki')},status_code=~"5.."}[$__rate_interval]))`, 'loki {{route}}'],
          [`sum by (route) (rate(tempo_request_duration_seconds_count{${job('tempo')},status_code=~"5.."}[$__rate_interval]))`, 'tempo {{route}}'],
        ], 24),
      )
      .withRow(new RowBuilder('Alloy per node'))
      .withPanel(
        timeseries('Alloy CPU by node', 'cores', [
          [`sum by (instance) (rate(alloy_resources_process_cpu_seconds_total{${job('alloy')}}[$__rate_interval]))`, '{{instance}}'],
        ], 8),
      )
      .withPanel(
        timeseries('Alloy memory by node', 'bytes', [
          [`sum by (instance) (alloy_resources_process_resident_memory_bytes{${job('alloy')}})`, '{{instance}}'],
        ], 8),
      )
      .withPanel(
        timeseries('Alloy send failures by node', 'short', [
          [`sum by (instance) (rate(prometheus_remote_storage_samples_failed_total{${job('alloy')}}[$__rate_interval]))`, '{{instance}} samples'],
          [`sum by (instance) (rate(loki_write_dropped_entries_total{${job('alloy')}}[$__rate_interval]))`, '{{instance}} log lines'],
          [`sum by (instance) (rate(otelcol_exporter_send_failed_spans_total{${job('alloy')}}[$__rate_interval]))`, '{{instance}} spans'],
        ], 8),
      );
  },
);
