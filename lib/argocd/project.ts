// The AppProjects of one environment: `lgtm-<env>` fences the stack's Applications in (this
// repository only, the environment's cluster and namespaces only, a short list of kinds), and
// `lgtm-<env>-bootstrap` lets the root Application write Argo CD objects into `argocd`, nothing else.
// Types only: the model classes cost ~150 ms to load and add nothing that lib/validate does not
// check strictly at render time.
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../env/types';
import type { KubeObject } from '../k8s/types';
import {
  ARGOCD_CLUSTER,
  ARGOCD_NAMESPACE,
  RESOURCES_FINALIZER,
  bootstrapProjectName,
  projectName,
} from './names';

export interface GroupKind {
  group: string;
  kind: string;
  /** Go `filepath.Match` pattern on the object name (cluster-scoped kinds only, Argo CD ≥ 3.2). */
  name?: string;
}

/**
 * Namespaced kinds the stack renders. A whitelist rather than Argo CD's default "everything":
 * a Secret, a ResourceQuota or a webhook in Git would be a mistake here, and `lgtm plan` names any
 * rendered object this list does not permit, with the fix.
 */
export const NAMESPACED_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'ConfigMap' },
  { group: '', kind: 'PersistentVolumeClaim' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'batch', kind: 'Job' },
  // Credentials reach the cluster through External Secrets, never as Secret objects in Git.
  { group: 'external-secrets.io', kind: 'ExternalSecret' },
  { group: 'networking.k8s.io', kind: 'Ingress' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
];

/**
 * Namespaced kinds the environment's project permits: NAMESPACED_KINDS, and the PrometheusRule
 * (a CRD this repository does not install) only where the environment loads rules that way.
 */
export function namespacedKinds(env: Environment): GroupKind[] {
  return [...NAMESPACED_KINDS, ...(env.collect.prometheusRules ? [{ group: 'monitoring.coreos.com', kind: 'PrometheusRule' }] : [])];
}

/** Namespaces the environment's apps deploy into: the stack's, the owned ones, the databases'. */
export function projectNamespaces(env: Environment): string[] {
  const names = new Set([env.namespace, ...env.ownedNamespaces, ...env.databases.map((d) => d.namespace)]);
  return [...names].sort();
}

/**
 * Cluster-scoped kinds: only what the stack needs. Namespaces are pinned by name (the platform app
 * renders exactly these), so the project cannot create or delete any other namespace; cluster RBAC
 * is needed by Alloy and kube-state-metrics, whose rules the validation checks keep least-privilege.
 */
export function clusterKinds(env: Environment): GroupKind[] {
  return [
    ...projectNamespaces(env).map((name) => ({ group: '', kind: 'Namespace', name })),
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  ];
}

export const SYNC_ROLE = 'sync';

export function appProject(env: Environment): KubeObject {
  const name = projectName(env);
  const project: IAppProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      // Blocks deleting the project while Applications still reference it.
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      description: `LGTM observability stack, environment ${env.name} (cluster ${env.cluster.name})`,
      sourceRepos: [env.git.repoURL],
      destinations: projectNamespaces(env).map((namespace) => ({ server: env.cluster.server, namespace })),
      clusterResourceWhitelist: clusterKinds(env),
      namespaceResourceWhitelist: namespacedKinds(env).map((k) => ({ group: k.group, kind: k.kind })),
      roles: [
        {
          name: SYNC_ROLE,
          description: `View and sync the ${env.name} applications from the Argo CD UI; bind a group to proj:${name}:${SYNC_ROLE} (docs/argocd.md)`,
          policies: [
            `p, proj:${name}:${SYNC_ROLE}, applications, get, ${name}/*, allow`,
            `p, proj:${name}:${SYNC_ROLE}, applications, sync, ${name}/*, allow`,
          ],
        },
      ],
      ...(env.sync.windows.length > 0
        ? {
            syncWindows: env.sync.windows.map((w) => ({
              kind: w.kind,
              schedule: w.schedule,
              duration: w.duration,
              timeZone: w.timeZone,
              manualSync: w.manualSync,
              // Every Application of the project; a window without a selector matches nothing.
              applications: ['*'],
            })),
          }
        : {}),
    },
  };
  return project as unknown as KubeObject;
}

/**
 * The root Application's project. Whoever can merge into `manifests/argocd/` can create projects
 * and is therefore an Argo CD admin (docs/argocd.md); this project at least keeps the root
 * Application from writing anything but Argo CD's own objects, and only into `argocd`.
 */
export function bootstrapProject(env: Environment): KubeObject {
  const project: IAppProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: bootstrapProjectName(env), namespace: ARGOCD_NAMESPACE, finalizers: [RESOURCES_FINALIZER] },
    spec: {
      description: `Bootstrap of the LGTM environment ${env.name}: its AppProjects, ApplicationSet and root Application`,
      sourceRepos: [env.git.repoURL],
      destinations: [{ server: ARGOCD_CLUSTER, namespace: ARGOCD_NAMESPACE }],
      // An explicit empty list: no cluster-scoped kind at all.
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
        { group: 'argoproj.io', kind: 'ApplicationSet' },
      ],
    },
  };
  return project as unknown as KubeObject;
}
