// The root Application of one environment: it manages the `argocd` folder, itself included, so
// after the one bootstrap `kubectl apply` every later change to the Argo CD objects comes from Git.
// Types only: the model classes cost ~150 ms to load and add nothing that lib/validate does not
// check strictly at render time.
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';
import { retryOf } from './applicationset';
import {
  ARGOCD_CLUSTER,
  ARGOCD_NAMESPACE,
  COMPARE_OPTIONS_ANNOTATION,
  SERVER_SIDE_DIFF,
  SYNC_OPTIONS_ANNOTATION,
  argocdPath,
  bootstrapProjectName,
  rootApplicationName,
} from './names';

/**
 * On every object of the `argocd` folder: never pruned, never deleted with the root Application.
 * Deleting an ApplicationSet deletes every Application it generated (and, through their
 * finalizers, the workloads); that must only ever happen by hand.
 */
export const KEEP = 'Prune=false,Delete=false';

/** Marks an Argo CD object so the root Application neither prunes nor deletes it. */
export function kept(object: KubeObject): KubeObject {
  return {
    ...object,
    metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [SYNC_OPTIONS_ANNOTATION]: KEEP } },
  };
}

export function rootApplication(env: Environment): KubeObject {
  const app: IApplication = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: rootApplicationName(env),
      namespace: ARGOCD_NAMESPACE,
      annotations: { [COMPARE_OPTIONS_ANNOTATION]: SERVER_SIDE_DIFF },
    },
    spec: {
      project: bootstrapProjectName(env),
      source: {
        repoURL: env.git.repoURL,
        targetRevision: env.git.revision,
        path: argocdPath(env),
        directory: { recurse: true },
      },
      destination: { server: ARGOCD_CLUSTER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: {
        // Same rule as the apps: a manual environment changes only when a person syncs. Prune is
        // off: every object here carries Prune=false anyway, and removing one is a deliberate act.
        ...(env.sync.mode === 'automated' ? { automated: { prune: false, selfHeal: true } } : {}),
        // The bootstrap applies server-side as Argo CD's own field manager (bootstrapCommand), so
        // Argo CD owns every field alone and a field removed from Git is removed live.
        syncOptions: ['ServerSideApply=true'],
        retry: retryOf(env),
      },
    },
  };
  return app as unknown as KubeObject;
}
