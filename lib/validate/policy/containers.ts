// Policies on each container of a workload: pinned image, resources, probes, and the
// restricted Pod Security Standard fields.
import { containersOf, podTemplateOf, type ContainerAt, type PodTemplate } from '../pods';
import { isMap, type Json, type ObjectCheck, type ObjectReport } from '../report';

/** Tag of an image reference (`registry:5000/org/app:1.2` → `1.2`), '' when absent; digests pin too. */
export function imageTag(image: string): { tag: string; digest: boolean } {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  return { tag, digest: at >= 0 };
}

function checkImage({ container, path }: ContainerAt, report: ObjectReport): void {
  const image = container.image;
  if (typeof image !== 'string' || image === '') {
    report('image-tag', [...path, 'image'], 'image is missing; set a pinned image from lib/versions.ts');
    return;
  }
  const { tag, digest } = imageTag(image);
  if (digest) return;
  if (tag === '') report('image-tag', [...path, 'image'], `image "${image}" has no tag; pin a version (lib/versions.ts)`);
  else if (tag === 'latest') report('image-tag', [...path, 'image'], `image "${image}" uses the latest tag; pin a version (lib/versions.ts)`);
}

function checkResources({ container, path }: ContainerAt, report: ObjectReport): void {
  const resources = isMap(container.resources) ? container.resources : {};
  const requests = isMap(resources.requests) ? resources.requests : {};
  const limits = isMap(resources.limits) ? resources.limits : {};
  if (requests.cpu === undefined) report('resources', [...path, 'resources', 'requests', 'cpu'], 'CPU request is missing; set resources.requests.cpu (resources(size) in lib/k8s/workload.ts)');
  if (requests.memory === undefined) report('resources', [...path, 'resources', 'requests', 'memory'], 'memory request is missing; set resources.requests.memory (resources(size) in lib/k8s/workload.ts)');
  if (limits.memory === undefined) report('resources', [...path, 'resources', 'limits', 'memory'], 'memory limit is missing; set resources.limits.memory (resources(size) in lib/k8s/workload.ts)');
}

const SUFFIX: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** A Kubernetes quantity as a number (`250m` → 0.25, `1Gi` → 2^30, `1e3` → 1000), or undefined. */
// Objects repeat the same few quantities (100m, 256Mi): each is parsed once, up to a bound.
const QUANTITIES = new Map<string, number | undefined>();

export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  let value = QUANTITIES.get(q);
  if (value === undefined && !QUANTITIES.has(q)) {
    if (QUANTITIES.size >= 4096) QUANTITIES.clear();
    QUANTITIES.set(q, (value = parseQuantity(q)));
  }
  return value;
}

function parseQuantity(q: string): number | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?)$/.exec(q);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? 10 ** Number(m[2].slice(1)) : SUFFIX[m[3] ?? '']!);
}

/** The API server refuses a request above its limit (core validation, ValidateResourceRequirements). */
function checkRequestsWithinLimits({ container, path }: ContainerAt, report: ObjectReport): void {
  const resources = isMap(container.resources) ? container.resources : {};
  const requests = isMap(resources.requests) ? resources.requests : {};
  const limits = isMap(resources.limits) ? resources.limits : {};
  for (const name in limits) {
    const limit = limits[name];
    const req = quantityValue(requests[name]);
    const lim = quantityValue(limit);
    if (req !== undefined && lim !== undefined && req > lim) {
      report('request-above-limit', [...path, 'resources', 'requests', name], `request ${String(requests[name])} is above the limit ${String(limit)}; the API server rejects it: lower the request or raise the limit (sizes in env.ts)`);
    }
  }
}

function checkProbes({ container, path }: ContainerAt, report: ObjectReport): void {
  if (container.readinessProbe === undefined) report('probes', [...path, 'readinessProbe'], 'readinessProbe is missing; add one so traffic only reaches a ready pod');
  if (container.livenessProbe === undefined) report('probes', [...path, 'livenessProbe'], 'livenessProbe is missing; add one so a stuck process is restarted');
}

function checkSecurity(pod: PodTemplate, { container, path }: ContainerAt, report: ObjectReport): void {
  const podSc = isMap(pod.spec.securityContext) ? pod.spec.securityContext : {};
  const sc: Json = isMap(container.securityContext) ? container.securityContext : {};
  const at = (...rest: string[]) => [...path, 'securityContext', ...rest];
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  if (runAsUser === 0) report('run-as-non-root', at('runAsUser'), 'runs as root (runAsUser: 0); use a non-zero runAsUser and runAsNonRoot: true');
  else if (runAsNonRoot !== true) report('run-as-non-root', at('runAsNonRoot'), 'runAsNonRoot is not true; set securityContext.runAsNonRoot: true on the pod or container');
  if (sc.readOnlyRootFilesystem !== true) report('read-only-root-fs', at('readOnlyRootFilesystem'), 'readOnlyRootFilesystem is not true; set it and mount an emptyDir where the process writes');
  if (sc.allowPrivilegeEscalation !== false) report('privilege-escalation', at('allowPrivilegeEscalation'), 'allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false');
  const caps = isMap(sc.capabilities) ? sc.capabilities : {};
  if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) report('drop-capabilities', at('capabilities', 'drop'), 'capabilities are not dropped; set securityContext.capabilities.drop: [ALL]');
  const seccomp = sc.seccompProfile ?? podSc.seccompProfile;
  const type = isMap(seccomp) ? seccomp.type : undefined;
  if (type !== 'RuntimeDefault' && type !== 'Localhost') report('seccomp', at('seccompProfile', 'type'), 'seccompProfile is not RuntimeDefault; set securityContext.seccompProfile.type: RuntimeDefault on the pod or container');
  if (sc.privileged === true) report('privileged', at('privileged'), 'container is privileged; remove privileged: true and grant only the capability it needs');
}

export const containerPolicies: ObjectCheck = (object, report) => {
  const pod = podTemplateOf(object);
  if (!pod) return;
  for (const c of containersOf(pod)) {
    checkImage(c, report);
    checkResources(c, report);
    checkRequestsWithinLimits(c, report);
    if (pod.longRunning && !c.init) checkProbes(c, report);
    checkSecurity(pod, c, report);
  }
};
