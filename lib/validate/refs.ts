// Cross-object checks within one environment: selectors, Service ports, references to
// ServiceAccounts/ConfigMaps/Secrets/PVCs/roles, API token mounting, and endpoints in configs.
import type { KubeObject } from '../k8s/types';
import { endpointRefs, endpointResolver, findEndpoints, indexServices, type EndpointResolver } from './endpoints';
import { containersOf, podTemplateOf, type PodTemplate } from './pods';
import { formatPath } from './path';
import { isMap, listOf, type Json, type ObjectReport } from './report';
import type { ExternalRefs, Path } from './types';

interface Workload {
  object: KubeObject;
  namespace: string;
  pod: PodTemplate;
  index: number;
}

/** Kind → namespace ('' when cluster-scoped) → names: a reference is looked up without building a key. */
type Names = Map<string, Map<string, Set<string>>>;

const nameText = (name: unknown): string => (typeof name === 'string' ? name : String(name));

function addName(names: Names, kind: string, namespace: string, name: unknown): void {
  let byNs = names.get(kind);
  if (!byNs) names.set(kind, (byNs = new Map()));
  let set = byNs.get(namespace);
  if (!set) byNs.set(namespace, (set = new Set()));
  set.add(nameText(name));
}

interface EnvIndex {
  names: Names;
  workloads: Workload[];
  workloadsIn: Map<string, Workload[]>;
  /** Secrets that exist: rendered, made by an ExternalSecret, or declared external (`namespace/name`). */
  secrets: Set<string>;
  /** ServiceAccounts that some RoleBinding or ClusterRoleBinding grants rights to (`namespace/name`). */
  boundAccounts: Set<string>;
  accounts: Map<string, KubeObject>;
}

const nsOf = (o: KubeObject): string => o.metadata.namespace ?? 'default';

/** ClusterRoles every cluster has. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

function indexEnvironment(objects: readonly KubeObject[], externals: ExternalRefs): EnvIndex {
  const names: Names = new Map();
  const workloads: Workload[] = [];
  const workloadsIn = new Map<string, Workload[]>();
  const secrets = new Set(externals.secrets.map((s) => `${s.namespace}/${s.name}`));
  const boundAccounts = new Set<string>();
  const accounts = new Map<string, KubeObject>();
  objects.forEach((o, index) => {
    const ns = nsOf(o);
    addName(names, o.kind, o.metadata.namespace ?? '', o.metadata.name);
    const pod = podTemplateOf(o);
    if (pod) {
      const w = { object: o, namespace: ns, pod, index };
      workloads.push(w);
      (workloadsIn.get(ns) ?? workloadsIn.set(ns, []).get(ns)!).push(w);
    }
    if (o.kind === 'ServiceAccount') accounts.set(`${ns}/${o.metadata.name}`, o);
    if (o.kind === 'Secret') secrets.add(`${ns}/${o.metadata.name}`);
    if (o.kind === 'ExternalSecret') {
      const target = isMap(o.spec) && isMap(o.spec.target) ? o.spec.target.name : undefined;
      secrets.add(`${ns}/${String(target ?? o.metadata.name)}`);
    }
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      for (const s of listOf(o.subjects)) {
        if (isMap(s) && s.kind === 'ServiceAccount') boundAccounts.add(`${String(s.namespace ?? ns)}/${String(s.name)}`);
      }
    }
  });
  return { names, workloads, workloadsIn, secrets, boundAccounts, accounts };
}

export type ReportFor = (objectIndex: number) => ObjectReport;

function has(index: EnvIndex, kind: string, namespace: string, name: unknown): boolean {
  return index.names.get(kind)?.get(namespace)?.has(nameText(name)) ?? false;
}

function matches(selector: Json, labels: Record<string, string>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

function checkWorkloadSelector(w: Workload, report: ObjectReport): void {
  if (w.object.kind === 'Pod' || w.object.kind === 'CronJob' || w.object.kind === 'Job') return;
  const spec = isMap(w.object.spec) ? w.object.spec : {};
  const selector = isMap(spec.selector) ? spec.selector : undefined;
  const matchLabels = selector && isMap(selector.matchLabels) ? selector.matchLabels : w.object.kind === 'ReplicationController' ? selector : undefined;
  if (!matchLabels) return;
  for (const k in matchLabels) {
    if (w.pod.labels[k] !== matchLabels[k]) {
      report('selector', ['spec', 'selector', 'matchLabels', k], `selector ${k}=${String(matchLabels[k])} does not match the pod template label (${w.pod.labels[k] ?? 'absent'}); use selectorLabels() for both`);
    }
  }
}

/** Declared ports of the long-running containers of the given pods. */
function portsOf(pods: Workload[]): { name?: string; containerPort: number }[] {
  const out: { name?: string; containerPort: number }[] = [];
  for (const w of pods) {
    for (const c of containersOf(w.pod)) {
      if (c.init) continue;
      for (const p of listOf(c.container.ports)) if (isMap(p)) out.push(p as { name?: string; containerPort: number });
    }
  }
  return out;
}

