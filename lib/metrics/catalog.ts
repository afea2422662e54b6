// The metric names each configured source produces, per environment. The render-time catalog
// check (catalog-check.ts) warns when a dashboard or alert rule reads a name that no source
// produces: a panel that would stay empty forever. Sources whose set follows what is configured
// (node exporter collectors, kube-state-metrics resources, Tempo's generator processors) are
// listed per collector/resource/processor, so a warning can say which switch is off.
//
// Names are exact where the set is stable and small enough to list; families whose members follow
// a runtime inventory (meminfo fields, PostgreSQL settings, MongoDB serverStatus fields) or a large,
// version-dependent set (the stack's own components) are matched by prefix.
import type { Environment } from '../env/types';
import { NODE_COLLECTORS } from '../../apps/alloy/module/node-metrics';
import { KSM_RESOURCES } from '../../apps/kube-state-metrics/index';
import { tempoConfig } from '../../apps/tempo/config';

export interface MetricSource {
  /** Short name used in warnings: `node exporter (cpu)`, `kube-state-metrics (pods)`. */
  name: string;
  names: readonly string[];
  prefixes?: readonly string[];
}

/** A source that is configured off in this environment, kept to explain a missing name. */
export interface DisabledSource extends MetricSource {
  /** Where to switch it on, or why it stays off and what to read instead. */
  remedy: string;
}

export interface Catalog {
  sources: MetricSource[];
  disabled: DisabledSource[];
}

/** `_bucket`, `_sum` and `_count` of a classic histogram. */
function histogram(name: string): string[] {
  return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
}

const prefixed = (prefix: string, suffixes: readonly string[]): string[] => suffixes.map((s) => `${prefix}${s}`);

/** Node exporter collectors (as embedded in Alloy's prometheus.exporter.unix) and their series. */
export const NODE_EXPORTER: Readonly<Record<string, Omit<MetricSource, 'name'> & { offReason?: string }>> = {
  cpu: { names: ['node_cpu_seconds_total', 'node_cpu_core_throttles_total', 'node_cpu_package_throttles_total', 'node_cpu_guest_seconds_total'] },
  // One series per /proc/meminfo field (`MemTotal` → node_memory_MemTotal_bytes): kernel-dependent.
  meminfo: { names: [], prefixes: ['node_memory_'] },
  filesystem: {
    names: prefixed('node_filesystem_', ['avail_bytes', 'size_bytes', 'free_bytes', 'files', 'files_free', 'readonly', 'device_error', 'mount_info', 'purgeable_bytes']),
  },
  loadavg: { names: ['node_load1', 'node_load5', 'node_load15'] },
  diskstats: {
    names: prefixed('node_disk_', [
      'reads_completed_total', 'writes_completed_total', 'read_bytes_total', 'written_bytes_total', 'read_time_seconds_total',
      'write_time_seconds_total', 'io_time_seconds_total', 'io_time_weighted_seconds_total', 'io_now', 'reads_merged_total',
      'writes_merged_total', 'discards_completed_total', 'discarded_sectors_total', 'info',
    ]),
  },
  netdev: {
    names: prefixed('node_network_', [
      'receive_bytes_total', 'transmit_bytes_total', 'receive_packets_total', 'transmit_packets_total', 'receive_errs_total',
      'transmit_errs_total', 'receive_drop_total', 'transmit_drop_total', 'receive_multicast_total', 'receive_fifo_total',
      'transmit_fifo_total', 'receive_frame_total', 'receive_compressed_total', 'transmit_compressed_total', 'transmit_colls_total',
      'transmit_carrier_total',
    ]),
    offReason:
      'it stays off because Alloy runs in its pod\'s network namespace and would report the pod\'s eth0, not the node\'s interfaces; read cAdvisor\'s root cgroup instead: container_network_receive_bytes_total{id="/"} and container_network_transmit_bytes_total{id="/"}',
  },
  uname: { names: ['node_uname_info'] },
  vmstat: { names: [], prefixes: ['node_vmstat_'] },
  time: { names: ['node_time_seconds', 'node_boot_time_seconds', 'node_time_zone_offset_seconds'] },
  stat: { names: ['node_boot_time_seconds', 'node_context_switches_total', 'node_forks_total', 'node_intr_total', 'node_procs_blocked', 'node_procs_running'] },
};

