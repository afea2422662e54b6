// The pipeline module Alloy pulls from Git (`environments/<env>/alloy/pipeline.alloy`). It holds only
// `declare` blocks: one per pipeline section plus the entry declare `pipeline`, which the bootstrap
// instantiates with the environment's endpoints. A section is one function returning its declare and
// its instance inside `pipeline`; a new section (node metrics, say) is one more function in SECTIONS.
//
// Everything the entry declare `pipeline` runs is node-local: discovery selects pods by
// `spec.nodeName=` + HOSTNAME (the node name, set by the DaemonSet), so each DaemonSet pod scrapes
// and tails only its own node's pods and no target is collected twice. What has no node (events,
// Probes, endpoints without a pod) is in the second entry declare, `cluster`, which only the
// cluster collector (apps/alloy/cluster.ts, one pod) instantiates.
import type { Environment } from '../../lib/env/types';
import { services, servicePort } from '../../lib/endpoints';
import {
  alloyFile,
  argument,
  attr,
  call,
  block,
  comment,
  component,
  declare,
  env as sysEnv,
  exportValue,
  raw,
  ref,
  section,
  type Argument,
  type Block,
  type Expr,
  type NestedBlock,
  type Stmt,
} from '../../lib/alloy/builder';
import { goQuote } from '../../lib/alloy/quote';
import { CLUSTER_LABEL, OTLP_LOG_LABELS } from '../../lib/logs/labels';
import { CLUSTER_ENTRY_DECLARE, ENTRY_DECLARE, ENV, POD_LOG_DIR, hasClusterCollector } from './names';
import { NAME_LABEL, POD, copy, literal, namespacedJob, rule } from './module/rules';
import { ARGUMENT_COMMENTS, exporterScrape, podScrape } from './module/scrape';
import { nodeMetrics } from './module/node-metrics';
import { journalLogs } from './module/journal';
import { kubeletMetrics } from './module/kubelet';
import { clusterState } from './module/cluster-state';
import { databaseMetrics } from './module/databases';
import { clusterEvents } from './module/events';
import { clusterMonitors, nodeMonitors } from './module/operator';
import { clusterPrometheusRules } from './module/prometheus-rules';
import type { ClusterSectionBuilder, ClusterWiring, Section, SectionBuilder, Wiring } from './module/section';

export type { ClusterSectionBuilder, ClusterWiring, Section, SectionBuilder, Wiring } from './module/section';

/** Arguments of the entry declare, which the bootstrap passes: name → comment. */
export const PIPELINE_ARGUMENTS = {
  cluster: 'Cluster name: the `cluster` label on every series and log stream.',
  namespaces: 'Namespaces whose pods are scraped and whose logs are tailed (the stack namespace included); empty: every namespace.',
  exclude_namespaces: 'Namespaces left out when every namespace is collected.',
  stack_namespace: ARGUMENT_COMMENTS.stack_namespace,
  metrics_url: 'Mimir remote-write URL.',
  mimir_url: "Mimir's base URL, for its ruler API (PrometheusRules).",
  logs_url: 'Loki push URL.',
  logs_otlp_url: "Loki's OTLP endpoint, for OTLP logs (trace_id and span_id become structured metadata).",
  traces_endpoint: 'Tempo OTLP gRPC host:port.',
} as const;

export type PipelineArgument = keyof typeof PIPELINE_ARGUMENTS;

// ---------------------------------------------------------------------------------------------
// Small helpers for the blocks every section repeats.

/**
 * `job` as the monitoring mixins expect it, `<namespace>/<app>`: the app is the
 * `app.kubernetes.io/name` label, else `app`, else the owning controller's name.
 */
function jobRules(): NestedBlock[] {
  return [
    copy(`${POD}controller_name`, '__tmp_app'),
    // A Deployment's pods belong to a ReplicaSet named <deployment>-<pod-template-hash>: without
    // the hash, `job` stays the same across rollouts (the Deployment name itself needs
    // attach_metadata, which discovery.kubernetes does not offer).
    rule({ source_labels: [`${POD}controller_kind`, `${POD}controller_name`], regex: 'ReplicaSet;(.+)-[a-z0-9]+', target_label: '__tmp_app' }),
    copy(`${POD}label_app`, '__tmp_app'),
    copy(NAME_LABEL, '__tmp_app'),
    rule({ source_labels: ['__meta_kubernetes_namespace', '__tmp_app'], separator: '/', regex: '(.+/.+)', target_label: 'job' }),
  ];
}

