// Cross-object checks within one environment: selectors, Service ports, references to
// ServiceAccounts/ConfigMaps/Secrets/PVCs/roles, API token mounting, and endpoints in configs.
import type { KubeObject } from '../k8s/types';
import { endpointJudge, endpointProblems, indexServices, type EndpointJudge } from './endpoints';
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

/** Namespace → names: a reference is looked up without building a `namespace/name` key. */
type ByNamespace = Map<string, Set<string>>;
/** Kind → namespace ('' when cluster-scoped) → names. */
type Names = Map<string, ByNamespace>;

const nameText = (name: unknown): string => (typeof name === 'string' ? name : String(name));

function addTo(sets: ByNamespace, namespace: string, name: unknown): void {
  let set = sets.get(namespace);
  if (!set) sets.set(namespace, (set = new Set()));
  set.add(nameText(name));
}

const isIn = (sets: ByNamespace, namespace: string, name: unknown): boolean => sets.get(namespace)?.has(nameText(name)) ?? false;

function addName(names: Names, kind: string, namespace: string, name: unknown): void {
  let byNs = names.get(kind);
  if (!byNs) names.set(kind, (byNs = new Map()));
  addTo(byNs, namespace, name);
}

interface EnvIndex {
  names: Names;
  workloads: Workload[];
  workloadsIn: Map<string, Workload[]>;
  /** Secrets that exist: rendered, made by an ExternalSecret, or declared external. */
  secrets: ByNamespace;
  /** ServiceAccounts that some RoleBinding or ClusterRoleBinding grants rights to. */
  boundAccounts: ByNamespace;
  /** ServiceAccounts by namespace and name. */
  accounts: Map<string, Map<string, KubeObject>>;
}

const nsOf = (o: KubeObject): string => o.metadata.namespace ?? 'default';

/** The kinds that objects refer to by name: only these are indexed by name. */
type ReferredKind = 'AppProject' | 'ClusterRole' | 'ConfigMap' | 'PersistentVolumeClaim' | 'Role' | 'ServiceAccount';
const REFERRED_KINDS: ReadonlySet<string> = new Set<ReferredKind>(['AppProject', 'ClusterRole', 'ConfigMap', 'PersistentVolumeClaim', 'Role', 'ServiceAccount']);

/** ClusterRoles every cluster has. */
const BUILT_IN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

function indexEnvironment(objects: readonly KubeObject[], externals: ExternalRefs): EnvIndex {
  const names: Names = new Map();
  const workloads: Workload[] = [];
  const workloadsIn = new Map<string, Workload[]>();
  const secrets: ByNamespace = new Map();
  for (const s of externals.secrets) addTo(secrets, s.namespace, s.name);
  const boundAccounts: ByNamespace = new Map();
  const accounts = new Map<string, Map<string, KubeObject>>();
  objects.forEach((o, index) => {
    const ns = nsOf(o);
    const kind = o.kind;
    if (REFERRED_KINDS.has(kind)) addName(names, kind, o.metadata.namespace ?? '', o.metadata.name);
    const pod = podTemplateOf(o);
    if (pod) {
      const w = { object: o, namespace: ns, pod, index };
      workloads.push(w);
      (workloadsIn.get(ns) ?? workloadsIn.set(ns, []).get(ns)!).push(w);
      return;
    }
    if (kind === 'ServiceAccount') (accounts.get(ns) ?? accounts.set(ns, new Map()).get(ns)!).set(nameText(o.metadata.name), o);
    else if (kind === 'Secret') addTo(secrets, ns, o.metadata.name);
    else if (kind === 'ExternalSecret') {
      const target = isMap(o.spec) && isMap(o.spec.target) ? o.spec.target.name : undefined;
      addTo(secrets, ns, target ?? o.metadata.name);
    } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      for (const s of listOf(o.subjects)) {
        if (isMap(s) && s.kind === 'ServiceAccount') addTo(boundAccounts, String(s.namespace ?? ns), s.name);
      }
    }
  });
  return { names, workloads, workloadsIn, secrets, boundAccounts, accounts };
}

export type ReportFor = (objectIndex: number) => ObjectReport;

