// Plain Kubernetes object shapes used between the apps and the render pipeline. Apps may build
// objects with kubernetes-models classes or plain literals; both flatten to these.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** One RBAC PolicyRule (rbac.authorization.k8s.io/v1), as far as this repository writes them. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** What an app's render returns: objects, arrays and records of them, nested at will; `null` is skipped. */
export type Tree = KubeObject | null | undefined | readonly Tree[] | { readonly [key: string]: Tree };
