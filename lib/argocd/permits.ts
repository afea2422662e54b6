// What an AppProject lets an Application deploy, checked offline the way Argo CD checks it at sync
// time (AppProject.IsGroupKindPermitted, IsDestinationPermitted): a refused object fails the
// whole sync, so `lgtm plan` and render report it first, with the file and the fix.
import type { KubeObject } from '../k8s/types';
import { CLUSTER_SCOPED } from '../k8s/scope';
import { pathMatch } from './glob';
import { groupOf } from './waves';

export interface Target {
  project: string;
  repoURL: string;
  server: string;
  /** Destination namespace: where namespaced objects without one go. */
  namespace: string;
}

export interface FileObject {
  file: string;
  object: KubeObject;
}

type Restriction = { group?: string; kind?: string; name?: string };

// Argo CD matches group, kind and name with Go's filepath.Match, the same syntax as path.Match for
// names without separators.
const matches = (pattern: string | undefined, value: string) => pattern === undefined || pattern === value || pathMatch(pattern, value);
const listed = (list: Restriction[], group: string, kind: string, name?: string) =>
  list.some((r) => matches(r.group ?? '', group) && matches(r.kind, kind) && (r.name === undefined || (name !== undefined && matches(r.name, name))));

/** Every reason the AppProject would refuse to sync `objects` for `target`, one line each. */
export function projectProblems(target: Target, project: KubeObject, objects: readonly FileObject[]): string[] {
  const spec = (project.spec ?? {}) as Record<string, any>;
  const problems: string[] = [];
  const where = `AppProject ${target.project}`;
  const repos: string[] = spec.sourceRepos ?? [];
  if (!repos.some((r) => r === '*' || r === target.repoURL)) problems.push(`source ${target.repoURL} is not in ${where} sourceRepos`);
  const destinations: { server?: string; namespace?: string }[] = spec.destinations ?? [];
  const destinationOk = (ns: string) => destinations.some((d) => matches(d.server ?? '*', target.server) && matches(d.namespace ?? '*', ns));
  if (!destinationOk(target.namespace)) problems.push(`destination ${target.namespace}@${target.server} is not in ${where} destinations`);
  for (const { file, object } of objects) {
    const group = groupOf(object.apiVersion);
    const id = `${object.kind} "${object.metadata?.name}" (${file})`;
    if (CLUSTER_SCOPED.has(object.kind)) {
      if (!listed(spec.clusterResourceWhitelist ?? [], group, object.kind, object.metadata?.name)) {
        problems.push(`${id}: cluster-scoped ${group || 'core'}/${object.kind} is not in ${where} clusterResourceWhitelist (lib/argocd/project.ts clusterKinds)`);
      }
      continue;
    }
    const ns = object.metadata?.namespace ?? target.namespace;
    if (!destinationOk(ns)) problems.push(`${id}: namespace ${ns} is not a destination of ${where} (lib/argocd/project.ts projectNamespaces)`);
    const white: Restriction[] | undefined = spec.namespaceResourceWhitelist;
    if ((white !== undefined && !listed(white, group, object.kind)) || listed(spec.namespaceResourceBlacklist ?? [], group, object.kind)) {
      problems.push(`${id}: ${group || 'core'}/${object.kind} is not permitted by ${where}; add it to NAMESPACED_KINDS in lib/argocd/project.ts if the stack needs it`);
    }
  }
  return problems;
}
