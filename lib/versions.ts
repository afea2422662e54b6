// The one version table for every image this repository deploys. Renovate bumps the tags here
// (see renovate.json); nothing else in the repository may spell an image reference by hand.
// Tags are exact releases, never `latest`; registries are explicit so a mirror swap is one edit.

export interface ImageRef {
  /** Registry and repository, e.g. `docker.io/grafana/alloy`. */
  readonly repository: string;
  /** Exact release tag. */
  readonly tag: string;
}

export const images = {
  alloy: { repository: 'docker.io/grafana/alloy', tag: 'v1.18.1' },
  mimir: { repository: 'docker.io/grafana/mimir', tag: '3.1.1' },
  mimirtool: { repository: 'docker.io/grafana/mimirtool', tag: '3.1.1' },
  loki: { repository: 'docker.io/grafana/loki', tag: '3.7.6' },
  tempo: { repository: 'docker.io/grafana/tempo', tag: '2.10.8' },
  grafana: { repository: 'docker.io/grafana/grafana', tag: '13.2.3' },
  // MinIO stopped publishing images in October 2025; these are the last official releases.
  minio: { repository: 'docker.io/minio/minio', tag: 'RELEASE.2025-09-07T16-13-09Z' },
  mc: { repository: 'docker.io/minio/mc', tag: 'RELEASE.2025-08-13T08-35-41Z' },
  pushgateway: { repository: 'docker.io/prom/pushgateway', tag: 'v1.11.3' },
  'kube-state-metrics': { repository: 'registry.k8s.io/kube-state-metrics/kube-state-metrics', tag: 'v2.17.0' },
  'postgres-exporter': { repository: 'quay.io/prometheuscommunity/postgres-exporter', tag: 'v0.18.1' },
  'mongodb-exporter': { repository: 'docker.io/percona/mongodb_exporter', tag: '0.47.1' },
} as const satisfies Record<string, ImageRef>;

export type ImageName = keyof typeof images;

export function image(name: ImageName): string {
  const ref: ImageRef = images[name];
  return `${ref.repository}:${ref.tag}`;
}

/**
 * Programs the local cluster harness (harness/) runs that no rendered image names: the control
 * plane a kubelet-less test cluster needs. Go module versions; `npm run upstream` builds exactly these.
 * kube-apiserver follows the Kubernetes minor that `lgtm validate` checks schemas against (1.33).
 */
export const harnessModules = {
  'kube-apiserver': { module: 'k8s.io/kubernetes', version: 'v1.33.13' },
  etcd: { module: 'go.etcd.io/etcd/server/v3', version: 'v3.6.8' },
} as const;

export type HarnessProgramName = keyof typeof harnessModules;

/**
 * The Argo CD release whose CustomResourceDefinitions the local cluster installs before it loads
 * an environment's Applications, ApplicationSets and AppProjects (from the module's manifests/crds).
 */
export const argoCdModule = { module: 'github.com/argoproj/argo-cd/v3', version: 'v3.5.0' } as const;