function has(index: EnvIndex, kind: ReferredKind, namespace: string, name: unknown): boolean {
  const byNs = index.names.get(kind);
  return byNs !== undefined && isIn(byNs, namespace, name);
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

/** Whether a long-running container of the given pods declares the port (a name, or a number). */
function servesPort(pods: readonly Workload[], target: unknown): boolean {
  for (const w of pods) {
    for (const c of containersOf(w.pod)) {
      if (c.init) continue;
      const ports = listOf(c.container.ports);
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i];
        if (isMap(p) && (typeof target === 'string' ? p.name === target : p.containerPort === target)) return true;
      }
    }
  }
  return false;
}

/** The declared ports of the pods, for a message: `http 8080, 9095`. */
function describeServed(pods: readonly Workload[]): string {
  const out: string[] = [];
  for (const w of pods) {
    for (const c of containersOf(w.pod)) {
      if (c.init) continue;
      for (const p of listOf(c.container.ports)) if (isMap(p)) out.push(p.name ? `${String(p.name)} ${String(p.containerPort)}` : String(p.containerPort));
    }
  }
  return out.join(', ') || 'none';
}

const NO_WORKLOADS: readonly Workload[] = [];

function checkService(index: EnvIndex, service: KubeObject, report: ObjectReport): void {
  const spec = isMap(service.spec) ? service.spec : {};
  if (spec.type === 'ExternalName' || !isMap(spec.selector)) return; // endpoints managed elsewhere
  const selector = spec.selector;
  const ns = nsOf(service);
  const selected = (index.workloadsIn.get(ns) ?? NO_WORKLOADS).filter((w) => matches(selector, w.pod.labels));
  if (selected.length === 0) {
    const text = Object.entries(selector).map(([k, v]) => `${k}=${String(v)}`).join(',');
    report('service-selector', ['spec', 'selector'], `selector ${text} matches no pod template in namespace ${ns}; fix the selector or the workload's pod labels (selectorLabels())`);
    return;
  }
  const ports = listOf(spec.ports);
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (!isMap(p)) continue;
    const target = p.targetPort ?? p.port;
    if (servesPort(selected, target)) continue;
    const workloads = [...new Set(selected.map((w) => `${w.object.kind}/${w.object.metadata.name}`))].join(', ');
    report('service-target-port', ['spec', 'ports', i, p.targetPort !== undefined ? 'targetPort' : 'port'], `targetPort ${JSON.stringify(target)} is not a container port of ${workloads} (ports: ${describeServed(selected)}); use one of those`);
  }
}

const SECRET_FIX = "render it as an ExternalSecret or declare it in the app's externals().secrets";
const RENDER_FIX = 'render it or fix the name';

/** A reference the pod spec makes that nothing renders; paths are built only for these. */
function missing(report: ObjectReport, ns: string, at: Path, what: string, name: unknown, fix: string): void {
  report('missing-reference', at, `${what} "${String(name)}" does not exist in namespace ${ns}; ${fix}`);
}

const noSecret = (index: EnvIndex, ns: string, name: unknown, optional: unknown): boolean => optional !== true && !isIn(index.secrets, ns, name);
const noConfigMap = (index: EnvIndex, ns: string, name: unknown, optional: unknown): boolean => optional !== true && name !== 'kube-root-ca.crt' && !has(index, 'ConfigMap', ns, name);

