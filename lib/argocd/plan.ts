// `lgtm plan`'s model: the Applications Argo CD would run for a Git revision of this repository,
// read with the real `git` (no checkout), and what is wrong with them before Argo CD finds out.
import { parseAllDocuments } from 'yaml';
import { yamlErrorText } from '../yaml/error-text';
import { listFilesAt, readFilesAt, resolveCommit } from '../git/read';
import type { KubeObject } from '../k8s/types';
import { CLUSTER_SCOPED } from '../k8s/scope';
import { expandApplicationSet } from './generate';
import { plainDirectoryProblems } from './plain-directory';
import { projectProblems } from './permits';
import { SYNC_OPTIONS_ANNOTATION } from './names';

export type FindingClass =
  | 'missing-path'
  | 'empty-path'
  | 'not-plain-directory'
  | 'template'
  | 'duplicate-name'
  | 'invalid-name'
  | 'glob'
  | 'empty-generator'
  | 'unsupported'
  | 'project'
  | 'parse'
  | 'shared-resource'
  | 'unprotected-namespace'
  | 'not-an-object';

export interface PlanFinding {
  class: FindingClass;
  message: string;
}

export interface PlannedApp {
  name: string;
  project: string;
  path: string;
  server: string;
  namespace: string;
  /** `manual`, or `automated` with its flags. */
  sync: string;
  /** Kubernetes objects Argo CD would read from the path. */
  objects: number;
  /** `group/Kind/namespace/name` of each object, sorted: what the Application owns on its cluster. */
  resources: string[];
  /** Where it comes from: the ApplicationSet or the Application file. */
  origin: string;
}

export interface Plan {
  commit: string;
  applications: PlannedApp[];
  /** Errors: Argo CD would fail, delete or misread something. */
  findings: PlanFinding[];
  /** Risks that do not fail the plan. */
  warnings: PlanFinding[];
}

/** Folders rendered for Argo CD itself; every ApplicationSet, Application and AppProject lives there. */
const ARGOCD_FILE = /^environments\/[^/]+\/manifests\/argocd\/.+\.(ya?ml|json)$/;
const MANIFEST_FILE = /\.(ya?ml|json)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Every folder of the tree, as Argo CD's repo server lists them for a directory generator: hidden
 * folders and everything below them skipped, unless the repo server runs with
 * `--include-hidden-directories` (`includeHidden`).
 */
export function directoriesOf(files: readonly string[], includeHidden = false): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (!includeHidden && parts[i - 1]!.startsWith('.')) break;
      dirs.add(parts.slice(0, i).join('/'));
    }
  }
  return [...dirs].sort();
}

interface Doc {
  file: string;
  object: KubeObject;
}

/** Kubernetes objects of YAML/JSON files, `List` kinds unwrapped; parse problems as findings. */
function objectsOf(files: Map<string, string>, findings: PlanFinding[], warnings: PlanFinding[]): Doc[] {
  const out: Doc[] = [];
  for (const [file, text] of files) {
    if (!MANIFEST_FILE.test(file)) continue;
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        findings.push({ class: 'parse', message: `${file}: ${yamlErrorText(doc.errors[0]!)}` });
        continue;
      }
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) continue;
      const o = value as KubeObject & { items?: unknown };
      if (typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
        // The repo server skips what is not a Kubernetes object (a Helm Chart.yaml, a values file).
        warnings.push({ class: 'not-an-object', message: `${file}: a document without apiVersion and kind, which Argo CD skips; move it out of the app folder if it is not meant to be there` });
        continue;
      }
      if (o.kind.endsWith('List') && Array.isArray(o.items)) {
        for (const item of o.items as KubeObject[]) out.push({ file, object: item });
      } else out.push({ file, object: o });
    }
  }
  return out;
}

function syncMode(spec: Record<string, any>): string {
  const automated = spec.syncPolicy?.automated;
  if (!automated || automated.enabled === false) return 'manual';
  const flags = [automated.prune ? 'prune' : '', automated.selfHeal ? 'self-heal' : ''].filter(Boolean);
  return flags.length ? `automated(${flags.join(',')})` : 'automated';
}

interface Candidate {
  application: KubeObject;
  origin: string;
}

/** Files Argo CD reads for a directory source at `path`. */
function filesUnder(all: readonly string[], path: string, recurse: boolean): string[] {
  const prefix = `${path}/`;
  return all.filter((f) => f.startsWith(prefix) && (recurse || !f.slice(prefix.length).includes('/')));
}

