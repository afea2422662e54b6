// Kubernetes Overview: node health, pod status and resource use per namespace. Node series come
// from Alloy's prometheus.exporter.unix (`instance` is the node name), container series from the
// kubelet's cAdvisor endpoint, object state from kube-state-metrics, events from the cluster
// collector's Loki streams (apps/alloy/module/events.ts).
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { LogsSortOrder } from '@grafana/grafana-foundation-sdk/common';
import { LOKI } from '../../../lib/grafana/datasources';
import { EVENTS_JOB } from '../../../lib/logs/labels';
import { defineDashboard, labelVariable, logql, stat, table, timeseries } from './common';

const NS = 'namespace=~"$namespace"';
// Virtual and container-runtime interfaces double-count pod traffic.
// Node network traffic comes from cAdvisor's root cgroup (id="/"), which sees the host's network
// namespace; the node exporter inside Alloy's pod would only see the pod's own eth0.
const NODE_NIC = 'id="/", interface!~"lo|veth.*|cali.*|cilium.*|flannel.*|cni.*|docker.*|lxc.*|vxlan.*|tunl.*"';
const REAL_FS = 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs"';
// Events of cluster-scoped objects (nodes) have no namespace label: the empty alternative keeps them.
const EVENTS = `{job="${EVENTS_JOB}", namespace=~"$namespace|"}`;

/** Warning events by reason, and the events themselves, newest first. */
function eventPanels(d: DashboardBuilder): DashboardBuilder {
  return d
    .withRow(new RowBuilder('Events'))
    .withPanel(
      new TimeseriesPanel()
        .title('Warning events by reason')
        .datasource(LOKI)
        .unit('short')
        .span(24)
        .height(8)
        .withTarget(logql(`sum by (reason) (count_over_time(${EVENTS.replace('}', ', type="Warning"}')} [$__auto]))`, '{{reason}}')),
    )
    .withPanel(
      new LogsPanel()
        .title('Events')
        .datasource(LOKI)
        .span(24)
        .height(12)
        .showTime(true)
        .wrapLogMessage(true)
        .enableLogDetails(true)
        .sortOrder(LogsSortOrder.Descending)
        .withTarget(logql(EVENTS).maxLines(500)),
    );
}

export const kubernetesOverview = defineDashboard(
  { uid: 'lgtm-kubernetes-overview', folder: 'Kubernetes', title: 'Kubernetes Overview', tags: ['kubernetes'] },
  (d, env) => {
    const overview = d
      .withVariable(labelVariable('namespace', 'namespace', 'kube_namespace_status_phase'))
      .withRow(new RowBuilder('Cluster'))
      .withPanel(stat('Nodes', 'short', 'count(kube_node_info)'))
      .withPanel(
        stat('Nodes not ready', 'short', 'sum(kube_node_status_condition{condition="Ready",status!="true"}) or vector(0)'),
      )
      .withPanel(stat('Pods running', 'short', `sum(kube_pod_status_phase{phase="Running",${NS}})`))
      .withPanel(
        stat('Pods pending or failed', 'short', `sum(kube_pod_status_phase{phase=~"Pending|Failed|Unknown",${NS}}) or vector(0)`),
      )
      .withRow(new RowBuilder('Nodes'))
      .withPanel(
        timeseries('Node CPU utilisation', 'percentunit', [
          ['1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))', '{{instance}}'],
        ]),
      )
      .withPanel(
        timeseries('Node memory utilisation', 'percentunit', [
          ['1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes', '{{instance}}'],
        ]),
      )
      .withPanel(
        timeseries('Node filesystem utilisation', 'percentunit', [
          [
            `max by (instance, mountpoint) (1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}})`,
            '{{instance}} {{mountpoint}}',
          ],
        ]),
      )
      .withPanel(
        timeseries('Node network traffic', 'Bps', [
          [`sum by (instance) (rate(container_network_receive_bytes_total{${NODE_NIC}}[$__rate_interval]))`, '{{instance}} received'],
          [`-sum by (instance) (rate(container_network_transmit_bytes_total{${NODE_NIC}}[$__rate_interval]))`, '{{instance}} sent'],
        ]),
      )
      .withRow(new RowBuilder('Pods'))
      .withPanel(
        timeseries('Pods by phase', 'short', [[`sum by (phase) (kube_pod_status_phase{${NS}} > 0)`, '{{phase}}']]),
      )
      .withPanel(
        timeseries('Container restarts', 'short', [
          [
            `sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${NS}}[$__rate_interval])) > 0`,
            '{{namespace}}/{{pod}}',
          ],
        ]),
      )
      .withPanel(
        table(
          'Pods not ready',
          `sum by (namespace, pod) (kube_pod_status_ready{condition="false",${NS}}) > 0`,
        ),
      )
      .withRow(new RowBuilder('Resources'))
      .withPanel(
        timeseries('CPU used vs requested by namespace', 'cores', [
          [`sum by (namespace) (rate(container_cpu_usage_seconds_total{container!="",${NS}}[$__rate_interval]))`, '{{namespace}} used'],
          [`sum by (namespace) (kube_pod_container_resource_requests{resource="cpu",${NS}})`, '{{namespace}} requested'],
        ]),
      )
      .withPanel(
        timeseries('Memory used vs requested by namespace', 'bytes', [
          [`sum by (namespace) (container_memory_working_set_bytes{container!="",${NS}})`, '{{namespace}} used'],
          [`sum by (namespace) (kube_pod_container_resource_requests{resource="memory",${NS}})`, '{{namespace}} requested'],
        ]),
      )
      .withPanel(
        timeseries('Top 10 pods by memory', 'bytes', [
          [`topk(10, sum by (namespace, pod) (container_memory_working_set_bytes{container!="",${NS}}))`, '{{namespace}}/{{pod}}'],
        ]),
      )
      .withPanel(
        timeseries('CPU throttling', 'percentunit', [
          [
            `sum by (namespace, pod) (rate(container_cpu_cfs_throttled_periods_total{container!="",${NS}}[$__rate_interval])) / sum by (namespace, pod) (rate(container_cpu_cfs_periods_total{container!="",${NS}}[$__rate_interval])) > 0.05`,
            '{{namespace}}/{{pod}}',
          ],
        ]),
      )
      .withPanel(
        timeseries('PersistentVolumeClaim usage', 'percentunit', [
          [
            `max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes{${NS}} / kubelet_volume_stats_capacity_bytes{${NS}})`,
            '{{namespace}}/{{persistentvolumeclaim}}',
          ],
        ], 24),
      );
    return env.collect.events ? eventPanels(overview) : overview;
  },
);