// One function without closures: it runs for every workload of every environment.
function checkPodReferences(index: EnvIndex, w: Workload, report: ObjectReport): void {
  const { spec, path } = w.pod;
  const ns = w.namespace;
  const sa = spec.serviceAccountName;
  if (typeof sa === 'string' && sa !== 'default' && !has(index, 'ServiceAccount', ns, sa)) missing(report, ns, [...path, 'serviceAccountName'], 'ServiceAccount', sa, RENDER_FIX);
  const pullSecrets = listOf(spec.imagePullSecrets);
  for (let i = 0; i < pullSecrets.length; i++) {
    const s = pullSecrets[i];
    if (isMap(s) && noSecret(index, ns, s.name, false)) missing(report, ns, [...path, 'imagePullSecrets', i, 'name'], 'Secret', s.name, SECRET_FIX);
  }
  const volumes = listOf(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (!isMap(v)) continue;
    if (isMap(v.configMap) && noConfigMap(index, ns, v.configMap.name, v.configMap.optional)) missing(report, ns, [...path, 'volumes', i, 'configMap', 'name'], 'ConfigMap', v.configMap.name, RENDER_FIX);
    if (isMap(v.secret) && noSecret(index, ns, v.secret.secretName, v.secret.optional)) missing(report, ns, [...path, 'volumes', i, 'secret', 'secretName'], 'Secret', v.secret.secretName, SECRET_FIX);
    if (isMap(v.persistentVolumeClaim) && !has(index, 'PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName)) {
      missing(report, ns, [...path, 'volumes', i, 'persistentVolumeClaim', 'claimName'], 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, 'render it or use a StatefulSet volumeClaimTemplate');
    }
    if (isMap(v.projected)) {
      const sources = listOf(v.projected.sources);
      for (let j = 0; j < sources.length; j++) {
        const s = sources[j];
        if (!isMap(s)) continue;
        if (isMap(s.configMap) && noConfigMap(index, ns, s.configMap.name, s.configMap.optional)) missing(report, ns, [...path, 'volumes', i, 'projected', 'sources', j, 'configMap', 'name'], 'ConfigMap', s.configMap.name, RENDER_FIX);
        if (isMap(s.secret) && noSecret(index, ns, s.secret.name, s.secret.optional)) missing(report, ns, [...path, 'volumes', i, 'projected', 'sources', j, 'secret', 'name'], 'Secret', s.secret.name, SECRET_FIX);
      }
    }
  }
  for (const c of containersOf(w.pod)) {
    const env = listOf(c.container.env);
    for (let i = 0; i < env.length; i++) {
      const e = env[i];
      const from = isMap(e) && isMap(e.valueFrom) ? e.valueFrom : undefined;
      if (!from) continue;
      if (isMap(from.secretKeyRef) && noSecret(index, ns, from.secretKeyRef.name, from.secretKeyRef.optional)) missing(report, ns, [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], 'Secret', from.secretKeyRef.name, SECRET_FIX);
      if (isMap(from.configMapKeyRef) && noConfigMap(index, ns, from.configMapKeyRef.name, from.configMapKeyRef.optional)) missing(report, ns, [...c.path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], 'ConfigMap', from.configMapKeyRef.name, RENDER_FIX);
    }
    const envFrom = listOf(c.container.envFrom);
    for (let i = 0; i < envFrom.length; i++) {
      const e = envFrom[i];
      if (!isMap(e)) continue;
      if (isMap(e.secretRef) && noSecret(index, ns, e.secretRef.name, e.secretRef.optional)) missing(report, ns, [...c.path, 'envFrom', i, 'secretRef', 'name'], 'Secret', e.secretRef.name, SECRET_FIX);
      if (isMap(e.configMapRef) && noConfigMap(index, ns, e.configMapRef.name, e.configMapRef.optional)) missing(report, ns, [...c.path, 'envFrom', i, 'configMapRef', 'name'], 'ConfigMap', e.configMapRef.name, RENDER_FIX);
    }
  }
}

function checkAutomount(index: EnvIndex, w: Workload, report: ObjectReport): void {
  const { spec, path } = w.pod;
  const sa = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
  if (isIn(index.boundAccounts, w.namespace, sa)) return;
  const account = index.accounts.get(w.namespace)?.get(sa);
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

function checkConfigEndpoints(judge: EndpointJudge, configMap: KubeObject, report: ObjectReport): void {
  const data = configMap.data;
  if (!isMap(data)) return; // binaryData is not text
  for (const key in data) {
    const text = data[key];
    if (typeof text !== 'string') continue;
    const path = ['data', key];
    for (const p of endpointProblems(judge, text, () => formatPath(path))) report('endpoint', path, p.message, p.line);
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
  const judge = endpointJudge(indexServices(objects), externals.endpoints);
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
        checkConfigEndpoints(judge, o, reportFor(i));
        break;
    }
  });
}
