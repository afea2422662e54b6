// Conventions every workload of the stack follows: labels, the restricted pod security profile,
// resources from the environment, and the checksum annotation that rolls pods on a config change.
import { createHash } from 'node:crypto';
import type { ComponentSize } from '../env/types';

/** Selector labels: stable for the life of a workload (a selector is immutable). */
export function selectorLabels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': component, 'app.kubernetes.io/instance': component };
}

/** Pod-level security context of the `restricted` Pod Security Standard. */
export function restrictedPodSecurity(uid: number, gid = uid): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level security context of the `restricted` Pod Security Standard. */
export function restrictedContainerSecurity(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function resources(size: ComponentSize): Record<string, unknown> {
  const { requests, limits } = size.resources;
  return {
    requests: { cpu: requests.cpu, memory: requests.memory },
    limits: limits.cpu ? { cpu: limits.cpu, memory: limits.memory } : { memory: limits.memory },
  };
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 };

/** Bytes of a Kubernetes memory quantity (`512Mi`, `2G`, `1073741824`). */
export function bytesOf(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|)$/.exec(quantity);
  if (!m) throw new Error(`"${quantity}" is not a memory quantity such as 512Mi or 2Gi`);
  return Number(m[1]) * (BINARY[m[2]!] ?? DECIMAL[m[2]!]!);
}

/** Millicores of a CPU quantity (`100m`, `1`, `0.5`). */
export function millicoresOf(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
  if (!m) throw new Error(`"${quantity}" is not a CPU quantity such as 100m or 2`);
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

/**
 * `GOMEMLIMIT` at 90% of the memory limit, in MiB: the Go runtime collects harder before the
 * kernel's OOM killer would act.
 */
export function goMemLimit(size: ComponentSize): string {
  return `${Math.floor((bytesOf(size.resources.limits.memory) * 0.9) / 2 ** 20)}MiB`;
}

/** Annotation value that changes whenever the given config text changes. */
export function checksum(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

export const CHECKSUM_ANNOTATION = 'checksum/config';