/** Series every node exporter reports about its own collectors. */
const NODE_EXPORTER_SELF = ['node_scrape_collector_duration_seconds', 'node_scrape_collector_success'];

/** The kubelet's cAdvisor endpoint (`/metrics/cadvisor`). The root cgroup (`id="/"`) is the node. */
export const CADVISOR: readonly string[] = [
  ...prefixed('container_cpu_', ['usage_seconds_total', 'user_seconds_total', 'system_seconds_total', 'cfs_periods_total', 'cfs_throttled_periods_total', 'cfs_throttled_seconds_total', 'load_average_10s']),
  ...prefixed('container_memory_', ['working_set_bytes', 'rss', 'cache', 'usage_bytes', 'swap', 'max_usage_bytes', 'failcnt', 'failures_total', 'mapped_file', 'kernel_usage']),
  'container_oom_events_total',
  ...prefixed('container_network_', [
    'receive_bytes_total', 'transmit_bytes_total', 'receive_packets_total', 'transmit_packets_total', 'receive_packets_dropped_total',
    'transmit_packets_dropped_total', 'receive_errors_total', 'transmit_errors_total',
  ]),
  ...prefixed('container_fs_', ['reads_bytes_total', 'writes_bytes_total', 'reads_total', 'writes_total', 'usage_bytes', 'limit_bytes', 'inodes_free', 'inodes_total']),
  ...prefixed('container_spec_', ['cpu_period', 'cpu_quota', 'cpu_shares', 'memory_limit_bytes', 'memory_reservation_limit_bytes', 'memory_swap_limit_bytes']),
  'container_last_seen', 'container_start_time_seconds', 'container_threads', 'container_threads_max', 'container_sockets',
  'container_file_descriptors', 'container_ulimits_soft', 'container_scrape_error',
  'machine_cpu_cores', 'machine_cpu_physical_cores', 'machine_cpu_sockets', 'machine_memory_bytes', 'machine_swap_bytes', 'machine_scrape_error',
  'cadvisor_version_info',
];

/** The kubelet's own `/metrics`. */
export const KUBELET: MetricSource = {
  name: 'kubelet',
  names: [
    ...prefixed('kubelet_volume_stats_', ['available_bytes', 'capacity_bytes', 'used_bytes', 'inodes', 'inodes_free', 'inodes_used', 'health_status_abnormal']),
    'kubelet_running_pods', 'kubelet_running_containers', 'kubelet_node_name', 'kubelet_evictions', 'kubelet_started_pods_total',
    'kubelet_started_containers_total', 'kubelet_runtime_operations_total', 'kubelet_runtime_operations_errors_total',
    'kubelet_pleg_relist_interval_seconds_bucket', 'kubelet_certificate_manager_client_ttl_seconds', 'kubelet_certificate_manager_server_ttl_seconds',
    'kubelet_server_expiration_renew_errors', 'kubelet_node_config_error', 'kubelet_http_requests_total',
    ...histogram('kubelet_pod_start_duration_seconds'),
    ...histogram('kubelet_pod_worker_duration_seconds'),
    ...histogram('kubelet_pleg_relist_duration_seconds'),
    ...histogram('kubelet_runtime_operations_duration_seconds'),
    ...histogram('kubelet_cgroup_manager_duration_seconds'),
  ],
  // Shared Kubernetes component families (client-go, workqueues, volume plugins, the Go runtime).
  prefixes: ['rest_client_', 'workqueue_', 'storage_operation_', 'volume_manager_', 'go_', 'process_'],
};

