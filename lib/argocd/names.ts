// Names and places of the Argo CD objects of one environment. Everything that must agree between
// the AppProject, the ApplicationSet, the root Application and `lgtm plan` is derived here.
import type { Environment } from '../env/types';

/** Namespace of the Argo CD control plane, where Applications, ApplicationSets and AppProjects live. */
export const ARGOCD_NAMESPACE = 'argocd';

/**
 * The cluster Argo CD itself runs in. The root Application always deploys here (into `argocd`),
 * whereas the environment's apps deploy to `env.cluster.server`, which may be a remote cluster.
 */
export const ARGOCD_CLUSTER = 'https://kubernetes.default.svc';

/** The app folder that holds the Argo CD objects themselves; the ApplicationSet must skip it. */
export const ARGOCD_APP = 'argocd';

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
/**
 * `ServerSideDiff=true` on every Application: with server-side apply, Argo CD's client-side diff
 * sees the fields the API server defaults as drift and reports apps OutOfSync forever (and
 * self-heal re-applies them); the server-side diff compares what an apply would really change.
 */
export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';
export const SERVER_SIDE_DIFF = 'ServerSideDiff=true';
export const MANIFEST_GENERATE_PATHS_ANNOTATION = 'argocd.argoproj.io/manifest-generate-paths';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** AppProject that the environment's apps belong to. */
export const projectName = (env: Environment): string => `lgtm-${env.name}`;
/** AppProject of the root Application only: it may write Argo CD objects into `argocd`, nothing else. */
export const bootstrapProjectName = (env: Environment): string => `lgtm-${env.name}-bootstrap`;
export const applicationSetName = (env: Environment): string => `lgtm-${env.name}`;
export const rootApplicationName = (env: Environment): string => `lgtm-${env.name}-root`;

/** `environments/<env>/manifests`: one folder per app below it. */
export const manifestsPath = (env: Environment): string => `environments/${env.name}/manifests`;
export const argocdPath = (env: Environment): string => `${manifestsPath(env)}/${ARGOCD_APP}`;

/**
 * The field manager of Argo CD's server-side apply (`common.ArgoCDSSAManager`). The bootstrap
 * applies as this manager too: fields kubectl applied under its own name would stay co-owned by
 * kubectl, and a field later removed from Git would stay live (docs/argocd.md, "Bootstrap").
 */
export const ARGOCD_FIELD_MANAGER = 'argocd-controller';

/** The documented bootstrap command of an environment. */
export function bootstrapCommand(envName: string): string {
  return `kubectl apply --server-side --field-manager=${ARGOCD_FIELD_MANAGER} -f environments/${envName}/manifests/argocd/`;
}