/** An object's identity on its cluster; a namespaced object without a namespace lands in `namespace`. */
export function resourceKey(object: KubeObject, namespace: string): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  const ns = CLUSTER_SCOPED.has(object.kind) ? '' : (object.metadata?.namespace ?? namespace);
  return `${group}/${object.kind}/${ns}/${object.metadata?.name ?? ''}`;
}

/** Objects two Applications both render for one cluster: Argo CD flags them and the apps fight. */
function sharedResources(applications: PlannedApp[]): PlanFinding[] {
  const owners = new Map<string, PlannedApp>();
  const out: PlanFinding[] = [];
  for (const app of applications) {
    for (const key of new Set(app.resources)) {
      const id = `${app.server} ${key}`;
      const other = owners.get(id);
      if (other && other.name !== app.name) {
        out.push({
          class: 'shared-resource',
          message: `${key.split('/').slice(1).join('/')} on ${app.server} is rendered by both ${other.name} (${other.path}) and ${app.name} (${app.path}); Argo CD lets one Application own an object, render it in one app only`,
        });
      } else owners.set(id, app);
    }
  }
  return out;
}

/**
 * A Namespace an Application owns is deleted with the Application (or pruned when it leaves the
 * render), and with it every workload inside, other teams' included, unless Argo CD is told not to.
 */
function unprotectedNamespaces(objects: Doc[]): Doc[] {
  return objects.filter(({ object }) => {
    if (object.kind !== 'Namespace' || object.apiVersion !== 'v1') return false;
    const options = (object.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '').split(',').map((o) => o.trim());
    return !(options.includes('Delete=false') && options.includes('Prune=false'));
  });
}

/** The Applications of every environment at `rev`, and what would go wrong with them. */
export interface PlanOptions {
  /** The repo server runs with `--include-hidden-directories`: hidden folders become Applications too. */
  includeHiddenDirectories?: boolean;
}

