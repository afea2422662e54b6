// Alert rules for Mimir's ruler, as Prometheus rule files. Each file is one ruler namespace (the
// file's key in the `mimir-rules` ConfigMap, which is how Mimir's local rule store names it). Metric names are the
// upstream ones: Tempo's metrics-generator (`traces_spanmetrics_*`), kubelet volume stats,
// kube-state-metrics, and the stack's own `cortex_*`/`loki_*`/`tempo_*` series, whose `job` is
// `<namespace>/<component>`.
import type { Environment } from '../../lib/env/types';
import { CLUSTER_ALLOY, hasClusterCollector } from '../alloy/names';
import { configYaml } from '../../lib/k8s/config-file';
import type { AlertRule, RuleGroup, RuleNamespace } from '../../lib/alerting/types';

export type { AlertRule, RuleGroup, RuleNamespace, Severity } from '../../lib/alerting/types';

/** Thresholds, named so the runbook and the tests can quote them. */
export const THRESHOLDS = {
  /** p95 server-span latency above which a service is slow. */
  latencySeconds: 1,
  /** Share of server spans with status ERROR above which a service is failing. */
  errorRatio: 0.05,
  /** Below this request rate (req/s) latency and error ratios are noise, not signal. */
  minRequestRate: 0.05,
  /** Share of pushed samples/lines/spans refused or dropped above which ingestion is failing. */
  ingestionFailureRatio: 0.01,
  /** Share of push requests answered with 5xx above which ingestion is failing. */
  pushErrorRatio: 0.05,
  /** Free space below which a volume is about to be full. */
  volumeFreeCritical: 0.05,
  /** Free space below which a volume that keeps filling is reported. */
  volumeFreeWarning: 0.15,
} as const;

/** Runbook documents live in this repository; alerts link to the section of the same name. */
export const RUNBOOK_PATH = 'docs/runbook.md';

/** Browser URL of a file in this repository at the environment's revision. */
function repoFileUrl(env: Environment, path: string): string {
  const m = /^https:\/\/github\.com\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(env.git.repoURL);
  if (!m) {
    throw new Error(
      `environment "${env.name}": git.repoURL "${env.git.repoURL}" is not an https://github.com/<owner>/<repo>(.git) URL; alert runbook links are built from it`,
    );
  }
  return `https://github.com/${m[1]}/blob/${env.git.revision}/${path}`;
}

/** GitHub's anchor of a Markdown heading that is a single word such as an alert name. */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

export function runbookUrl(env: Environment, alert: string): string {
  return `${repoFileUrl(env, RUNBOOK_PATH)}#${runbookAnchor(alert)}`;
}

/** `job` label of a stack component, `<namespace>/<component>` as the upstream mixins expect. */
export function stackJob(env: Environment, component: string): string {
  return `${env.namespace}/${component}`;
}

/** Stack components scraped as `<namespace>/<component>` whose loss is an outage. */
export function stackComponents(env: Environment): string[] {
  return ['mimir', 'loki', 'tempo', 'grafana', 'pushgateway', ...(env.storage.type === 'minio' ? ['minio'] : [])];
}

type RuleInput = Omit<AlertRule, 'annotations'> & { summary: string; description: string };

function rule(env: Environment, r: RuleInput): AlertRule {
  const { summary, description, ...rest } = r;
  return { ...rest, annotations: { summary, description, runbook_url: runbookUrl(env, r.alert) } };
}

const SERVER = 'span_kind="SPAN_KIND_SERVER"';
const serverRate = `sum by (service) (rate(traces_spanmetrics_calls_total{${SERVER}}[5m]))`;
const busyEnough = `on (service) ${serverRate} > ${THRESHOLDS.minRequestRate}`;

function serviceRules(env: Environment): RuleGroup {
  return {
    name: 'service-red',
    rules: [
      rule(env, {
        alert: 'ServiceHighLatency',
        expr: `histogram_quantile(0.95, sum by (le, service) (rate(traces_spanmetrics_latency_bucket{${SERVER}}[5m]))) > ${THRESHOLDS.latencySeconds} and ${busyEnough}`,
        for: '10m',
        labels: { severity: 'warning' },
        summary: 'Service {{ $labels.service }} answers slowly.',
        description: `The 95th percentile latency of {{ $labels.service }}'s server spans is {{ $value | humanizeDuration }}, above ${THRESHOLDS.latencySeconds}s for 10 minutes. Open the Service Health dashboard and follow an exemplar to a slow trace.`,
      }),
      rule(env, {
        alert: 'ServiceHighErrorRate',
        expr: `sum by (service) (rate(traces_spanmetrics_calls_total{${SERVER},status_code="STATUS_CODE_ERROR"}[5m])) / ${serverRate} > ${THRESHOLDS.errorRatio} and ${busyEnough}`,
        for: '10m',
        labels: { severity: 'critical' },
        summary: 'Service {{ $labels.service }} fails requests.',
        description: `{{ $value | humanizePercentage }} of {{ $labels.service }}'s server spans ended with status ERROR over the last 10 minutes (threshold ${THRESHOLDS.errorRatio * 100}%).`,
      }),
    ],
  };
}