function checkService(index: EnvIndex, service: KubeObject, report: ObjectReport): void {
  const spec = isMap(service.spec) ? service.spec : {};
  if (spec.type === 'ExternalName' || !isMap(spec.selector)) return; // endpoints managed elsewhere
  const selector = spec.selector;
  const ns = nsOf(service);
  const selected = (index.workloadsIn.get(ns) ?? []).filter((w) => matches(selector, w.pod.labels));
  if (selected.length === 0) {
    const text = Object.entries(selector).map(([k, v]) => `${k}=${String(v)}`).join(',');
    report('service-selector', ['spec', 'selector'], `selector ${text} matches no pod template in namespace ${ns}; fix the selector or the workload's pod labels (selectorLabels())`);
    return;
  }
  const declared = portsOf(selected);
  listOf(spec.ports).forEach((p, i) => {
    if (!isMap(p)) return;
    const target = p.targetPort ?? p.port;
    const ok = typeof target === 'string' ? declared.some((d) => d.name === target) : declared.some((d) => d.containerPort === target);
    if (!ok) {
      const have = declared.map((d) => (d.name ? `${d.name} ${d.containerPort}` : String(d.containerPort))).join(', ') || 'none';
      const workloads = [...new Set(selected.map((w) => `${w.object.kind}/${w.object.metadata.name}`))].join(', ');
      report('service-target-port', ['spec', 'ports', i, p.targetPort !== undefined ? 'targetPort' : 'port'], `targetPort ${JSON.stringify(target)} is not a container port of ${workloads} (ports: ${have}); use one of those`);
    }
  });
}

