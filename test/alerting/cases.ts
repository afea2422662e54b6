// promtool unit-test cases for every alert: synthetic series (promtool's expanding notation,
// one sample per minute) and, at one evaluation time, the alerts that must be firing. An empty
// `firing` list means the alert must NOT fire. Every alert needs at least one of each kind
// (rules.test.ts enforces it).
import type { Environment } from '../../lib/env/types';

export interface Series {
  series: string;
  values: string;
}

export interface AlertCase {
  name: string;
  alert: string;
  series: Series[];
  evalTime: string;
  /** Labels of each alert expected to fire (the rule's own labels are added by the driver). */
  firing: Record<string, string>[];
  /** `$value` as the annotation templates print it, one per firing alert. */
  values?: string[];
}

const s = (series: string, values: string): Series => ({ series, values });

// Span-metrics of one server-side service: `ok`/`errors` are calls per minute, `slow` sends every
// call to the 1–2.5 s bucket (p95 ≈ 2.4 s) instead of the ≤ 0.5 s bucket.
function spanMetrics(service: string, ok: number, errors: number, slow: boolean): Series[] {
  const labels = `service="${service}",span_kind="SPAN_KIND_SERVER"`;
  const total = ok + errors;
  const fast = slow ? 0 : total;
  return [
    s(`traces_spanmetrics_calls_total{${labels},status_code="STATUS_CODE_OK"}`, `0+${ok}x40`),
    s(`traces_spanmetrics_calls_total{${labels},status_code="STATUS_CODE_ERROR"}`, `0+${errors}x40`),
    s(`traces_spanmetrics_latency_bucket{${labels},le="0.5"}`, `0+${fast}x40`),
    s(`traces_spanmetrics_latency_bucket{${labels},le="1"}`, `0+${fast}x40`),
    s(`traces_spanmetrics_latency_bucket{${labels},le="2.5"}`, `0+${total}x40`),
    s(`traces_spanmetrics_latency_bucket{${labels},le="+Inf"}`, `0+${total}x40`),
  ];
}

/** Push requests per minute by status, and samples/lines/spans received vs dropped per minute. */
function pushes(metric: string, job: string, route: string, okStatus: string, ok: number, failed: number): Series[] {
  return [
    s(`${metric}{job="${job}",route="${route}",status_code="${okStatus}"}`, `0+${ok}x30`),
    ...(failed > 0 ? [s(`${metric}{job="${job}",route="${route}",status_code="500"}`, `0+${failed}x30`)] : []),
  ];
}

function counter(series: string, perMinute: number): Series {
  return s(series, `0+${perMinute}x30`);
}

function alloyPod(ns: string, node: string, ready: boolean): Series[] {
  const pod = `alloy-${node}`;
  return [
    s(`kube_pod_info{namespace="${ns}",pod="${pod}",node="${node}",created_by_kind="DaemonSet",created_by_name="alloy"}`, '1x30'),
    s(`kube_pod_status_ready{namespace="${ns}",pod="${pod}",condition="true"}`, `${ready ? 1 : 0}x30`),
  ];
}

function volume(available: string, capacity: number): Series[] {
  const labels = 'namespace="observability",persistentvolumeclaim="data-mimir-0"';
  return [
    s(`kubelet_volume_stats_available_bytes{${labels}}`, available),
    s(`kubelet_volume_stats_capacity_bytes{${labels}}`, `${capacity}x480`),
  ];
}

