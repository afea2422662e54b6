// Sync waves inside one Application. Argo CD applies wave by wave and waits for each to be healthy
// before the next, so what a workload needs at start (its namespace, CRDs, RBAC, identity and
// configuration) is applied and settled first. Argo CD has no order *between* Applications: an
// app that needs another (a bucket from MinIO) waits for it with a hook or retries, never a wave.
import type { KubeObject } from '../k8s/types';
import { HELM_HOOK_ANNOTATION, HOOK_ANNOTATION, SYNC_WAVE_ANNOTATION } from './names';

/** Wave of the workloads and of every kind not listed: Argo CD's default. */
export const WORKLOAD_WAVE = 0;

/**
 * Waves by `group/kind` (core group empty). PersistentVolumeClaims stay in the workload wave on
 * purpose: with a `WaitForFirstConsumer` StorageClass (the default on most clusters) a claim stays
 * Pending, which Argo CD reports as Progressing, until a pod uses it; in an earlier wave it would
 * block its own consumer forever (argoproj/argo-cd#29201). Within a wave Argo CD still applies a
 * claim before Deployments and StatefulSets, by kind order.
 */
export const WAVES: Readonly<Record<string, number>> = {
  '/Namespace': -5,
  'apiextensions.k8s.io/CustomResourceDefinition': -4,
  'rbac.authorization.k8s.io/ClusterRole': -3,
  'rbac.authorization.k8s.io/ClusterRoleBinding': -3,
  'rbac.authorization.k8s.io/Role': -3,
  'rbac.authorization.k8s.io/RoleBinding': -3,
  '/ServiceAccount': -2,
  '/ConfigMap': -1,
  '/Secret': -1,
  'external-secrets.io/ExternalSecret': -1,
  // The root Application: projects before the ApplicationSet and Application that name them.
  'argoproj.io/AppProject': -1,
};

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The wave this kind gets by default, or undefined for Argo CD's default (0). */
export function waveOf(object: Pick<KubeObject, 'apiVersion' | 'kind'>): number | undefined {
  return WAVES[`${groupOf(object.apiVersion)}/${object.kind}`];
}

/** A hook runs in its own phase (PreSync, PostSync…); its wave, if any, is its author's choice. */
export function isHook(object: KubeObject): boolean {
  const a = object.metadata.annotations;
  return a !== undefined && (HOOK_ANNOTATION in a || HELM_HOOK_ANNOTATION in a);
}

/** Argo CD reads the wave with Go's strconv.Atoi: an optional sign and decimal digits. */
export const WAVE_PATTERN = /^[+-]?\d+$/;

export { SYNC_WAVE_ANNOTATION };