/** `failed / total > threshold`, both sides summed rates over 5m. */
function ratio(numerator: string, denominator: string, threshold: number): string {
  return `(${numerator}) / (${denominator}) > ${threshold}`;
}

const sumRate = (selector: string) => `sum(rate(${selector}[5m]))`;

interface IngestionFailure {
  component: 'Mimir' | 'Loki' | 'Tempo';
  /** What the component takes in, for the summary: `metrics`, `logs`, `traces`. */
  signal: string;
  /** Either failure mode fires the alert: refused pushes, or data dropped after it was received. */
  refused: string;
  dropped: string;
  /** How the description words the two failure modes. */
  explained: string;
}

function ingestionRule(env: Environment, f: IngestionFailure): AlertRule {
  return rule(env, {
    alert: `${f.component}IngestionFailures`,
    expr: `${f.refused} or ${f.dropped}`,
    for: '10m',
    labels: { severity: 'critical' },
    summary: `${f.component} is refusing ${f.signal}.`,
    description: `For 10 minutes ${f.component} has ${f.explained}. Telemetry sent in this time is lost; dashboards and alerts built on it go blind.`,
  });
}

function ingestionRules(env: Environment): AlertRule[] {
  const job = (c: string) => `job="${stackJob(env, c)}"`;
  const pushes = (metric: string, component: string, routes: string) => `${metric}{${job(component)},route=~"${routes}"`;
  const mimirPush = pushes('cortex_request_duration_seconds_count', 'mimir', 'api_v1_push|otlp_v1_metrics');
  const lokiPush = pushes('loki_request_duration_seconds_count', 'loki', 'loki_api_v1_push|api_prom_push|otlp_v1_logs');
  const pushErrors = (push: string) => ratio(sumRate(`${push},status_code=~"5.."}`), sumRate(`${push}}`), THRESHOLDS.pushErrorRatio);
  const pct = (r: number) => `${r * 100}%`;
  const { pushErrorRatio, ingestionFailureRatio } = THRESHOLDS;
  const mimirDiscarded = sumRate(`cortex_discarded_samples_total{${job('mimir')}}`);
  const tempoRefused = sumRate(`tempo_receiver_refused_spans{${job('tempo')}}`);
  return [
    ingestionRule(env, {
      component: 'Mimir',
      signal: 'metrics',
      refused: pushErrors(mimirPush),
      // `received_samples` counts only the samples that were kept.
      dropped: ratio(mimirDiscarded, `${sumRate(`cortex_distributor_received_samples_total{${job('mimir')}}`)} + ${mimirDiscarded}`, ingestionFailureRatio),
      explained: `answered more than ${pct(pushErrorRatio)} of pushes with 5xx, or discarded more than ${pct(ingestionFailureRatio)} of samples`,
    }),
    ingestionRule(env, {
      component: 'Loki',
      signal: 'logs',
      refused: pushErrors(lokiPush),
      dropped: ratio(sumRate(`loki_discarded_samples_total{${job('loki')}}`), sumRate(`loki_distributor_lines_received_total{${job('loki')}}`), ingestionFailureRatio),
      explained: `answered more than ${pct(pushErrorRatio)} of pushes with 5xx, or discarded more than ${pct(ingestionFailureRatio)} of lines`,
    }),
    ingestionRule(env, {
      component: 'Tempo',
      signal: 'traces',
      // Spans arrive over OTLP receivers, not HTTP routes: the receivers count what they refuse.
      refused: ratio(tempoRefused, `${sumRate(`tempo_receiver_accepted_spans{${job('tempo')}}`)} + ${tempoRefused}`, ingestionFailureRatio),
      dropped: ratio(sumRate(`tempo_discarded_spans_total{${job('tempo')}}`), sumRate(`tempo_distributor_spans_received_total{${job('tempo')}}`), ingestionFailureRatio),
      explained: `refused or discarded more than ${pct(ingestionFailureRatio)} of spans`,
    }),
  ];
}

