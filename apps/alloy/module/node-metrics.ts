// Host metrics of this node from Alloy's embedded node exporter (`prometheus.exporter.unix`), which
// reads the host's /proc, /sys and root filesystem mounted read-only under /host. In process, one per
// node: no target to discover, so nothing to deduplicate.
import { block, component } from '../../../lib/alloy/builder';
import type { SectionBuilder } from './section';
import { exporterScrape } from './scrape';

/** Component name in `job` (`<stack namespace>/node-exporter`), as the node mixin's dashboards read it. */
export const NODE_EXPORTER_JOB = 'node-exporter';

/**
 * Only what the dashboards and alerts read (lib/metrics/catalog.ts lists the series of each). Not
 * `netdev`: Alloy runs in the pod's network namespace, so netdev would report the Alloy pod's own
 * eth0 instead of the node's interfaces. Node network traffic comes from the kubelet's cAdvisor
 * root cgroup (`container_network_*_bytes_total{id="/"}`), which is measured in the host's namespace.
 */
export const NODE_COLLECTORS = ['cpu', 'meminfo', 'filesystem'] as const;

/** Host folders the DaemonSet mounts read-only for the exporter: host path → container path. */
export const HOST_MOUNTS = [
  { name: 'host-proc', hostPath: '/proc', mountPath: '/host/proc' },
  { name: 'host-sys', hostPath: '/sys', mountPath: '/host/sys' },
  // HostToContainer: file systems mounted on the host after the pod started (new volumes) show up.
  { name: 'host-root', hostPath: '/', mountPath: '/host/root', propagation: 'HostToContainer' },
] as const;

const mountOf = (name: (typeof HOST_MOUNTS)[number]['name']): string => HOST_MOUNTS.find((m) => m.name === name)!.mountPath;

/** The volumes for the DaemonSet's pod spec. */
export function hostVolumes(): Record<string, unknown>[] {
  // Exception: hostPath, read-only. Host metrics exist only on the host.
  return HOST_MOUNTS.map((m) => ({ name: m.name, hostPath: { path: m.hostPath, type: 'Directory' } }));
}

/** The volume mounts for the Alloy container. */
export function hostVolumeMounts(): Record<string, unknown>[] {
  return HOST_MOUNTS.map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    readOnly: true,
    ...('propagation' in m ? { mountPropagation: m.propagation } : {}),
  }));
}

export const nodeMetrics: SectionBuilder = (w) =>
  exporterScrape(
    w,
    'node_metrics',
    component('prometheus.exporter.unix', 'node', {
      procfs_path: mountOf('host-proc'),
      sysfs_path: mountOf('host-sys'),
      rootfs_path: mountOf('host-root'),
      set_collectors: [...NODE_COLLECTORS],
      filesystem: block({
        // Pseudo and container file systems: the kubelet reports pod volumes (kubelet_volume_stats_*).
        fs_types_exclude: '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tmpfs|tracefs)$',
        mount_points_exclude: '^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containerd/.+|var/lib/kubelet/.+|run/containerd/.+)($|/)',
      }),
    }),
    NODE_EXPORTER_JOB,
  );
