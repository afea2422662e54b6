// What the controllers would make of each workload: the pods of a Deployment (through its
// ReplicaSet), a StatefulSet (ordinal names, stable hostnames, one claim per template), a
// DaemonSet (one per node it tolerates) and a Job. Pure: no API calls, no processes.
import { createHash } from 'node:crypto';
import type { KubeObject } from '../cluster/kube';

export interface NodeInfo {
  readonly name: string;
  readonly index: number;
  readonly ip: string;
  /** This node's file system root on this machine (hostPath volumes, pod logs). */
  readonly root: string;
  readonly labels: Record<string, string>;
  readonly taints: readonly { key: string; value?: string; effect: string }[];
}

export interface PodSpecLike {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: { name: string; [k: string]: unknown }[];
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  securityContext?: PodSecurityContext;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: string;
  [k: string]: unknown;
}

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  supplementalGroups?: number[];
}

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  envFrom?: Record<string, unknown>[];
  ports?: { name?: string; containerPort: number; hostPort?: number; protocol?: string }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  readinessProbe?: Record<string, unknown>;
  livenessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
  securityContext?: PodSecurityContext & {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
  };
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

export interface PodPlan {
  /** Unique within the run: namespace/name. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly node: NodeInfo;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: PodSpecLike;
  /** The object the pod belongs to, as its ownerReference. */
  readonly owner: { apiVersion: string; kind: string; name: string; uid: string };
  /** The workload's file in the rendered tree, for error messages. */
  readonly source: string;
  /** Runs to completion (Job) rather than staying up. */
  readonly completes: boolean;
  /** Replica-set object a Deployment's pods belong to, created before them. */
  readonly replicaSet?: KubeObject;
}

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpecLike;
}

/** kube-controller-manager's pod-template-hash: a short hash of the template (stable per template). */
export function templateHash(template: unknown): string {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10).replace(/[aeiou]/g, 'x');
}

function randomSuffix(seed: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256').update(seed).digest();
  return Array.from(h.subarray(0, 5), (b) => alphabet[b % alphabet.length]).join('');
}

/** Whether `spec` may run on `node` (nodeSelector and NoSchedule/NoExecute taints). */
export function schedulable(spec: PodSpecLike, node: NodeInfo): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (node.labels[k] !== v) return false;
  return node.taints.every((t) =>
    (spec.tolerations ?? []).some((tol) => (tol.operator === 'Exists' && (tol.key === undefined || tol.key === t.key)) || (tol.key === t.key && tol.value === t.value && (!tol.effect || tol.effect === t.effect))),
  );
}

export function expandWorkload(obj: KubeObject, source: string, nodes: readonly NodeInfo[]): PodPlan[] {
  const spec = obj.spec as { replicas?: number; template: Template; serviceName?: string; volumeClaimTemplates?: { metadata: { name: string } }[] } | undefined;
  if (!spec?.template) return [];
  const ns = obj.metadata.namespace ?? 'default';
  const uid = obj.metadata.uid ?? '';
  const t = spec.template;
  const base = (name: string, node: NodeInfo, owner: PodPlan['owner'], extra: Partial<PodPlan> = {}): PodPlan => ({
    key: `${ns}/${name}`,
    name,
    namespace: ns,
    node,
    labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
    annotations: { ...(t.metadata?.annotations ?? {}) },
    spec: { ...t.spec, ...(extra.spec ?? {}) },
    owner,
    source,
    completes: obj.kind === 'Job',
    ...(extra.replicaSet ? { replicaSet: extra.replicaSet } : {}),
  });
  // The default scheduler spreads pods; starting each workload at a node chosen by its name and
  // going round from there spreads them too, and the same input always lands the same way.
  const fit = nodes.filter((n) => schedulable(t.spec, n));
  if (fit.length === 0) return [];
  const start = createHash('sha256').update(`${ns}/${obj.metadata.name}`).digest()[0]!;
  const place = (i: number) => fit[(start + i) % fit.length]!;
  switch (obj.kind) {
    case 'Deployment': {
      const hash = templateHash(t);
      const rsName = `${obj.metadata.name}-${hash}`;
      const rs: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: rsName, namespace: ns, labels: { ...(t.metadata?.labels ?? {}), 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: obj.metadata.name, uid, controller: true, blockOwnerDeletion: true }] },
        spec: {
          replicas: spec.replicas ?? 1,
          selector: { matchLabels: { ...((obj.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
          template: { ...t, metadata: { ...(t.metadata ?? {}), labels: { ...(t.metadata?.labels ?? {}), 'pod-template-hash': hash } } },
        },
      };
      return Array.from({ length: spec.replicas ?? 1 }, (_, i) =>
        base(`${rsName}-${randomSuffix(`${rsName}/${i}`)}`, place(i), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: '' }, { labels: { 'pod-template-hash': hash }, replicaSet: rs }),
      );
    }
    case 'StatefulSet':
      return Array.from({ length: spec.replicas ?? 1 }, (_, i) => {
        const name = `${obj.metadata.name}-${i}`;
        // The controller adds one claim per template, named <template>-<pod>, as a volume.
        const claims = (spec.volumeClaimTemplates ?? []).map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: `${c.metadata.name}-${name}` } }));
        return base(name, place(i), { apiVersion: 'apps/v1', kind: 'StatefulSet', name: obj.metadata.name, uid }, {
          labels: { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) },
          spec: { ...t.spec, volumes: [...(t.spec.volumes ?? []), ...claims], hostname: name, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) },
        });
      });
    case 'DaemonSet':
      return fit.map((node) => base(`${obj.metadata.name}-${randomSuffix(`${obj.metadata.name}/${node.name}`)}`, node, { apiVersion: 'apps/v1', kind: 'DaemonSet', name: obj.metadata.name, uid }));
    case 'Job':
      return [base(`${obj.metadata.name}-${randomSuffix(obj.metadata.name)}`, place(0), { apiVersion: 'batch/v1', kind: 'Job', name: obj.metadata.name, uid }, { labels: { 'batch.kubernetes.io/job-name': obj.metadata.name, 'job-name': obj.metadata.name } })];
    default:
      return [];
  }
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);
