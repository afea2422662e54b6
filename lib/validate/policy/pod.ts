// Policies on the pod as a whole: the node's namespaces and writable host paths.
import { posix } from 'node:path';
import { containersOf, podTemplateOf, type PodTemplate } from '../pods';
import { isMap, listOf, type ObjectCheck, type ObjectReport } from '../report';

export const podPolicies: ObjectCheck = (object, report) => {
  // The pod is checked apart: its closures would cost every other object a context.
  const pod = podTemplateOf(object);
  if (pod) checkPod(pod, report);
};

function checkPod(pod: PodTemplate, report: ObjectReport): void {
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod.spec[field] === true) report('host-namespaces', [...pod.path, field], `${field} is true; remove it so the pod keeps its own namespace`);
  }
  let hostVolumes: Set<string> | undefined;
  listOf(pod.spec.volumes).forEach((v, i) => {
    if (!isMap(v) || !isMap(v.hostPath) || typeof v.name !== 'string') return;
    (hostVolumes ??= new Set()).add(v.name);
    // "/", "//" and "/." all name the node's root.
    if (typeof v.hostPath.path === 'string' && posix.normalize(v.hostPath.path).replace(/\/+$/, '') === '') {
      report('host-root', [...pod.path, 'volumes', i, 'hostPath', 'path'], `hostPath volume "${v.name}" mounts the node's root filesystem; mount only the folders this pod reads`);
    }
  });
  if (!hostVolumes) return;
  const hostPaths = hostVolumes;
  for (const { container, path } of containersOf(pod)) {
    listOf(container.volumeMounts).forEach((m, i) => {
      if (isMap(m) && hostPaths.has(m.name as string) && m.readOnly !== true) {
        report('writable-host-path', [...path, 'volumeMounts', i, 'readOnly'], `hostPath volume "${String(m.name)}" is mounted writable; set readOnly: true`);
      }
    });
  }
}