function checkPodReferences(index: EnvIndex, w: Workload, report: ObjectReport): void {
  const { spec, path } = w.pod;
  const ns = w.namespace;
  // Paths are built only for what is reported: most references resolve.
  const missing = (at: Path, what: string, name: unknown, fix: string): void =>
    report('missing-reference', at, `${what} "${String(name)}" does not exist in namespace ${ns}; ${fix}`);
  const noSecret = (name: unknown, optional: unknown): boolean => optional !== true && !index.secrets.has(`${ns}/${String(name)}`);
  const noConfigMap = (name: unknown, optional: unknown): boolean => optional !== true && name !== 'kube-root-ca.crt' && !has(index, 'ConfigMap', ns, name);
  const secret = (at: Path, name: unknown): void => missing(at, 'Secret', name, "render it as an ExternalSecret or declare it in the app's externals().secrets");
  const configMap = (at: Path, name: unknown): void => missing(at, 'ConfigMap', name, 'render it or fix the name');
  const sa = spec.serviceAccountName;
  if (typeof sa === 'string' && sa !== 'default' && !has(index, 'ServiceAccount', ns, sa)) missing([...path, 'serviceAccountName'], 'ServiceAccount', sa, 'render it or fix the name');
  listOf(spec.imagePullSecrets).forEach((s, i) => {
    if (isMap(s) && noSecret(s.name, false)) secret([...path, 'imagePullSecrets', i, 'name'], s.name);
  });
  listOf(spec.volumes).forEach((v, i) => {
    if (!isMap(v)) return;
    if (isMap(v.configMap) && noConfigMap(v.configMap.name, v.configMap.optional)) configMap([...path, 'volumes', i, 'configMap', 'name'], v.configMap.name);
    if (isMap(v.secret) && noSecret(v.secret.secretName, v.secret.optional)) secret([...path, 'volumes', i, 'secret', 'secretName'], v.secret.secretName);
    if (isMap(v.persistentVolumeClaim) && !has(index, 'PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName)) {
      missing([...path, 'volumes', i, 'persistentVolumeClaim', 'claimName'], 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, 'render it or use a StatefulSet volumeClaimTemplate');
    }
    if (isMap(v.projected)) {
      listOf(v.projected.sources).forEach((s, j) => {
        if (!isMap(s)) return;
        if (isMap(s.configMap) && noConfigMap(s.configMap.name, s.configMap.optional)) configMap([...path, 'volumes', i, 'projected', 'sources', j, 'configMap', 'name'], s.configMap.name);
        if (isMap(s.secret) && noSecret(s.secret.name, s.secret.optional)) secret([...path, 'volumes', i, 'projected', 'sources', j, 'secret', 'name'], s.secret.name);
      });
    }
  });
  for (const c of containersOf(w.pod)) {
    listOf(c.container.env).forEach((e, i) => {
      const from = isMap(e) && isMap(e.valueFrom) ? e.valueFrom : undefined;
      if (!from) return;
      if (isMap(from.secretKeyRef) && noSecret(from.secretKeyRef.name, from.secretKeyRef.optional)) secret([...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], from.secretKeyRef.name);
      if (isMap(from.configMapKeyRef) && noConfigMap(from.configMapKeyRef.name, from.configMapKeyRef.optional)) configMap([...c.path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], from.configMapKeyRef.name);
    });
    listOf(c.container.envFrom).forEach((e, i) => {
      if (!isMap(e)) return;
      if (isMap(e.secretRef) && noSecret(e.secretRef.name, e.secretRef.optional)) secret([...c.path, 'envFrom', i, 'secretRef', 'name'], e.secretRef.name);
      if (isMap(e.configMapRef) && noConfigMap(e.configMapRef.name, e.configMapRef.optional)) configMap([...c.path, 'envFrom', i, 'configMapRef', 'name'], e.configMapRef.name);
    });
  }
}

function checkAutomount(index: EnvIndex, w: Workload, report: ObjectReport): void {
  const { spec, path } = w.pod;
  const sa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
  if (index.boundAccounts.has(`${w.namespace}/${sa}`)) return;
  const account = index.accounts.get(`${w.namespace}/${sa}`);
  if (!account && sa !== 'default') return; // reported as a missing reference
  const mounted = spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
  if (mounted !== false) {
    report('automount-token', [...path, 'automountServiceAccountToken'], `pods mount an API token, but ServiceAccount "${sa}" has no RoleBinding or ClusterRoleBinding; set automountServiceAccountToken: false`);
  }
}

function checkBinding(index: EnvIndex, binding: KubeObject, report: ObjectReport): void {
  const ns = nsOf(binding);
  const roleRef = isMap(binding.roleRef) ? binding.roleRef : {};
  const name = roleRef.name;
  if (roleRef.kind === 'Role' && !has(index, 'Role', ns, name)) {
    report('missing-reference', ['roleRef', 'name'], `Role "${String(name)}" does not exist in namespace ${ns}; render it or fix roleRef`);
  } else if (roleRef.kind === 'ClusterRole' && !has(index, 'ClusterRole', '', name) && !BUILT_IN_CLUSTER_ROLES.has(String(name)) && !String(name).startsWith('system:')) {
    report('missing-reference', ['roleRef', 'name'], `ClusterRole "${String(name)}" is neither rendered nor built in; render it or fix roleRef`);
  }
  listOf(binding.subjects).forEach((s, i) => {
    if (!isMap(s) || s.kind !== 'ServiceAccount') return;
    const subjectNs = String(s.namespace ?? ns);
    if (s.name !== 'default' && !has(index, 'ServiceAccount', subjectNs, s.name)) {
      report('missing-reference', ['subjects', i, 'name'], `ServiceAccount "${String(s.name)}" does not exist in namespace ${subjectNs}; render it or fix the subject`);
    }
  });
}

function checkArgoProject(index: EnvIndex, app: KubeObject, report: ObjectReport): void {
  const spec = app.kind === 'Application' ? app.spec : isMap(app.spec) && isMap(app.spec.template) ? app.spec.template.spec : undefined;
  const project = isMap(spec) ? spec.project : undefined;
  if (typeof project !== 'string' || project === 'default' || project.includes('{{')) return;
  if (!has(index, 'AppProject', nsOf(app), project)) {
    const at = app.kind === 'Application' ? ['spec', 'project'] : ['spec', 'template', 'spec', 'project'];
    report('missing-reference', at, `AppProject "${project}" does not exist in namespace ${nsOf(app)}; render it or fix the project`);
  }
}

function checkConfigEndpoints(resolve: EndpointResolver, configMap: KubeObject, report: ObjectReport): void {
  const data = configMap.data;
  if (!isMap(data)) return; // binaryData is not text
  for (const key in data) {
    const text = data[key];
    if (typeof text !== 'string') continue;
    const found = findEndpoints(text);
    if (found.length === 0) continue;
    const path = ['data', key];
    for (const p of resolve(endpointRefs(found, formatPath(path)))) report('endpoint', path, p.message, p.ref.line);
  }
}

/** Runs the cross-object checks of one environment. */
export function checkReferences(objects: readonly KubeObject[], externals: ExternalRefs, reportFor: ReportFor): void {
  const index = indexEnvironment(objects, externals);
  for (const w of index.workloads) {
    const report = reportFor(w.index);
    checkWorkloadSelector(w, report);
    checkPodReferences(index, w, report);
    checkAutomount(index, w, report);
  }
  const resolve = endpointResolver(indexServices(objects), externals.endpoints);
  objects.forEach((o, i) => {
    switch (o.kind) {
      case 'Service':
        checkService(index, o, reportFor(i));
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        checkBinding(index, o, reportFor(i));
        break;
      case 'Application':
      case 'ApplicationSet':
        checkArgoProject(index, o, reportFor(i));
        break;
      case 'ConfigMap':
        checkConfigEndpoints(resolve, o, reportFor(i));
        break;
    }
  });
}
