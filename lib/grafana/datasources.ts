// The three provisioned datasources and the links between them that make Grafana's correlation
// work: a latency exemplar opens its Tempo trace, a trace opens its Loki logs and its span-metrics,
// and a log line with a trace id opens the trace. Uids are fixed so dashboards, links and alert
// rules can name them.
import { blockYaml, type YamlOptions } from '../yaml/block';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import type { Environment } from '../env/types';
import { httpUrl } from '../endpoints';
import { images } from '../versions';
import type { QueryLanguage } from './query-check';

export type DatasourceUid = 'mimir' | 'loki' | 'tempo';

export interface DatasourceKind {
  /** Grafana plugin id. */
  type: 'prometheus' | 'loki' | 'tempo';
  /** Language of the text queries panels send to it. */
  language: QueryLanguage;
}

export const DATASOURCES: Readonly<Record<DatasourceUid, DatasourceKind>> = {
  mimir: { type: 'prometheus', language: 'promql' },
  loki: { type: 'loki', language: 'logql' },
  tempo: { type: 'tempo', language: 'traceql' },
};

export const MIMIR: DataSourceRef = { type: 'prometheus', uid: 'mimir' };
/** Not a query datasource: no dashboard panel reads it. */
export const ALERTMANAGER_UID = 'mimir-alertmanager';
export const LOKI: DataSourceRef = { type: 'loki', uid: 'loki' };
export const TEMPO: DataSourceRef = { type: 'tempo', uid: 'tempo' };

/**
 * Alloy's `prometheus.scrape` default interval. Grafana computes `$__rate_interval` from it
 * (at least four scrapes), so it must not be shorter than the real interval: a longer value only
 * smooths graphs, a shorter one leaves rate windows with a single sample.
 */
export const SCRAPE_INTERVAL = '60s';

/** The logs of a trace, whichever way they reached Loki. */
export const TRACES_TO_LOGS_QUERY = '{${__tags}} | trace_id="${__trace.traceId}"';

/**
 * Queries the Tempo datasource offers under "Related metrics" of a span. `$__tags` becomes the
 * span's `service.name` as the span-metrics `service` label.
 */
export const TRACES_TO_METRICS_QUERIES = [
  { name: 'Request rate', query: 'sum(rate(traces_spanmetrics_calls_total{$__tags}[5m]))' },
  { name: 'Error rate', query: 'sum(rate(traces_spanmetrics_calls_total{$__tags,status_code="STATUS_CODE_ERROR"}[5m]))' },
  {
    name: 'p95 latency',
    query: 'histogram_quantile(0.95, sum by (le) (rate(traces_spanmetrics_latency_bucket{$__tags}[5m])))',
  },
] as const;

/**
 * A trace id written in the log line itself: `trace_id=4bf9…`, `"trace_id":"4bf9…"`, `traceID=…`.
 * Grafana evaluates derived-field regexes in the browser (JavaScript syntax); group 1 is the id.
 */
export const TRACE_ID_IN_LINE = '(?:trace_?id|traceI[dD])"?\\s*[=:]\\s*"?([0-9a-fA-F]{16,32})\\b';

