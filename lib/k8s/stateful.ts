// The shape shared by the single-replica stateful services of the stack (Mimir, Loki, Tempo,
// MinIO): one StatefulSet with a protected PVC, an optional config file in a ConfigMap whose
// checksum rolls the pod, restricted security, a writable /tmp, and a Service from lib/endpoints.
import type { ComponentSize, Environment } from '../env/types';
import type { ServiceName } from '../endpoints';
import type { KubeObject } from './types';
import { configChecksum, configMapOf, type ConfigFile } from './config-file';
import { containerPorts, serviceOf } from './service';
import {
  CHECKSUM_ANNOTATION,
  goMemLimit,
  resources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
  selectorLabels,
} from './workload';

/** Argo CD must never prune or delete a volume holding a WAL or object data. */
export const PVC_PROTECTION = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };

export interface StatefulSpec {
  env: Environment;
  /** Service and endpoint entry; also the component, StatefulSet and container name. */
  svc: ServiceName;
  size: ComponentSize;
  image: string;
  /** UID/GID the image is built to run as (each image's documented non-root user). */
  uid: number;
  args: string[];
  config?: ConfigFile & { mountPath: string };
  /** Where the PVC is mounted. */
  dataPath: string;
  containerEnv: Record<string, unknown>[];
  readiness: Record<string, unknown>;
  liveness: Record<string, unknown>;
  initContainers: (Record<string, unknown> | null)[];
  terminationGracePeriodSeconds: number;
  /** More read-only volumes (ConfigMaps, Secrets) and where the container mounts each. */
  extraVolumes?: { volume: Record<string, unknown> & { name: string }; mountPath: string }[];
}

/** The `data` claim template of a StatefulSet: one protected, ReadWriteOnce volume of `storage`. */
export function dataClaimTemplate(storage: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', annotations: { ...PVC_PROTECTION } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
  };
}

export function statefulService(spec: StatefulSpec): { configMap: KubeObject | null; service: KubeObject; statefulSet: KubeObject } {
  const name = spec.svc;
  const { size } = spec;
  if (!size.storage) throw new Error(`sizes.${name}.storage is not set; ${name} needs a volume size such as 10Gi`);
  const volumes: Record<string, unknown>[] = [{ name: 'tmp', emptyDir: {} }];
  const mounts: Record<string, unknown>[] = [
    { name: 'data', mountPath: spec.dataPath },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  if (spec.config) {
    volumes.push({ name: 'config', configMap: { name: spec.config.name } });
    mounts.push({ name: 'config', mountPath: spec.config.mountPath, readOnly: true });
  }
  for (const extra of spec.extraVolumes ?? []) {
    volumes.push(extra.volume);
    mounts.push({ name: extra.volume.name, mountPath: extra.mountPath, readOnly: true });
  }
  const annotations = spec.config ? { [CHECKSUM_ANNOTATION]: configChecksum([spec.config]) } : undefined;
  // Omitted when empty: the API server drops an empty list, and Argo CD would show a diff forever.
  const initContainers = spec.initContainers.filter((c) => c !== null);
  const statefulSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: name,
      replicas: size.replicas,
      // Parallel: with one replica ordering buys nothing, and a stuck pod must not block a rollout fix.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selectorLabels(name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: selectorLabels(name), ...(annotations ? { annotations } : {}) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(spec.uid),
          terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
          ...(initContainers.length > 0 ? { initContainers } : {}),
          containers: [
            {
              name,
              image: spec.image,
              args: spec.args,
              ports: containerPorts(spec.svc),
              env: [...spec.containerEnv, { name: 'GOMEMLIMIT', value: goMemLimit(size) }],
              resources: resources(size),
              readinessProbe: spec.readiness,
              livenessProbe: spec.liveness,
              securityContext: restrictedContainerSecurity(),
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
      volumeClaimTemplates: [dataClaimTemplate(size.storage)],
    },
  };
  return { configMap: spec.config ? configMapOf(spec.config) : null, service: serviceOf(spec.svc), statefulSet };
}

/** Readiness on an HTTP path of the named port. */
export function httpProbe(path: string, port: string, initialDelaySeconds: number, periodSeconds = 10): Record<string, unknown> {
  return { httpGet: { path, port }, initialDelaySeconds, periodSeconds, timeoutSeconds: 5, failureThreshold: 3 };
}

/**
 * Liveness that only restarts a process which stopped listening: the backends' `/ready` goes red
 * while they replay a WAL or join a ring, and killing them then would only restart the replay.
 */
export function listeningProbe(port: string): Record<string, unknown> {
  return { tcpSocket: { port }, initialDelaySeconds: 60, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 };
}