/** Labels every pod-derived series carries. */
function podLabels(): NestedBlock[] {
  return [copy('__meta_kubernetes_namespace', 'namespace'), copy(`${POD}name`, 'pod'), ...jobRules()];
}

function listArgument(name: string, comment: string): Argument {
  return argument(name, { comment });
}

// ---------------------------------------------------------------------------------------------
// Sections.


/** Where everything ends up: Mimir, Loki and Tempo, with the `cluster` label. */
export function sinks(args: Record<'cluster' | 'metrics_url' | 'logs_url' | 'logs_otlp_url' | 'traces_endpoint', Expr>): Section {
  const cluster = argument('cluster', { comment: PIPELINE_ARGUMENTS.cluster });
  const metricsUrl = argument('metrics_url', { comment: PIPELINE_ARGUMENTS.metrics_url });
  const logsUrl = argument('logs_url', { comment: PIPELINE_ARGUMENTS.logs_url });
  const logsOtlpUrl = argument('logs_otlp_url', { comment: PIPELINE_ARGUMENTS.logs_otlp_url });
  const tracesEndpoint = argument('traces_endpoint', { comment: PIPELINE_ARGUMENTS.traces_endpoint });
  const mimir = component('prometheus.remote_write', 'mimir', {
    external_labels: { cluster: cluster.value },
    endpoint: block({
      url: metricsUrl.value,
      // Exemplars carry the trace_id from OTLP histograms to Mimir, for metric → trace links.
      send_exemplars: true,
    }),
  });
  const loki = component('loki.write', 'loki', {
    external_labels: { cluster: cluster.value },
    endpoint: block({ url: logsUrl.value }),
  });
  const tempo = component('otelcol.exporter.otlp', 'tempo', {
    client: block({
      endpoint: tracesEndpoint.value,
      // In-cluster plaintext gRPC, as Tempo's distributor listens.
      tls: block({ insecure: true }),
    }),
  });
  // Metrics and logs carry `cluster` as an external label; traces get the OTel resource attribute
  // k8s.cluster.name, so a TraceQL search or a trace → logs link can tell clusters apart.
  const traceCluster = component('otelcol.processor.transform', 'cluster', {
    error_mode: 'ignore',
    trace_statements: block({
      context: 'resource',
      statements: [call('string.format', 'set(attributes["k8s.cluster.name"], %q)', cluster.value)],
    }),
    output: block({ traces: [ref(tempo, 'input')] }),
  });
  // OTLP logs go to Loki's native OTLP endpoint, which keeps trace_id and span_id as structured
  // metadata (pkg/loghttp/push/otlp.go at v3.7.6) so Grafana's trace → logs link finds them; the
  // Loki exporter would bury both in a JSON line. Loki indexes exactly the resource attributes
  // apps/loki lists, so these copies give OTLP streams the labels pod-log streams carry.
  const lokiOtlp = component('otelcol.exporter.otlphttp', 'loki', { client: block({ endpoint: logsOtlpUrl.value }) });
  const copyAttr = (from: string, to: string) => `set(attributes["${to}"], attributes["${from}"]) where attributes["${from}"] != nil`;
  const logLabels = component('otelcol.processor.transform', 'log_labels', {
    error_mode: 'ignore',
    log_statements: block({
      context: 'resource',
      statements: [
        call('string.format', `set(attributes["${CLUSTER_LABEL}"], %q)`, cluster.value),
        ...OTLP_LOG_LABELS.map(([from, to]) => copyAttr(from, to)),
      ],
    }),
    output: block({ logs: [ref(lokiOtlp, 'input')] }),
  });
  return {
    definition: declare('sinks', [
      cluster,
      metricsUrl,
      logsUrl,
      logsOtlpUrl,
      tracesEndpoint,
      mimir,
      loki,
      tempo,
      traceCluster,
      lokiOtlp,
      logLabels,
      exportValue('metrics', ref(mimir, 'receiver')),
      exportValue('logs', ref(loki, 'receiver')),
      exportValue('otlp_logs', ref(logLabels, 'input')),
      exportValue('traces', ref(traceCluster, 'input')),
    ]),
    instance: component('sinks', 'default', args),
  };
}

/**
 * OTLP from instrumented applications: receiver → memory limiter → k8sattributes → batch, then
 * traces to Tempo, metrics through the Prometheus exporter to Mimir and logs to Loki's OTLP endpoint.
 */
