// The series kube-state-metrics exports, per `--resources` entry; only the resources this app
// enables are sources, the others explain a missing name.
import { mergeCatalogs, prefixed, switched, type Catalog } from '../../lib/metrics/catalog';

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

/** The catalog for the resources kube-state-metrics is started with (`--resources`). */
export function ksmMetrics(resources: readonly string[]): Catalog {
  const on = new Set(resources);
  return mergeCatalogs(Object.entries(KUBE_STATE_METRICS).map(([resource, names]) => switched(on.has(resource), { name: `kube-state-metrics resource "${resource}"`, names }, 'add it to KSM_RESOURCES in apps/kube-state-metrics/index.ts')));
}