/** The datasources as Grafana's provisioning file describes them, with `$` not yet escaped. */
export function datasources(env: Environment): Record<string, unknown>[] {
  return [
    {
      name: 'Mimir',
      type: DATASOURCES.mimir.type,
      uid: 'mimir',
      access: 'proxy',
      url: httpUrl(env, 'mimir', 'http', '/prometheus'),
      isDefault: true,
      editable: false,
      jsonData: {
        httpMethod: 'POST',
        prometheusType: 'Mimir',
        // With type and version set, Grafana uses Mimir's /api/v1/labels?match[] for label and
        // variable lookups instead of the heavier series API (version-gated in its Prometheus datasource).
        prometheusVersion: images.mimir.tag,
        timeInterval: SCRAPE_INTERVAL,
        // The ruler's rules show in Grafana's alerting UI; they are files from Git (apps/alerting,
        // local storage), so the UI can show them but an edit there is refused.
        manageAlerts: true,
        exemplarTraceIdDestinations: [
          // Tempo's metrics-generator labels span-metrics exemplars `traceID`.
          { name: 'traceID', datasourceUid: 'tempo', urlDisplayLabel: 'View trace' },
          // OpenTelemetry SDK and Alloy exemplars use `trace_id`.
          { name: 'trace_id', datasourceUid: 'tempo', urlDisplayLabel: 'View trace' },
        ],
      },
    },
    {
      name: 'Loki',
      type: DATASOURCES.loki.type,
      uid: 'loki',
      access: 'proxy',
      url: httpUrl(env, 'loki', 'http'),
      editable: false,
      jsonData: {
        maxLines: 1000,
        derivedFields: [
          // OTLP logs and Alloy's pod-log pipeline keep `trace_id` as structured metadata, not a label.
          {
            name: 'TraceID',
            matcherType: 'label',
            // Grafana tests this regex against each label key: unanchored, it would also take
            // `otel_trace_id` or `parent_trace_id`, whichever comes first.
            matcherRegex: '^trace_id$',
            datasourceUid: 'tempo',
            url: '${__value.raw}',
            urlDisplayLabel: 'View trace',
          },
          // Plain-text and JSON lines that carry the id in the line only.
          {
            name: 'TraceIDInLine',
            matcherType: 'regex',
            matcherRegex: TRACE_ID_IN_LINE,
            datasourceUid: 'tempo',
            url: '${__value.raw}',
            urlDisplayLabel: 'View trace',
          },
        ],
      },
    },
    {
      name: 'Tempo',
      type: DATASOURCES.tempo.type,
      uid: 'tempo',
      access: 'proxy',
      url: httpUrl(env, 'tempo', 'http'),
      editable: false,
      jsonData: {
        tracesToLogsV2: {
          datasourceUid: 'loki',
          // Log lines are written a little before and after the span's own timestamps.
          spanStartTimeShift: '-2m',
          spanEndTimeShift: '2m',
          // Span attribute → Loki label, for ${__tags}: `service_name` is on every stream (Loki
          // indexes OTLP logs' service.name and derives it for pushed pod logs from `app`), and
          // `namespace` is on both (lib/logs/labels.ts); a tag only narrows when the span has it.
          tags: [
            { key: 'service.name', value: 'service_name' },
            { key: 'k8s.namespace.name', value: 'namespace' },
          ],
          // trace_id is structured metadata on both kinds of log line (OTLP logs through Loki's OTLP
          // endpoint, pod logs through Alloy's stage.structured_metadata), not text in the line:
          // the default filterByTraceID would add a line filter that OTLP log bodies never match.
          customQuery: true,
          query: TRACES_TO_LOGS_QUERY,
        },
        tracesToMetrics: {
          datasourceUid: 'mimir',
          spanStartTimeShift: '-2m',
          spanEndTimeShift: '2m',
          tags: [{ key: 'service.name', value: 'service' }],
          queries: TRACES_TO_METRICS_QUERIES.map((q) => ({ ...q })),
        },
        serviceMap: { datasourceUid: 'mimir' },
        nodeGraph: { enabled: true },
        search: { hide: false },
        traceQuery: { timeShiftEnabled: true, spanStartTimeShift: '-1h', spanEndTimeShift: '1h' },
        // Needs `stream_over_http_enabled: true` in Tempo (apps/tempo). No TraceQL metrics: Tempo
        // runs without the local-blocks processor (apps/tempo/README.md), so they are not offered.
        streamingEnabled: { search: true, metrics: false },
      },
    },
    {
      // Silences and firing alerts of Mimir's Alertmanager in Grafana's alerting UI. Its routing is
      // Git's (read-only local storage, apps/alerting): Grafana shows it but cannot change it.
      name: 'Mimir Alertmanager',
      type: 'alertmanager',
      uid: ALERTMANAGER_UID,
      access: 'proxy',
      url: httpUrl(env, 'mimir', 'http'),
      editable: false,
      jsonData: { implementation: 'mimir', handleGrafanaManagedAlerts: false },
    },
  ];
}

/**
 * Grafana expands `$VAR` and `${VAR}` from its environment in provisioning files, so every
 * literal `$` (`${__value.raw}`, `$__tags`) is written `$$`.
 */
export function escapeDollars<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$') as T;
  if (Array.isArray(value)) return value.map((v) => escapeDollars(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)])) as T;
  }
  return value;
}

// Grafana reads provisioning files as YAML 1.2; the objects here share no references.
const DATASOURCES_YAML: YamlOptions = { lineWidth: 0, aliasDuplicateObjects: false };

/** `/etc/grafana/provisioning/datasources/lgtm.yaml`. */
export function datasourcesFile(env: Environment): string {
  // `prune` deletes a provisioned datasource that is removed from this file.
  return blockYaml({ apiVersion: 1, prune: true, datasources: escapeDollars(datasources(env)) }, DATASOURCES_YAML);
}