export const otlp: SectionBuilder = (w) => {
  const metricsTo = listArgument('metrics_to', 'Where OTLP metrics go (Prometheus receivers).');
  const logsTo = listArgument('logs_to', 'Where OTLP logs go (OTel consumers).');
  const tracesTo = listArgument('traces_to', 'Where OTLP traces go (OTel consumers).');
  const toPrometheus = component('otelcol.exporter.prometheus', 'default', { forward_to: metricsTo.value });
  const batch = component('otelcol.processor.batch', 'default', {
    output: block({ metrics: [ref(toPrometheus, 'input')], logs: logsTo.value, traces: tracesTo.value }),
  });
  const association = (from: string, name?: string) => block({ source: block({ from, name }) });
  const k8s = component('otelcol.processor.k8sattributes', 'default', {
    // Only this node's pods send here (hostPort and a Local Service), so only they are watched.
    filter: block({ node: sysEnv(ENV.hostname) }),
    extract: block({
      // None of these needs more than the pod itself: no namespace or replicaset watch (see rbac.ts).
      metadata: [
        'k8s.namespace.name',
        'k8s.pod.name',
        'k8s.pod.uid',
        'k8s.pod.start_time',
        'k8s.deployment.name',
        'k8s.statefulset.name',
        'k8s.daemonset.name',
        'k8s.node.name',
      ],
      deployment_name_from_replicaset: true,
      // The pod's app.kubernetes.io/name, which pod-log streams carry as `app` (see OTLP_LOG_LABELS).
      label: block({ from: 'pod', key: 'app.kubernetes.io/name', tag_name: 'app.kubernetes.io/name' }),
    }),
    // The pod UID set by lib/otel/instrument.ts first: it survives the NAT of a hostPort hop.
    pod_association: [association('resource_attribute', 'k8s.pod.uid'), association('resource_attribute', 'k8s.pod.ip'), association('connection')],
    output: block({ metrics: [ref(batch, 'input')], logs: [ref(batch, 'input')], traces: [ref(batch, 'input')] }),
  });
  // Refuses data before the heap outgrows GOMEMLIMIT (90% of the pod limit): a burst from one
  // application then gets a retryable error instead of OOM-killing the node's collector. Placed
  // first, as otelcol.processor.batch's documentation asks.
  const limiter = component('otelcol.processor.memory_limiter', 'default', {
    check_interval: '1s',
    limit_percentage: 80,
    spike_limit_percentage: 20,
    output: block({ metrics: [ref(k8s, 'input')], logs: [ref(k8s, 'input')], traces: [ref(k8s, 'input')] }),
  });
  const receiver = component('otelcol.receiver.otlp', 'default', {
    grpc: block({ endpoint: `0.0.0.0:${servicePort('alloy', 'otlp-grpc')}` }),
    http: block({ endpoint: `0.0.0.0:${servicePort('alloy', 'otlp-http')}` }),
    output: block({ metrics: [ref(limiter, 'input')], logs: [ref(limiter, 'input')], traces: [ref(limiter, 'input')] }),
  });
  return {
    definition: declare('otlp', [metricsTo, logsTo, tracesTo, receiver, limiter, k8s, batch, toPrometheus]),
    instance: component('otlp', 'default', { metrics_to: [w.metrics], logs_to: [w.otlpLogs], traces_to: [w.traces] }),
  };
};

/** Stack components scraped by name and container port (the ports come from lib/endpoints). */
export interface StackTarget {
  /** `app.kubernetes.io/name` of the pods, as lib/k8s/workload.ts `selectorLabels` sets it. */
  name: string;
  /** Container port name, the same as the Service port name (lib/k8s/service.ts). */
  port: string;
  path: string;
}

export function stackTargets(env: Environment): StackTarget[] {
  const targets: StackTarget[] = [
    { name: services.mimir.name, port: 'http', path: '/metrics' },
    { name: services.loki.name, port: 'http', path: '/metrics' },
    { name: services.tempo.name, port: 'http', path: '/metrics' },
    { name: services.grafana.name, port: 'http', path: '/metrics' },
  ];
  // MinIO runs only with in-cluster object storage; its cluster metrics need no token
  // (MINIO_PROMETHEUS_AUTH_TYPE=public in apps/minio).
  if (env.storage.type === 'minio') targets.push({ name: services.minio.name, port: 'api', path: '/minio/v2/metrics/cluster' });
  return targets;
}

/** Names of the stack's pods that dedicated sections scrape, so opt-in scraping skips them. */
function stackNames(env: Environment): string[] {
  return [...stackTargets(env).map((t) => t.name), services.pushgateway.name, services.alloy.name];
}

