// The metric names Alloy's own collection produces: the node exporter it embeds (per collector),
// the kubelet and cAdvisor endpoints it scrapes, its own components, and the series every scrape adds.
import type { Environment } from '../../lib/env/types';
import { histogram, mergeCatalogs, prefixed, switched, type Catalog, type MetricSource } from '../../lib/metrics/catalog';
import { NODE_COLLECTORS } from './module/node-metrics';

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

/** What every scrape adds, whatever the target (Prometheus' synthetic series). */
const SCRAPE = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

export function alloyMetrics(env: Environment): Catalog {
  const on = new Set<string>(NODE_COLLECTORS);
  return mergeCatalogs([
    ...Object.entries(NODE_EXPORTER).map(([collector, s]) =>
      switched(on.has(collector), { name: `node exporter collector "${collector}"`, names: s.names, prefixes: s.prefixes }, s.offReason ?? 'add it to NODE_COLLECTORS in apps/alloy/module/node-metrics.ts'),
    ),
    {
      sources: [
        { name: 'node exporter', names: NODE_EXPORTER_SELF },
        { name: 'cAdvisor', names: CADVISOR },
        KUBELET,
        // Alloy's components report under `alloy_`, `prometheus_` (scrape, remote write), `loki_`
        // (loki.write, loki.source) and `otelcol_`.
        { name: 'Alloy', names: [], prefixes: ['alloy_', 'prometheus_', 'loki_', 'otelcol_', 'go_', 'process_'] },
        { name: 'scrape', names: SCRAPE },
      ],
      disabled: [],
    },
    // mimir.rules.kubernetes in the cluster collector reports under `mimir_rules_`.
    switched(env.collect.prometheusRules, { name: 'mimir.rules.kubernetes', names: [], prefixes: ['mimir_rules_'] }, 'set collect.prometheusRules in env.ts'),
  ]);
}