/** kube-state-metrics series per `--resources` entry. */
export const KUBE_STATE_METRICS: Readonly<Record<string, readonly string[]>> = {
  nodes: prefixed('kube_node_', ['info', 'labels', 'annotations', 'created', 'role', 'spec_taint', 'spec_unschedulable', 'status_allocatable', 'status_capacity', 'status_condition', 'status_addresses', 'deletion_timestamp']),
  namespaces: prefixed('kube_namespace_', ['created', 'labels', 'annotations', 'status_phase', 'status_condition']),
  pods: prefixed('kube_pod_', [
    'info', 'labels', 'annotations', 'owner', 'created', 'start_time', 'completion_time', 'deletion_timestamp', 'restart_policy', 'ips',
    'tolerations', 'nodeselectors', 'service_account', 'scheduler', 'overhead_cpu_cores', 'overhead_memory_bytes',
    'status_phase', 'status_ready', 'status_scheduled', 'status_scheduled_time', 'status_ready_time', 'status_container_ready_time',
    'status_initialized_time', 'status_reason', 'status_unschedulable', 'status_qos_class',
    'container_info', 'container_resource_requests', 'container_resource_limits', 'container_status_ready', 'container_status_restarts_total',
    'container_status_running', 'container_status_terminated', 'container_status_terminated_reason', 'container_status_waiting',
    'container_status_waiting_reason', 'container_status_last_terminated_reason', 'container_status_last_terminated_exitcode',
    'container_status_last_terminated_timestamp', 'container_state_started',
    'init_container_info', 'init_container_resource_requests', 'init_container_resource_limits', 'init_container_status_ready',
    'init_container_status_restarts_total', 'init_container_status_running', 'init_container_status_terminated',
    'init_container_status_terminated_reason', 'init_container_status_waiting', 'init_container_status_waiting_reason',
    'spec_volumes_persistentvolumeclaims_info', 'spec_volumes_persistentvolumeclaims_readonly',
  ]),
  persistentvolumeclaims: prefixed('kube_persistentvolumeclaim_', ['info', 'labels', 'annotations', 'created', 'status_phase', 'status_condition', 'resource_requests_storage_bytes', 'access_mode', 'deletion_timestamp']),
  persistentvolumes: prefixed('kube_persistentvolume_', ['info', 'labels', 'annotations', 'created', 'status_phase', 'capacity_bytes', 'claim_ref', 'volume_mode', 'deletion_timestamp']),
  deployments: prefixed('kube_deployment_', [
    'created', 'labels', 'annotations', 'metadata_generation', 'spec_replicas', 'spec_paused', 'spec_strategy_rollingupdate_max_unavailable',
    'spec_strategy_rollingupdate_max_surge', 'status_replicas', 'status_replicas_available', 'status_replicas_unavailable',
    'status_replicas_updated', 'status_replicas_ready', 'status_observed_generation', 'status_condition', 'deletion_timestamp',
  ]),
  replicasets: prefixed('kube_replicaset_', ['created', 'labels', 'annotations', 'metadata_generation', 'owner', 'spec_replicas', 'status_replicas', 'status_ready_replicas', 'status_fully_labeled_replicas', 'status_observed_generation']),
  statefulsets: prefixed('kube_statefulset_', [
    'created', 'labels', 'annotations', 'metadata_generation', 'replicas', 'ordinals_start', 'persistentvolumeclaim_retention_policy',
    'status_current_revision', 'status_update_revision', 'status_observed_generation', 'status_replicas', 'status_replicas_available',
    'status_replicas_current', 'status_replicas_ready', 'status_replicas_updated', 'deletion_timestamp',
  ]),
  daemonsets: prefixed('kube_daemonset_', [
    'created', 'labels', 'annotations', 'metadata_generation', 'status_current_number_scheduled', 'status_desired_number_scheduled',
    'status_number_available', 'status_number_misscheduled', 'status_number_ready', 'status_number_unavailable',
    'status_observed_generation', 'status_updated_number_scheduled', 'deletion_timestamp',
  ]),
  jobs: prefixed('kube_job_', ['info', 'labels', 'annotations', 'owner', 'created', 'spec_completions', 'spec_parallelism', 'spec_active_deadline_seconds', 'status_active', 'status_failed', 'status_succeeded', 'status_start_time', 'status_completion_time', 'complete', 'failed', 'deletion_timestamp']),
  cronjobs: prefixed('kube_cronjob_', ['info', 'labels', 'annotations', 'created', 'next_schedule_time', 'spec_suspend', 'spec_starting_deadline_seconds', 'status_active', 'status_last_schedule_time', 'status_last_successful_time', 'metadata_resource_version', 'spec_successful_job_history_limit', 'spec_failed_job_history_limit']),
  services: prefixed('kube_service_', ['info', 'labels', 'annotations', 'created', 'spec_type', 'spec_external_ip', 'status_load_balancer_ingress']),
  configmaps: prefixed('kube_configmap_', ['info', 'labels', 'annotations', 'created', 'metadata_resource_version']),
  secrets: prefixed('kube_secret_', ['info', 'labels', 'annotations', 'created', 'type', 'metadata_resource_version']),
  horizontalpodautoscalers: prefixed('kube_horizontalpodautoscaler_', ['info', 'labels', 'annotations', 'metadata_generation', 'spec_max_replicas', 'spec_min_replicas', 'spec_target_metric', 'status_condition', 'status_current_replicas', 'status_desired_replicas', 'status_target_metric']),
  ingresses: prefixed('kube_ingress_', ['info', 'labels', 'annotations', 'created', 'path', 'tls', 'metadata_resource_version']),
};