function stackRules(env: Environment): RuleGroup {
  return {
    name: 'stack-health',
    rules: [
      rule(env, {
        alert: 'StackComponentDown',
        expr: `up{job=~"${env.namespace}/(${stackComponents(env).join('|')})"} == 0`,
        for: '5m',
        labels: { severity: 'critical' },
        summary: 'Stack component {{ $labels.job }} is down.',
        description: 'The scrape of {{ $labels.job }} at {{ $labels.instance }} has failed for 5 minutes: the process is down, restarting or unreachable.',
      }),
      ...ingestionRules(env),
      rule(env, {
        alert: 'AlloyMissingOnNode',
        // Per node from kube-state-metrics rather than Alloy's own `up`: a node whose Alloy never
        // started has no `up` series to be 0.
        expr: `kube_node_info unless on (node) (kube_pod_info{namespace="${env.namespace}",created_by_kind="DaemonSet",created_by_name="alloy"} * on (namespace, pod) group_left () (kube_pod_status_ready{namespace="${env.namespace}",condition="true"} == 1))`,
        for: '15m',
        labels: { severity: 'critical' },
        summary: 'No ready Alloy on node {{ $labels.node }}.',
        description: 'Node {{ $labels.node }} has had no ready Alloy pod for 15 minutes: its pod logs, node metrics and OTLP telemetry are not collected.',
      }),
      ...(hasClusterCollector(env)
        ? [
            rule(env, {
              alert: 'AlloyClusterCollectorDown',
              // From kube-state-metrics: a collector that never started has no `up` to be 0.
              expr: `kube_statefulset_status_replicas_ready{namespace="${env.namespace}",statefulset="${CLUSTER_ALLOY}"} < 1`,
              for: '15m',
              labels: { severity: 'warning' },
              summary: 'The cluster collector is not running.',
              description: `${CLUSTER_ALLOY} has had no ready pod for 15 minutes: Kubernetes events are not read (the API server keeps them for an hour, so older ones are lost), and Probes are not scraped.`,
            }),
          ]
        : []),
      ...(env.collect.prometheusRules
        ? [
            rule(env, {
              alert: 'PrometheusRulesNotLoaded',
              // mimir.rules.kubernetes counts the changes it gave up on after its retries
              // (internal/component/mimir/rules/kubernetes/rules.go at the pinned Alloy); the
              // cluster collector's own metrics carry job <namespace>/alloy.
              expr: `increase(mimir_rules_events_failed_total{job="${env.namespace}/alloy"}[15m]) > 0`,
              for: '5m',
              labels: { severity: 'warning' },
              summary: 'PrometheusRules are not reaching Mimir.',
              description: `${CLUSTER_ALLOY} gave up on rule changes in the last 15 minutes: a PrometheusRule that Mimir's ruler refuses, or the ruler API unreachable. The ruler keeps the rules it had.`,
            }),
          ]
        : []),
    ],
  };
}

function storageRules(env: Environment): RuleGroup {
  const free = 'kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes';
  return {
    name: 'persistent-volumes',
    rules: [
      rule(env, {
        alert: 'PersistentVolumeFillingUp',
        expr: `${free} < ${THRESHOLDS.volumeFreeCritical}`,
        for: '5m',
        labels: { severity: 'critical' },
        summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is almost full.',
        description: `Only {{ $value | humanizePercentage }} of {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free (threshold ${THRESHOLDS.volumeFreeCritical * 100}%).`,
      }),
      rule(env, {
        alert: 'PersistentVolumeFillingUpPredicted',
        expr: `${free} < ${THRESHOLDS.volumeFreeWarning} and predict_linear(kubelet_volume_stats_available_bytes[6h], 4 * 24 * 3600) < 0`,
        for: '1h',
        labels: { severity: 'warning' },
        summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} will be full within four days.',
        description: `{{ $value | humanizePercentage }} of {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free and, at the rate of the last 6 hours, it fills up within four days.`,
      }),
    ],
  };
}

export function ruleNamespaces(env: Environment): RuleNamespace[] {
  return [
    { namespace: 'lgtm-services', groups: [serviceRules(env)] },
    { namespace: 'lgtm-stack', groups: [stackRules(env)] },
    { namespace: 'lgtm-kubernetes', groups: [storageRules(env)] },
  ];
}

export interface RuleFile {
  /** The ruler namespace; Mimir's local rule store takes it from the file name. */
  namespace: string;
  /** `<namespace>.yaml`, for tools that want an extension (promtool). */
  fileName: string;
  text: string;
}

/** A plain Prometheus rule file (no `namespace:` key), which promtool and Mimir's ruler both read. */
export function ruleFiles(env: Environment): RuleFile[] {
  return ruleNamespaces(env).map((ns) => ({ namespace: ns.namespace, fileName: `${ns.namespace}.yaml`, text: configYaml({ groups: ns.groups }) }));
}

export function alertNames(namespaces: readonly RuleNamespace[]): string[] {
  return namespaces.flatMap((ns) => ns.groups.flatMap((g) => g.rules.map((r) => r.alert)));
}
