// The shapes `lgtm validate` works on: objects with the file they came from, and findings.
import type { KubeObject } from '../k8s/types';

export interface SourcedObject {
  object: KubeObject;
  /** Repository-relative path of the file the object lives in. */
  file: string;
  /** The file's YAML, for line numbers; lines are computed lazily, only for findings. */
  text?: string;
  /** Which document of a multi-document file (0-based); found by kind and name when absent. */
  doc?: number;
}

export interface Finding {
  severity: 'error' | 'warning';
  check: string;
  file: string;
  line?: number;
  /** Object path such as `spec.template.spec.containers[0].image`. */
  path: string;
  /** `Kind/namespace/name` (`Kind/name` for cluster-scoped objects). */
  object: string;
  /** Names the field and the fix. */
  message: string;
}

/** What lives outside this repository but is referenced from it, per environment. */
export interface ExternalRefs {
  /**
   * Secrets created out of band (never in Git), with the keys the app reads from each: the local
   * cluster generates exactly these keys, so a reference to a key that is not declared fails there
   * as it would on a cluster whose Secret was made by the documented procedure.
   */
  secrets: { namespace: string; name: string; keys: string[] }[];
  /** `host:port` declared outside this repo, e.g. an external S3. */
  endpoints: string[];
}

/** A path inside an object: field names and list indexes. */
export type Path = readonly (string | number)[];
