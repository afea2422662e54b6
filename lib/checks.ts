// The contract between the render pipeline and the checks that run on what it produced: the
// pipeline (render/) hands every check the rendered environments, and each check, wherever it
// lives (lib/ or an app), answers with findings. Both sides import these types from here.
import type { Environment } from './env/types';
import type { KubeObject } from './k8s/types';

export interface RenderedObject {
  object: KubeObject;
  app: string;
  /** Where the object came from in its app's tree. */
  source: string;
  /** Repository-relative path of its file. */
  file: string;
  /** The file's content, header included. */
  text: string;
}

export interface RenderedEnvironment {
  env: Environment;
  objects: RenderedObject[];
  /** Files beside the manifests (the Alloy module, the environment README), by repo-relative path. */
  files: { path: string; content: string; app: string }[];
}

export interface CheckFinding {
  severity: 'error' | 'warning';
  /** One line: `file:line: object-path: message (check-id)`. */
  text: string;
}

export type PostRenderCheck = (root: string, environments: RenderedEnvironment[]) => CheckFinding[] | Promise<CheckFinding[]>;