export function planAt(root: string, rev: string, options: PlanOptions = {}): Plan {
  const commit = resolveCommit(root, rev);
  const all = listFilesAt(root, commit, []);
  const findings: PlanFinding[] = [];
  const warnings: PlanFinding[] = [];
  const argocdDirs = [...new Set(all.filter((f) => ARGOCD_FILE.test(f)).map((f) => f.split('/').slice(0, 4).join('/')))];
  const argocdObjects = argocdDirs.length ? objectsOf(readFilesAt(root, commit, argocdDirs), findings, warnings) : [];
  const dirs = directoriesOf(all, options.includeHiddenDirectories);

  const candidates: Candidate[] = [];
  const projects = new Map<string, KubeObject>();
  for (const { file, object } of argocdObjects) {
    if (object.kind === 'AppProject') projects.set(object.metadata.name ?? '', object);
    if (object.kind === 'Application') candidates.push({ application: object, origin: file });
    if (object.kind === 'ApplicationSet') {
      const origin = `${file} (ApplicationSet ${object.metadata.name})`;
      const expansion = expandApplicationSet(object, dirs);
      for (const f of expansion.findings) findings.push({ class: f.kind, message: `${origin}: ${f.message}` });
      for (const g of expansion.applications) candidates.push({ application: g.application, origin });
    }
  }

  const sourcePaths = new Set<string>();
  for (const c of candidates) {
    const path = (c.application.spec as any)?.source?.path;
    if (typeof path === 'string' && path !== '') sourcePaths.add(path.replace(/\/+$/, ''));
  }
  const contents = sourcePaths.size ? readFilesAt(root, commit, [...sourcePaths]) : new Map<string, string>();

  const applications: PlannedApp[] = [];
  const byName = new Map<string, PlannedApp>();
  for (const { application, origin } of candidates) {
    const spec = (application.spec ?? {}) as Record<string, any>;
    const name = application.metadata?.name ?? '';
    const source = spec.source as Record<string, any> | undefined;
    const path = typeof source?.path === 'string' ? source.path.replace(/\/+$/, '') : '';
    const app: PlannedApp = {
      name,
      project: spec.project ?? '',
      path,
      server: spec.destination?.server ?? spec.destination?.name ?? '',
      namespace: spec.destination?.namespace ?? '',
      sync: syncMode(spec),
      objects: 0,
      resources: [],
      origin,
    };
    const label = `Application ${name || '(no name)'} from ${origin}`;
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
      findings.push({ class: 'invalid-name', message: `${label}: "${name}" is not a valid Kubernetes name (lower-case DNS subdomain); rename the folder` });
    }
    const clash = byName.get(name);
    if (clash) {
      // One ApplicationSet's validation drops every Application whose name repeats
      // (applicationset_controller.go); across two, the one that creates it owns it and the other
      // fails to update an Application it does not own.
      const effect = clash.origin === origin ? 'the ApplicationSet controller refuses both (neither is created or updated)' : 'the ApplicationSet that creates it first owns it, and the other reports an error on every reconcile';
      findings.push({ class: 'duplicate-name', message: `${label}: the name is also generated by ${clash.origin} for ${clash.path}; ${effect}; rename one folder` });
    } else byName.set(name, app);
    applications.push(app);

    if (!source || spec.sources) {
      findings.push({ class: 'unsupported', message: `${label}: lgtm plan evaluates a single spec.source only` });
      continue;
    }
    const tools = ['helm', 'kustomize', 'plugin'].filter((t) => source[t] !== undefined);
    if (tools.length > 0) {
      findings.push({ class: 'not-plain-directory', message: `${label}: source.${tools[0]} is set; this repository's folders are plain YAML (source.directory)` });
    }
    if (path === '') {
      findings.push({ class: 'missing-path', message: `${label}: spec.source.path is empty; Argo CD would read the repository root` });
      continue;
    }
    const files = filesUnder(all, path, source.directory?.recurse === true);
    if (filesUnder(all, path, true).length === 0) {
      findings.push({ class: 'missing-path', message: `${label}: ${path} does not exist at ${commit.slice(0, 12)}; Argo CD cannot build the Application's manifests (ComparisonError: app path does not exist) and the app stays broken until the path is back` });
      continue;
    }
    for (const p of plainDirectoryProblems(files.map((f) => f.slice(path.length + 1)), source.directory !== undefined)) {
      findings.push({ class: 'not-plain-directory', message: `${label}: ${path}/${p.message}` });
    }
    const fileContents = new Map(files.filter((f) => contents.has(f)).map((f) => [f, contents.get(f)!]));
    const objects = objectsOf(fileContents, findings, warnings);
    app.objects = objects.length;
    app.resources = objects.map(({ object }) => resourceKey(object, app.namespace)).sort();
    if (objects.length === 0) {
      findings.push({ class: 'empty-path', message: `${label}: ${path} holds no Kubernetes object; syncing it with prune would delete everything the Application owns` });
    }
    for (const { file, object } of unprotectedNamespaces(objects)) {
      warnings.push({
        class: 'unprotected-namespace',
        message: `${label}: Namespace "${object.metadata.name}" (${file}) would be deleted, with everything in it, when the Application is deleted or the namespace leaves the render; annotate it ${SYNC_OPTIONS_ANNOTATION}: Prune=false,Delete=false`,
      });
    }
    const project = projects.get(app.project);
    if (app.project !== 'default' && !project) {
      findings.push({ class: 'project', message: `${label}: AppProject ${app.project} is not defined in any environments/*/manifests/argocd/` });
    } else if (project) {
      for (const problem of projectProblems({ ...app, repoURL: source.repoURL }, project, objects)) findings.push({ class: 'project', message: `${label}: ${problem}` });
    }
  }
  applications.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  findings.push(...sharedResources(applications));
  return { commit, applications, findings, warnings };
}

export interface PlanChange {
  created: PlannedApp[];
  /**
   * Applications whose folder is gone. The ApplicationSet syncs with `create-update`, so Argo CD
   * keeps them; they can no longer build their folder, so they neither sync nor prune.
   */
  deleted: PlannedApp[];
  /** A created Application that renders objects a deleted one owned: a rename, as Argo CD sees it. */
  takeovers: { from: PlannedApp; to: PlannedApp; resources: number }[];
  /** Per deleted Application, the objects no created Application renders: left running, unmanaged. */
  abandoned: { from: PlannedApp; resources: string[] }[];
}

/** Applications that appear or disappear between two plans, by name (Argo CD's identity). */
export function compare(base: Plan, head: Plan): PlanChange {
  const baseNames = new Set(base.applications.map((a) => a.name));
  const headNames = new Set(head.applications.map((a) => a.name));
  const created = head.applications.filter((a) => !baseNames.has(a.name));
  const deleted = base.applications.filter((a) => !headNames.has(a.name));
  const takeovers: PlanChange['takeovers'] = [];
  const abandoned: PlanChange['abandoned'] = [];
  for (const from of deleted) {
    const owned = new Set(from.resources.map((r) => `${from.server} ${r}`));
    const taken = new Set<string>();
    for (const to of created) {
      const mine = to.resources.filter((r) => owned.has(`${to.server} ${r}`));
      for (const r of mine) taken.add(r);
      if (mine.length > 0) takeovers.push({ from, to, resources: mine.length });
    }
    const left = from.resources.filter((r) => !taken.has(r));
    if (left.length > 0) abandoned.push({ from, resources: left });
  }
  return { created, deleted, takeovers, abandoned };
}