/**
 * Pods that opt in with `prometheus.io/scrape: "true"` or, as Grafana's k8s-monitoring chart reads
 * them, `k8s.grafana.com/scrape: "true"`. The port is `prometheus.io/port` or
 * `k8s.grafana.com/metrics.portNumber` (else every container port named `*metrics`); the path and
 * scheme come from `prometheus.io/path`/`scheme` or `k8s.grafana.com/metrics.path`/`metrics.scheme`
 * (the prometheus.io form wins when a pod sets both).
 */
export const podMetrics: SectionBuilder = (w, env) => {
  const prom = (name: string) => `${POD}annotation_prometheus_io_${name}`;
  const grafana = (name: string) => `${POD}annotation_k8s_grafana_com_${name}`;
  // One value per setting, in __tmp labels: the Grafana annotation first, the prometheus.io one over it.
  const either = (tmp: string, grafanaName: string, promName: string) => [copy(grafana(grafanaName), tmp), copy(prom(promName), tmp)];
  const annotation = (name: string) => `__tmp_annotation_${name}`;
  return podScrape(w, 'pod_metrics', (stackNamespace) => [
    rule({ source_labels: [prom('scrape'), grafana('scrape')], regex: 'true;.*|.*;true', action: 'keep' }),
    ...either(annotation('port'), 'metrics_portNumber', 'port'),
    ...either(annotation('path'), 'metrics_path', 'path'),
    ...either(annotation('scheme'), 'metrics_scheme', 'scheme'),
    rule({ source_labels: [`${POD}phase`], regex: 'Running', action: 'keep' }),
    rule({ source_labels: [`${POD}container_init`], regex: 'true', action: 'drop' }),
    // The stack's own components are scraped by their own sections; never twice.
    rule({
      source_labels: ['__meta_kubernetes_namespace', NAME_LABEL],
      regex: raw(`${stackNamespace.text} + ${goQuote(`;(${stackNames(env).map(literal).join('|')})`)}`),
      action: 'drop',
    }),
    rule({ source_labels: [`${POD}container_port_name`], regex: '.*metrics', target_label: '__tmp_port', replacement: 'named' }),
    rule({ source_labels: [annotation('port')], regex: '\\d+', target_label: '__tmp_port', replacement: 'annotated' }),
    rule({ source_labels: ['__tmp_port'], regex: 'named|annotated', action: 'keep' }),
    // The annotated port on the pod IP; IPv6 addresses need brackets.
    rule({ source_labels: [`${POD}ip`, annotation('port')], regex: '([^:]+);(\\d+)', target_label: '__address__', replacement: '$1:$2' }),
    rule({ source_labels: [`${POD}ip`, annotation('port')], regex: '(.+:.+);(\\d+)', target_label: '__address__', replacement: '[$1]:$2' }),
    copy(annotation('path'), '__metrics_path__'),
    rule({ source_labels: [annotation('scheme')], regex: '(https?)', target_label: '__scheme__' }),
    ...podLabels(),
  ]);
};

/**
 * This node's pod log files, parsed: CRI framing, then JSON fields `level` (a label) and
 * `trace_id` (structured metadata: unbounded values must never become labels).
 */
export const podLogs: SectionBuilder = (w) => {
  const targets = listArgument('targets', "This node's pods.");
  const forwardTo = listArgument('forward_to', 'Loki receivers.');
  const relabel = component('discovery.relabel', 'pod_logs', {
    targets: targets.value,
    rule: [
      copy('__meta_kubernetes_namespace', 'namespace'),
      copy(`${POD}name`, 'pod'),
      copy(`${POD}container_name`, 'container'),
      copy(NAME_LABEL, 'app'),
      ...jobRules(),
      // A pod opts out of log collection with k8s.grafana.com/logs.autogather: "false".
      rule({ source_labels: [`${POD}annotation_k8s_grafana_com_logs_autogather`], regex: 'false', action: 'drop' }),
      // kubelet writes /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log.
      rule({
        source_labels: [`${POD}uid`, `${POD}container_name`],
        separator: '/',
        target_label: '__path__',
        replacement: `${POD_LOG_DIR}/*$1/*.log`,
      }),
      // Static (mirror) pods log under the config hash, not the API object's UID.
      rule({
        source_labels: [`${POD}annotation_kubernetes_io_config_mirror`, `${POD}container_name`],
        separator: '/',
        regex: '(.+/.+)',
        target_label: '__path__',
        replacement: `${POD_LOG_DIR}/*$1/*.log`,
      }),
    ],
  });
  const files = component('local.file_match', 'pod_logs', { path_targets: ref(relabel, 'output') });
  const process = component('loki.process', 'pod_logs', [
    section('stage.cri', {}),
    section('stage.json', { expressions: { level: 'level', trace_id: 'trace_id' } }),
    section('stage.labels', { values: { level: '' } }),
    section('stage.structured_metadata', { values: { trace_id: '' } }),
    // loki.source.file labels every stream with its file path, which names the restart count
    // (0.log, 1.log): each container restart would open a new stream. namespace, pod and container
    // already say which file. `stream` (stdout or stderr, from stage.cri) stays: two values.
    section('stage.label_drop', { values: ['filename'] }),
    attr('forward_to', forwardTo.value),
  ]);
  const source = component('loki.source.file', 'pod_logs', {
    targets: ref(files, 'targets'),
    forward_to: [ref(process, 'receiver')],
  });
  return {
    definition: declare('pod_logs', [targets, forwardTo, relabel, files, source, process]),
    instance: component('pod_logs', 'default', { targets: w.pods, forward_to: [w.logs] }),
  };
};

