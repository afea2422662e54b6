import type { Environment } from '../lib/env/types';
import type { Tree } from '../lib/k8s/types';
import type { ExternalRefs } from '../lib/validate/types';
import type { Catalog } from '../lib/metrics/catalog';
import type { QuerySite } from '../lib/metrics/catalog-check';

/** A file an app renders beside its manifests, relative to `environments/<env>/` (only `alloy/…`). */
export interface OwnedFile {
  path: string;
  content: string;
}

/**
 * One Argo CD application: a pure function from an environment to Kubernetes objects. Its output
 * lands in `environments/<env>/manifests/<name>/`, which the ApplicationSet turns into one Application.
 */
export interface App {
  /** Folder name under `manifests/`: lower-case DNS label. */
  name: string;
  /** Short description, shown by `lgtm envs --apps` and in reports. */
  description: string;
  /** Whether this app exists in the environment (MinIO is absent with external S3, for example). */
  enabled?(env: Environment): boolean;
  render(env: Environment): Tree;
  /** Files outside `manifests/` that this app owns, such as the Alloy pipeline module. */
  files?(env: Environment): OwnedFile[];
  /** What this app references but does not render (Secrets made out of band, external endpoints); `lgtm validate` accepts these. */
  externals?(env: Environment): ExternalRefs;
  /** The metric names the app's components and collectors produce (the metric catalog), on or off. */
  metrics?(env: Environment): Catalog;
  /** Every PromQL text the app ships (dashboards, datasource queries, alert rules), for the catalog check. */
  querySites?(env: Environment): QuerySite[];
}
