// Where each workload kind keeps its pod template, so checks are written once against a pod spec.
import type { KubeObject } from '../k8s/types';
import { isMap, type Json } from './report';
import type { Path } from './types';

export interface PodTemplate {
  spec: Json;
  /** Path of the pod spec inside the object. */
  path: Path;
  /** Labels of the pods it creates. */
  labels: Record<string, string>;
  /** Runs until stopped (not a Job): probes apply. */
  longRunning: boolean;
  /** Filled by containersOf on first use. */
  containers?: ContainerAt[];
}

export interface ContainerAt {
  container: Json;
  path: Path;
  /** Init containers run to completion: no probes, no ports served. */
  init: boolean;
}

const TEMPLATE_PATHS = new Map<string, { path: readonly string[]; longRunning: boolean }>([
  ['Deployment', { path: ['spec', 'template'], longRunning: true }],
  ['StatefulSet', { path: ['spec', 'template'], longRunning: true }],
  ['DaemonSet', { path: ['spec', 'template'], longRunning: true }],
  ['ReplicaSet', { path: ['spec', 'template'], longRunning: true }],
  ['ReplicationController', { path: ['spec', 'template'], longRunning: true }],
  ['Job', { path: ['spec', 'template'], longRunning: false }],
  ['CronJob', { path: ['spec', 'jobTemplate', 'spec', 'template'], longRunning: false }],
]);

// Within one validation every policy and reference check asks for the same templates and
// containers: they are found once per object. Only within it: objects may change between runs.
let remembered: WeakMap<object, PodTemplate | null> | undefined;

/** Runs `fn` with pod templates (and their containers) found once per object. */
export function rememberingPodTemplates<T>(fn: () => T): T {
  const outer = remembered;
  remembered ??= new WeakMap();
  try {
    return fn();
  } finally {
    remembered = outer;
  }
}

/** The pod template of a workload (a Pod is its own template), or undefined for other kinds. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  if (object.kind !== 'Pod' && !TEMPLATE_PATHS.has(object.kind)) return undefined;
  if (!remembered) return findTemplate(object);
  let pod = remembered.get(object);
  if (pod === undefined) {
    pod = findTemplate(object) ?? null;
    remembered.set(object, pod);
  }
  return pod ?? undefined;
}

function findTemplate(object: KubeObject): PodTemplate | undefined {
  if (object.kind === 'Pod') {
    const spec = object.spec;
    if (!isMap(spec)) return undefined;
    return { spec, path: ['spec'], labels: object.metadata.labels ?? {}, longRunning: spec.restartPolicy !== 'Never' && spec.restartPolicy !== 'OnFailure' };
  }
  const where = TEMPLATE_PATHS.get(object.kind);
  if (!where) return undefined;
  let node: unknown = object;
  for (const key of where.path) node = isMap(node) ? node[key] : undefined;
  if (!isMap(node) || !isMap(node.spec)) return undefined;
  const metadata = isMap(node.metadata) ? node.metadata : {};
  const labels = isMap(metadata.labels) ? (metadata.labels as Record<string, string>) : {};
  return { spec: node.spec, path: [...where.path, 'spec'], labels, longRunning: where.longRunning };
}

export function containersOf(pod: PodTemplate): ContainerAt[] {
  if (pod.containers) return pod.containers;
  const out: ContainerAt[] = [];
  addContainers(out, pod, 'initContainers', true);
  addContainers(out, pod, 'containers', false);
  pod.containers = out;
  return out;
}

function addContainers(out: ContainerAt[], pod: PodTemplate, field: 'initContainers' | 'containers', init: boolean): void {
  const list = pod.spec[field];
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (!isMap(c)) continue;
    // Native sidecars (init containers with restartPolicy Always) run for the pod's life.
    const sidecar = init && c.restartPolicy === 'Always';
    out.push({ container: c, path: [...pod.path, field, i], init: init && !sidecar });
  }
}