/** The stack's own components on this node, with `job = <namespace>/<component>` for the mixins. */
export const stackMetrics: SectionBuilder = (w, env) => {
  const table = stackTargets(env);
  return podScrape(w, 'stack_metrics', (stackNamespace) => [
    rule({ source_labels: ['__meta_kubernetes_namespace'], regex: stackNamespace, action: 'keep' }),
    rule({
      source_labels: [NAME_LABEL, `${POD}container_port_name`],
      regex: table.map((t) => `${literal(t.name)};${literal(t.port)}`).join('|'),
      action: 'keep',
    }),
    ...table
      .filter((t) => t.path !== '/metrics')
      .map((t) => rule({ source_labels: [NAME_LABEL], regex: literal(t.name), target_label: '__metrics_path__', replacement: t.path })),
    ...podLabels(),
  ]);
};

/**
 * The Pushgateway, scraped only by the Alloy on its node, with `honor_labels` so the pushed `job`
 * and `instance` survive.
 */
export const pushgateway: SectionBuilder = (w) => {
  const name = services.pushgateway.name;
  return podScrape(
    w,
    'pushgateway',
    (stackNamespace) => [
      rule({ source_labels: ['__meta_kubernetes_namespace'], regex: stackNamespace, action: 'keep' }),
      rule({ source_labels: [NAME_LABEL, `${POD}container_port_name`], regex: `${literal(name)};http`, action: 'keep' }),
      // Only the Pushgateway's own series lack a pushed job; they get the mixin-style one.
      rule({ target_label: 'job', replacement: namespacedJob(stackNamespace, name) }),
      // Likewise `namespace`: a pushed group that names its own (Trivy's per-namespace results) keeps it.
      rule({ target_label: 'namespace', replacement: stackNamespace }),
    ],
    { honor_labels: true },
  );
};

/** Alloy's own metrics, in process: `job = <namespace>/alloy`, instance = node. */
export const selfMetrics: ClusterSectionBuilder = (w) => exporterScrape(w, 'self_metrics', component('prometheus.exporter.self', 'alloy', {}), services.alloy.name);

/** Every section of the node pipeline after the sinks, in module order. */
export const SECTIONS: readonly SectionBuilder[] = [
  otlp,
  podMetrics,
  podLogs,
  journalLogs,
  stackMetrics,
  pushgateway,
  selfMetrics,
  // Node, kubelet/cAdvisor, kube-state-metrics and database metrics (apps/alloy/module/).
  nodeMetrics,
  kubeletMetrics,
  clusterState,
  databaseMetrics,
];

/** The node pipeline's sections for one environment: SECTIONS, and the operator's when it asks. */
export function nodeSections(env: Environment): SectionBuilder[] {
  return [...SECTIONS, ...(env.collect.prometheusOperator ? [nodeMonitors] : [])];
}

/** The cluster collector's sections; empty when the environment needs no cluster collector. */
export function clusterSections(env: Environment): ClusterSectionBuilder[] {
  if (!hasClusterCollector(env)) return [];
  return [
    ...(env.collect.events ? [clusterEvents] : []),
    ...(env.collect.prometheusOperator ? [clusterMonitors] : []),
    ...(env.collect.prometheusRules ? [clusterPrometheusRules] : []),
    selfMetrics,
  ];
}

