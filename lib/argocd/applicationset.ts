// The ApplicationSet of one environment: one Application per folder under
// `environments/<env>/manifests/`, except the `argocd` folder, which the root Application owns.
// Types only: the model classes cost ~150 ms to load and add nothing that lib/validate does not
// check strictly at render time.
import type { IApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { stringify } from 'yaml';
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';
import { ENVIRONMENT_LABEL } from '../k8s/labels';
import {
  ARGOCD_NAMESPACE,
  COMPARE_OPTIONS_ANNOTATION,
  MANIFEST_GENERATE_PATHS_ANNOTATION,
  SERVER_SIDE_DIFF,
  applicationSetName,
  argocdPath,
  manifestsPath,
  projectName,
} from './names';

/**
 * Sync options of every generated Application. `CreateNamespace` covers a sync that runs before
 * the platform app created the namespace; `ServerSideApply` keeps large ConfigMaps (dashboards)
 * clear of the 256 KiB last-applied annotation; `PruneLast` removes objects only once the new ones
 * are healthy.
 */
export const SYNC_OPTIONS = ['CreateNamespace=true', 'ServerSideApply=true', 'PruneLast=true'] as const;

/** Retries a failed sync (a CRD or namespace not there yet) with backoff: 10s, 20s, 40s, 80s, 160s. */
export const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;

/**
 * Automated environments retry without limit (a negative limit, controller/appcontroller.go in
 * Argo CD 3.4/3.5), every 3 minutes at most. After a limited number of failed attempts, automated
 * sync skips that revision until the next commit touches the app ("failed previous sync
 * attempt"), and Argo CD has no order between Applications: db-exporters deploys into `databases`,
 * which the platform Application creates, so on a fresh cluster its first syncs fail until
 * platform has run. Retrying until it succeeds makes that order converge by itself; a sync that
 * can never succeed shows as retrying in the UI instead of silently giving up.
 */
export const AUTOMATED_RETRY = { ...RETRY, limit: -1 } as const;

export function retryOf(env: Environment) {
  return env.sync.mode === 'automated' ? AUTOMATED_RETRY : RETRY;
}

/**
 * The sync policy, as a `templatePatch`: Argo CD cannot template a boolean field of `template`,
 * and the patch is where a per-app override (`{{ if eq .path.basename "…" }}`) would go. Automated
 * environments sync, prune and self-heal on every push; a manual one (prod) has no `automated`
 * block at all, so only a person syncs it, from the UI.
 */
export function syncPolicyPatch(env: Environment): string {
  const syncPolicy = {
    ...(env.sync.mode === 'automated' ? { automated: { prune: true, selfHeal: true } } : {}),
    syncOptions: [...SYNC_OPTIONS, ...(keepsObjectsOnDelete(env) ? ['Delete=false'] : [])],
    retry: retryOf(env),
  };
  return stringify({ spec: { syncPolicy } });
}

/**
 * Upstream's protection against deleting an ApplicationSet by accident (`kubectl delete
 * applicationset`, a pruned root folder): the controller then deletes every generated
 * Application, and an Application with the resources finalizer takes its workloads with it. With
 * `preserveResourcesOnDeletion` the controller adds no finalizer, so a deleted Application leaves
 * its objects running, in every environment. A person who means to remove an app's objects
 * deletes it with cascade (`argocd app delete`, or the UI's default), which adds the finalizer
 * for that one deletion. Data-bearing objects (PVCs, Namespaces) also carry `Delete=false`.
 */
export const PRESERVE_RESOURCES_ON_DELETION = true;

/**
 * An environment synced only by a person (prod) keeps every object of an Application even when
 * the Application is deleted with cascade, the UI's and CLI's default: the API server adds the
 * resources finalizer whenever cascade is not false, so `preserveResourcesOnDeletion` alone does
 * not protect it. `Delete=false` as an Application sync option applies to every object without
 * its own annotation (controller/appcontroller.go, Argo CD 3.4/3.5). Removing a prod app's objects
 * is then a deliberate kubectl delete (docs/argocd.md, "What survives which delete").
 */
export const keepsObjectsOnDelete = (env: Environment): boolean => env.sync.mode === 'manual';

export function applicationSet(env: Environment): KubeObject {
  const set: IApplicationSet = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: applicationSetName(env), namespace: ARGOCD_NAMESPACE },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [
        {
          git: {
            repoURL: env.git.repoURL,
            revision: env.git.revision,
            directories: [{ path: `${manifestsPath(env)}/*` }, { path: argocdPath(env), exclude: true }],
          },
        },
      ],
      // Never delete an Application because its folder vanished from Git: `lgtm plan --base`
      // reports that in review, and a person removes the Application on purpose.
      syncPolicy: { applicationsSync: 'create-update', preserveResourcesOnDeletion: PRESERVE_RESOURCES_ON_DELETION },
      template: {
        metadata: {
          name: '{{.path.basenameNormalized}}-{{index .path.segments 1}}',
          labels: { 'app.kubernetes.io/part-of': 'lgtm', [ENVIRONMENT_LABEL]: env.name },
          // A commit that does not touch the app's folder does not invalidate its manifest cache.
          annotations: { [MANIFEST_GENERATE_PATHS_ANNOTATION]: '.', [COMPARE_OPTIONS_ANNOTATION]: SERVER_SIDE_DIFF },
        },
        spec: {
          project: projectName(env),
          source: {
            repoURL: env.git.repoURL,
            targetRevision: env.git.revision,
            path: '{{.path.path}}',
            // Forces a plain directory source: a zero `directory: {}` is dropped by Argo CD, and
            // the type would then be guessed from the folder's files.
            directory: { recurse: true },
          },
          destination: { server: env.cluster.server, namespace: env.namespace },
        },
      },
      templatePatch: syncPolicyPatch(env),
    },
  };
  return set as unknown as KubeObject;
}