/** prometheus-community postgres_exporter with its default collectors. */
export const POSTGRES_EXPORTER: MetricSource = {
  name: 'postgres_exporter',
  names: [
    'pg_up', 'pg_static', 'pg_postmaster_start_time_seconds', 'pg_database_size_bytes', 'pg_database_connection_limit', 'pg_locks_count',
    'pg_roles_connection_limit', 'pg_wal_segments', 'pg_wal_size_bytes', 'pg_scrape_collector_duration_seconds', 'pg_scrape_collector_success',
    ...prefixed('pg_stat_database_', [
      'numbackends', 'xact_commit', 'xact_rollback', 'blks_read', 'blks_hit', 'tup_returned', 'tup_fetched', 'tup_inserted', 'tup_updated',
      'tup_deleted', 'conflicts', 'temp_files', 'temp_bytes', 'deadlocks', 'blk_read_time', 'blk_write_time', 'stats_reset',
      'active_time_seconds_total',
    ]),
  ],
  // One gauge per server setting (`pg_settings_max_connections`); bgwriter/checkpointer and replication
  // columns differ between PostgreSQL versions.
  prefixes: ['pg_settings_', 'pg_stat_bgwriter_', 'pg_stat_checkpointer_', 'pg_replication_', 'pg_exporter_', 'go_', 'process_'],
};

/** Percona mongodb_exporter with `--collector.diagnosticdata`. */
export const MONGODB_EXPORTER: MetricSource = {
  name: 'mongodb_exporter',
  names: ['mongodb_up', 'mongodb_version_info', 'collector_scrape_time_ms'],
  // serverStatus fields flattened (`mongodb_ss_opcounters`, `mongodb_ss_wt_cache_*`): the set follows
  // the MongoDB version and storage engine.
  prefixes: ['mongodb_ss_', 'mongodb_mongod_', 'go_', 'process_'],
};

export const TEMPO_PROCESSORS: Readonly<Record<string, readonly string[]>> = {
  'span-metrics': ['traces_spanmetrics_calls_total', 'traces_spanmetrics_size_total', ...histogram('traces_spanmetrics_latency')],
  'service-graphs': [
    'traces_service_graph_request_total',
    'traces_service_graph_request_failed_total',
    'traces_service_graph_unpaired_spans_total',
    'traces_service_graph_dropped_spans_total',
    ...histogram('traces_service_graph_request_server_seconds'),
    ...histogram('traces_service_graph_request_client_seconds'),
    ...histogram('traces_service_graph_request_messaging_system_seconds'),
  ],
};

/** What every scrape adds, whatever the target (Prometheus' synthetic series). */
const SCRAPE = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

