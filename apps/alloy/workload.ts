// The Alloy DaemonSet: one collector per node that receives OTLP from the node's pods, tails the
// node's pod log files and scrapes the node's pods. Only the bootstrap is local; the pipeline
// itself is pulled from Git, so only a bootstrap change rolls the pods (checksum annotation).
import type { Environment } from '../../lib/env/types';
import { servicePort } from '../../lib/endpoints';
import { containerPorts } from '../../lib/k8s/service';
import { httpProbe, listeningProbe } from '../../lib/k8s/stateful';
import type { KubeObject } from '../../lib/k8s/types';
import { configChecksum, type ConfigFile } from '../../lib/k8s/config-file';
import { CHECKSUM_ANNOTATION, goMemLimit, resources, selectorLabels } from '../../lib/k8s/workload';
import { image } from '../../lib/versions';
import { SKIP_PREFIX } from '../../lib/validate/optout';
import { COLLECT_SCOPE_ANNOTATION, collectScopeAnnotation } from '../../lib/env/collect';
import { hostVolumeMounts, hostVolumes } from './module/node-metrics';
import {
  ALLOY,
  CONFIG_DIR,
  DATA_DIR,
  ENV,
  GIT_SECRET,
  HOST_DATA_DIR,
} from './names';

const fieldRef = (fieldPath: string) => ({ valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
const secretKey = (key: string) => ({ valueFrom: { secretKeyRef: { name: GIT_SECRET, key } } });

/** Credentials for a private repository (git.private); a public one is cloned anonymously. */
export function gitCredentialEnv(env: Environment): Record<string, unknown>[] {
  return env.git.private ? [{ name: ENV.gitUsername, ...secretKey('username') }, { name: ENV.gitPassword, ...secretKey('password') }] : [];
}

/** `alloy run` on a bootstrap file: every Alloy pod of the stack starts this way. */
export function runArgs(bootstrap: ConfigFile): string[] {
  return [
    'run',
    `${CONFIG_DIR}/${bootstrap.fileName}`,
    `--storage.path=${DATA_DIR}`,
    `--server.http.listen-addr=0.0.0.0:${servicePort('alloy', 'http')}`,
    // No usage reports from production clusters to Grafana Labs.
    '--disable-reporting',
  ];
}

function containerEnv(env: Environment): Record<string, unknown>[] {
  return [
    // Alloy's node-local discovery reads HOSTNAME; left alone it would be the pod name and the
    // `spec.nodeName=` field selector would match nothing.
    { name: ENV.hostname, ...fieldRef('spec.nodeName') },
    { name: 'GOMEMLIMIT', value: goMemLimit(env.sizes.alloy) },
    ...gitCredentialEnv(env),
  ];
}

const OTLP_PORTS = new Set(['otlp-grpc', 'otlp-http']);

function ports(): Record<string, unknown>[] {
  // hostPort: instrumented pods send to $(HOST_IP):4317 (lib/otel/instrument.ts), which reaches the
  // Alloy of their own node without a Service hop. It also opens the OTLP ports on the node
  // address, so node firewalls must keep them cluster-internal (docs/instrumenting.md).
  return containerPorts('alloy').map((p) => (OTLP_PORTS.has(p.name as string) ? { ...p, hostPort: p.containerPort } : p));
}

/**
 * The container runs as root (UID 0) with every capability dropped: kubelet and containerd write
 * /var/log/pods/<pod>/<container>/*.log as root:root with mode 0640, so only their owner can read
 * them. A non-root user would need CAP_DAC_READ_SEARCH, which Kubernetes cannot grant to a non-root
 * process (no ambient capabilities), so UID 0 without capabilities is the tightest setting that can
 * still tail logs. Everything else stays at the `restricted` profile.
 */
function podSecurity(): Record<string, unknown> {
  return {
    // Exception: root, see above. The image's own `alloy` user (UID 473) cannot read the log files.
    runAsUser: 0,
    runAsGroup: 0,
    runAsNonRoot: false,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function containerSecurity(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function volumes(bootstrap: ConfigFile): Record<string, unknown>[] {
  return [
    { name: 'bootstrap', configMap: { name: bootstrap.name } },
    // Exception: hostPath. Pod logs exist only on the node; mounted read-only.
    { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
    // Exception: hostPath. Log positions, the remote-write WAL and the Git clone must survive a pod
    // restart, or every restart re-sends logs and re-clones the repository.
    { name: 'data', hostPath: { path: HOST_DATA_DIR, type: 'DirectoryOrCreate' } },
    // The root filesystem is read-only; Go and git write temporary files here.
    { name: 'tmp', emptyDir: {} },
    // Host /proc, /sys and / for the node exporter, read-only (apps/alloy/module/node-metrics.ts).
    ...hostVolumes(),
  ];
}

function container(env: Environment, bootstrap: ConfigFile): Record<string, unknown> {
  return {
    name: ALLOY,
    image: image('alloy'),
    args: runArgs(bootstrap),
    env: containerEnv(env),
    ports: ports(),
    readinessProbe: httpProbe('/-/ready', 'http', 10),
    // Not /-/healthy: it turns red whenever one component is unhealthy (a failed Git pull, say),
    // and a restart would not fix that; only a process that stopped listening is restarted.
    livenessProbe: listeningProbe('http'),
    resources: resources(env.sizes.alloy),
    securityContext: containerSecurity(),
    volumeMounts: [
      { name: 'bootstrap', mountPath: CONFIG_DIR, readOnly: true },
      { name: 'varlog', mountPath: '/var/log', readOnly: true },
      { name: 'data', mountPath: DATA_DIR },
      { name: 'tmp', mountPath: '/tmp' },
      ...hostVolumeMounts(),
    ],
  };
}

export function daemonSet(env: Environment, bootstrap: ConfigFile): KubeObject {
  const labels = selectorLabels(ALLOY);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: ALLOY,
      // The two exceptions `lgtm validate` would otherwise refuse, each with its reason.
      annotations: {
        [`${SKIP_PREFIX}run-as-non-root`]: 'tails /var/log/pods files that are root:root 0640; runs as UID 0 with every capability dropped',
        [`${SKIP_PREFIX}writable-host-path`]: `keeps log positions, the WAL and the Git clone in ${HOST_DATA_DIR} across restarts; /var/log is read-only`,
        [`${SKIP_PREFIX}host-root`]: "the node exporter's filesystem collector measures every mounted filesystem through /host/root (read-only, HostToContainer), as upstream node-exporter deployments do",
        [COLLECT_SCOPE_ANNOTATION]: collectScopeAnnotation(env),
      },
    },
    spec: {
      selector: { matchLabels: labels },
      // No surge: the old and new pod of a node would share the hostPath data folder and the hostPorts.
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: {
          labels,
          // Only the bootstrap rolls the pods; the pipeline module is pulled from Git at run time.
          annotations: { [CHECKSUM_ANNOTATION]: configChecksum([bootstrap]) },
        },
        spec: {
          serviceAccountName: ALLOY,
          securityContext: podSecurity(),
          // Every node, tainted or not, runs pods whose logs and telemetry must be collected.
          tolerations: [{ operator: 'Exists' }],
          // The node's collector must outlive the workloads it observes: under memory pressure the
          // kubelet evicts lower priorities first, and a node full of pods is exactly when logs matter.
          priorityClassName: 'system-node-critical',
          containers: [container(env, bootstrap)],
          volumes: volumes(bootstrap),
        },
      },
    },
  };
}