// ---------------------------------------------------------------------------------------------
// The module.

function entryArguments(): Record<PipelineArgument, Argument> {
  const out = {} as Record<PipelineArgument, Argument>;
  for (const [name, text] of Object.entries(PIPELINE_ARGUMENTS)) out[name as PipelineArgument] = argument(name, { comment: text });
  return out;
}

/** The sinks instance and the wiring every section of an entry declare receives. */
function sinkWiring(args: Record<PipelineArgument, Argument>): { sink: Section; wiring: ClusterWiring } {
  const sink = sinks({
    cluster: args.cluster.value,
    metrics_url: args.metrics_url.value,
    logs_url: args.logs_url.value,
    logs_otlp_url: args.logs_otlp_url.value,
    traces_endpoint: args.traces_endpoint.value,
  });
  const wiring: ClusterWiring = {
    stackNamespace: args.stack_namespace.value,
    mimirUrl: args.mimir_url.value,
    namespaces: args.namespaces.value,
    excludeNamespaces: args.exclude_namespaces.value,
    metrics: ref(sink.instance, 'metrics'),
    logs: ref(sink.instance, 'logs'),
    otlpLogs: ref(sink.instance, 'otlp_logs'),
    traces: ref(sink.instance, 'traces'),
  };
  return { sink, wiring };
}

/**
 * The cluster collector's entry declare: the same arguments as the node pipeline's, its own
 * sections. Undefined when the environment runs no cluster collector.
 */
function clusterEntry(env: Environment): { declares: Block[]; entry: Block } | undefined {
  const sections = clusterSections(env);
  if (sections.length === 0) return undefined;
  const args = entryArguments();
  const { sink, wiring } = sinkWiring(args);
  const built = sections.map((s) => s(wiring, env));
  return {
    declares: built.map((s) => s.definition),
    entry: declare(CLUSTER_ENTRY_DECLARE, [...Object.values(args), sink.instance, ...built.map((s) => s.instance)]),
  };
}

/** The module's declare blocks: every section's, then the entry declares that wire them. */
export function moduleDeclares(env: Environment, sections: readonly SectionBuilder[] = nodeSections(env)): Block[] {
  const args = entryArguments();
  const pods = component('discovery.kubernetes', 'pods', {
    role: 'pod',
    namespaces: block({ names: args.namespaces.value }),
    // Node-local: HOSTNAME is the node name (DaemonSet env), so the API server sends only this
    // node's pods and three DaemonSet pods never collect the same target three times.
    selectors: block({ role: 'pod', field: raw(`"spec.nodeName=" + ${sysEnv(ENV.hostname).text}`) }),
  });
  const { sink, wiring: shared } = sinkWiring(args);
  // Every namespace but the excluded ones: dropped here, before any section sees them.
  const scoped = component('discovery.relabel', 'pods', {
    targets: ref(pods, 'targets'),
    rule: [rule({ source_labels: ['__meta_kubernetes_namespace'], regex: raw(`"(" + string.join(${args.exclude_namespaces.value.text}, "|") + ")"`), action: 'drop' })],
  });
  const wiring: Wiring = { ...shared, pods: ref(scoped, 'output') };
  const built = sections.map((s) => s(wiring, env));
  const entry: Stmt[] = [
    ...Object.values(args),
    pods,
    scoped,
    sink.instance,
    ...built.map((s) => s.instance),
  ];
  const cluster = clusterEntry(env);
  // selfMetrics serves both entries: its declare is written once.
  const nodeDeclares = built.map((s) => s.definition);
  const clusterOnly = (cluster?.declares ?? []).filter((d) => !nodeDeclares.some((n) => n.label === d.label));
  return [
    sink.definition,
    ...nodeDeclares,
    ...clusterOnly,
    declare(ENTRY_DECLARE, entry),
    ...(cluster ? [cluster.entry] : []),
  ];
}

/** The module file's text, formatted as `alloy fmt` prints it. */
export function moduleText(env: Environment, sections: readonly SectionBuilder[] = nodeSections(env)): string {
  const header = comment(
    [
      `Alloy pipeline module of environment "${env.name}", imported by the bootstrap ConfigMap with import.git.`,
      'Generated by apps/alloy/pipeline.ts: edit that file and run `lgtm render`, never this one.',
      'A change here reaches every Alloy pod within the pull frequency, without a restart.',
    ].join('\n'),
  );
  return alloyFile([header, ...moduleDeclares(env, sections)], `environments/${env.name}/alloy/pipeline.alloy`);
}