export function alertCases(env: Environment): AlertCase[] {
  const ns = env.namespace;
  const job = (c: string) => `${ns}/${c}`;
  const pvc = { namespace: 'observability', persistentvolumeclaim: 'data-mimir-0' };
  return [
    {
      name: 'a slow, busy service fires',
      alert: 'ServiceHighLatency',
      series: [...spanMetrics('checkout', 60, 0, true), ...spanMetrics('search', 60, 0, false)],
      evalTime: '20m',
      firing: [{ service: 'checkout' }],
      values: ['2.425s'],
    },
    {
      name: 'a fast service does not fire',
      alert: 'ServiceHighLatency',
      series: spanMetrics('search', 60, 0, false),
      evalTime: '20m',
      firing: [],
    },
    {
      name: 'a slow service with almost no traffic does not fire',
      alert: 'ServiceHighLatency',
      series: spanMetrics('cron', 1, 0, true),
      evalTime: '20m',
      firing: [],
    },
    {
      name: '10% errors fires',
      alert: 'ServiceHighErrorRate',
      series: [...spanMetrics('checkout', 54, 6, false), ...spanMetrics('search', 60, 0, false)],
      evalTime: '20m',
      firing: [{ service: 'checkout' }],
      values: ['10%'],
    },
    {
      name: '2% errors does not fire',
      alert: 'ServiceHighErrorRate',
      series: spanMetrics('checkout', 98, 2, false),
      evalTime: '20m',
      firing: [],
    },
    {
      name: 'half the calls failing at almost no traffic does not fire',
      alert: 'ServiceHighErrorRate',
      series: spanMetrics('cron', 1, 1, false),
      evalTime: '20m',
      firing: [],
    },
    {
      name: 'a component down for more than 5 minutes fires',
      alert: 'StackComponentDown',
      series: [s(`up{job="${job('loki')}",instance="loki-0"}`, '1 1 1 0x10'), s(`up{job="${job('mimir')}",instance="mimir-0"}`, '1x13')],
      evalTime: '12m',
      firing: [{ job: job('loki'), instance: 'loki-0' }],
    },
    {
      name: 'a component down for 3 minutes does not fire yet',
      alert: 'StackComponentDown',
      series: [s(`up{job="${job('loki')}",instance="loki-0"}`, '1x8 0x3')],
      evalTime: '11m',
      firing: [],
    },
    {
      name: 'a down target outside the stack does not fire',
      alert: 'StackComponentDown',
      series: [s('up{job="platform/loki",instance="loki-0"}', '0x12')],
      evalTime: '12m',
      firing: [],
    },
    {
      name: '9% of Mimir pushes failing fires',
      alert: 'MimirIngestionFailures',
      series: pushes('cortex_request_duration_seconds_count', job('mimir'), 'api_v1_push', '200', 600, 60),
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: '2% of samples discarded by Mimir fires',
      alert: 'MimirIngestionFailures',
      series: [
        ...pushes('cortex_request_duration_seconds_count', job('mimir'), 'api_v1_push', '200', 600, 0),
        counter(`cortex_distributor_received_samples_total{job="${job('mimir')}"}`, 6000),
        counter(`cortex_discarded_samples_total{job="${job('mimir')}",reason="per_user_series_limit"}`, 120),
      ],
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: 'a few Mimir push errors and discards do not fire',
      alert: 'MimirIngestionFailures',
      series: [
        ...pushes('cortex_request_duration_seconds_count', job('mimir'), 'api_v1_push', '200', 600, 6),
        counter(`cortex_distributor_received_samples_total{job="${job('mimir')}"}`, 6000),
        counter(`cortex_discarded_samples_total{job="${job('mimir')}",reason="sample_out_of_order"}`, 30),
      ],
      evalTime: '20m',
      firing: [],
    },
    {
      name: '9% of Loki pushes failing fires',
      alert: 'LokiIngestionFailures',
      series: pushes('loki_request_duration_seconds_count', job('loki'), 'loki_api_v1_push', '204', 600, 60),
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: '2% of log lines discarded by Loki fires',
      alert: 'LokiIngestionFailures',
      series: [
        counter(`loki_distributor_lines_received_total{job="${job('loki')}"}`, 6000),
        counter(`loki_discarded_samples_total{job="${job('loki')}",reason="rate_limited"}`, 120),
      ],
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: 'healthy Loki ingestion does not fire',
      alert: 'LokiIngestionFailures',
      series: [
        ...pushes('loki_request_duration_seconds_count', job('loki'), 'loki_api_v1_push', '204', 600, 0),
        counter(`loki_distributor_lines_received_total{job="${job('loki')}"}`, 6000),
        counter(`loki_discarded_samples_total{job="${job('loki')}",reason="line_too_long"}`, 6),
      ],
      evalTime: '20m',
      firing: [],
    },
    {
      name: '5% of spans refused by Tempo fires',
      alert: 'TempoIngestionFailures',
      series: [
        counter(`tempo_receiver_accepted_spans{job="${job('tempo')}",transport="grpc"}`, 5700),
        counter(`tempo_receiver_refused_spans{job="${job('tempo')}",transport="grpc"}`, 300),
      ],
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: '2% of spans discarded by Tempo fires',
      alert: 'TempoIngestionFailures',
      series: [
        counter(`tempo_receiver_accepted_spans{job="${job('tempo')}",transport="grpc"}`, 6000),
        counter(`tempo_distributor_spans_received_total{job="${job('tempo')}"}`, 6000),
        counter(`tempo_discarded_spans_total{job="${job('tempo')}",reason="rate_limited"}`, 120),
      ],
      evalTime: '20m',
      firing: [{}],
    },
    {
      name: 'healthy Tempo ingestion does not fire',
      alert: 'TempoIngestionFailures',
      series: [
        counter(`tempo_receiver_accepted_spans{job="${job('tempo')}",transport="grpc"}`, 6000),
        counter(`tempo_receiver_refused_spans{job="${job('tempo')}",transport="grpc"}`, 0),
        counter(`tempo_distributor_spans_received_total{job="${job('tempo')}"}`, 6000),
        counter(`tempo_discarded_spans_total{job="${job('tempo')}",reason="trace_too_large"}`, 6),
      ],
      evalTime: '20m',
      firing: [],
    },
    {
      name: 'a node without an Alloy pod fires',
      alert: 'AlloyMissingOnNode',
      series: [s('kube_node_info{node="node-a"}', '1x30'), s('kube_node_info{node="node-b"}', '1x30'), ...alloyPod(ns, 'node-a', true)],
      evalTime: '20m',
      firing: [{ node: 'node-b' }],
    },
    {
      name: 'a node whose Alloy pod is not ready fires',
      alert: 'AlloyMissingOnNode',
      series: [s('kube_node_info{node="node-a"}', '1x30'), ...alloyPod(ns, 'node-a', false)],
      evalTime: '20m',
      firing: [{ node: 'node-a' }],
    },
    {
      name: 'every node with a ready Alloy pod does not fire',
      alert: 'AlloyMissingOnNode',
      series: [
        s('kube_node_info{node="node-a"}', '1x30'),
        s('kube_node_info{node="node-b"}', '1x30'),
        ...alloyPod(ns, 'node-a', true),
        ...alloyPod(ns, 'node-b', true),
      ],
      evalTime: '20m',
      firing: [],
    },
    {
      name: 'a cluster collector without a ready pod fires',
      alert: 'AlloyClusterCollectorDown',
      series: [s(`kube_statefulset_status_replicas_ready{namespace="${ns}",statefulset="alloy-cluster"}`, '0x30')],
      evalTime: '20m',
      firing: [{ namespace: ns, statefulset: 'alloy-cluster' }],
    },
    {
      name: 'a ready cluster collector does not fire',
      alert: 'AlloyClusterCollectorDown',
      series: [s(`kube_statefulset_status_replicas_ready{namespace="${ns}",statefulset="alloy-cluster"}`, '1x30')],
      evalTime: '20m',
      firing: [],
    },
    ...(env.collect.prometheusRules
      ? [
          {
            name: 'rule changes the cluster collector gave up on fire',
            alert: 'PrometheusRulesNotLoaded',
            series: [s(`mimir_rules_events_failed_total{job="${ns}/alloy",type="update"}`, '0x5 1+1x25')],
            evalTime: '20m',
            firing: [{ job: `${ns}/alloy`, type: 'update' }],
          },
          {
            name: 'rule changes that all went through do not fire',
            alert: 'PrometheusRulesNotLoaded',
            series: [s(`mimir_rules_events_failed_total{job="${ns}/alloy",type="update"}`, '0x30')],
            evalTime: '20m',
            firing: [],
          },
        ]
      : []),
    {
      name: 'a volume with 3% free fires',
      alert: 'PersistentVolumeFillingUp',
      series: volume('3x20', 100),
      evalTime: '10m',
      firing: [pvc],
      values: ['3%'],
    },
    {
      name: 'a volume with 10% free does not fire',
      alert: 'PersistentVolumeFillingUp',
      series: volume('10x20', 100),
      evalTime: '10m',
      firing: [],
    },
    {
      name: 'a volume under 15% free that keeps filling fires',
      alert: 'PersistentVolumeFillingUpPredicted',
      series: volume('140-0.1x480', 1000),
      evalTime: '7h',
      firing: [pvc],
      values: ['9.8%'],
    },
    {
      name: 'a volume under 15% free that stopped filling does not fire',
      alert: 'PersistentVolumeFillingUpPredicted',
      series: volume('140x480', 1000),
      evalTime: '7h',
      firing: [],
    },
    {
      name: 'a filling volume with plenty of room does not fire',
      alert: 'PersistentVolumeFillingUpPredicted',
      series: volume('900-0.1x480', 1000),
      evalTime: '7h',
      firing: [],
    },
  ];
}