/**
 * The stack's own components, by prefix: their metric sets are large and change with every
 * release. Alloy's components report under `alloy_`, `prometheus_` (scrape, remote write),
 * `loki_` (loki.write, loki.source) and `otelcol_`.
 */
function stackSources(env: Environment): MetricSource[] {
  const out: MetricSource[] = [
    { name: 'Mimir', names: [], prefixes: ['cortex_', 'mimir_', 'thanos_', 'go_', 'process_'] },
    { name: 'Mimir ruler', names: ['ALERTS', 'ALERTS_FOR_STATE'] },
    { name: 'Loki', names: [], prefixes: ['loki_', 'go_', 'process_'] },
    { name: 'Tempo', names: [], prefixes: ['tempo_', 'tempodb_', 'go_', 'process_'] },
    { name: 'Grafana', names: [], prefixes: ['grafana_', 'go_', 'process_'] },
    { name: 'Alloy', names: [], prefixes: ['alloy_', 'prometheus_', 'loki_', 'otelcol_', 'go_', 'process_'] },
    // Trivy pushes its scan results (trivy-operator's metric names) to the Pushgateway.
    { name: 'Pushgateway', names: ['push_time_seconds', 'push_failure_time_seconds'], prefixes: ['pushgateway_', 'trivy_', 'go_', 'process_'] },
    { name: 'scrape', names: SCRAPE },
  ];
  if (env.storage.type === 'minio') out.push({ name: 'MinIO', names: [], prefixes: ['minio_'] });
  return out;
}

/** Every source this environment configures, and the ones it leaves off (for explanations). */
export function metricCatalog(env: Environment): Catalog {
  const sources: MetricSource[] = [];
  const disabled: DisabledSource[] = [];
  const nodeOn = new Set<string>(NODE_COLLECTORS);
  for (const [collector, s] of Object.entries(NODE_EXPORTER)) {
    const source = { name: `node exporter collector "${collector}"`, names: s.names, prefixes: s.prefixes };
    if (nodeOn.has(collector)) sources.push(source);
    else disabled.push({ ...source, remedy: s.offReason ?? 'add it to NODE_COLLECTORS in apps/alloy/module/node-metrics.ts' });
  }
  sources.push({ name: 'node exporter', names: NODE_EXPORTER_SELF });
  sources.push({ name: 'cAdvisor', names: CADVISOR }, KUBELET);
  const ksmOn = new Set(KSM_RESOURCES.map((r) => r.name));
  for (const [resource, names] of Object.entries(KUBE_STATE_METRICS)) {
    const source = { name: `kube-state-metrics resource "${resource}"`, names };
    if (ksmOn.has(resource)) sources.push(source);
    else disabled.push({ ...source, remedy: 'add it to KSM_RESOURCES in apps/kube-state-metrics/index.ts' });
  }
  const engines = new Set(env.databases.map((d) => d.engine));
  for (const [engine, source] of [['postgresql', POSTGRES_EXPORTER], ['mongodb', MONGODB_EXPORTER]] as const) {
    if (engines.has(engine)) sources.push(source);
    else disabled.push({ ...source, remedy: `add a "${engine}" entry to databases in environments/${env.name}/env.ts` });
  }
  const processors = new Set<string>(tempoConfig(env).overrides.defaults.metrics_generator.processors);
  for (const [processor, names] of Object.entries(TEMPO_PROCESSORS)) {
    const source = { name: `Tempo metrics-generator "${processor}"`, names };
    if (processors.has(processor)) sources.push(source);
    else disabled.push({ ...source, remedy: 'add it to overrides.defaults.metrics_generator.processors in apps/tempo/config.ts' });
  }
  sources.push(...stackSources(env));
  return { sources, disabled };
}

/** The source that produces `metric`, if any. */
export function producerOf<S extends MetricSource>(sources: readonly S[], metric: string): S | undefined {
  return sources.find((s) => s.names.includes(metric) || (s.prefixes ?? []).some((p) => metric.startsWith(p)));
}
