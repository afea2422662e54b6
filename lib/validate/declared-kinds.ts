// Kinds outside Kubernetes 1.33 and Argo CD that may appear in rendered output. `lgtm validate`
// rejects any other unknown kind. Their specs are not schema-checked (no typings ship with this
// repository); their metadata is. Add an entry only with the CRD that serves it and why we need it.

export interface DeclaredKind {
  apiVersion: string;
  kind: string;
  /** Which CRD/operator provides it and why this repository renders it. */
  reason: string;
}

export const DECLARED: readonly DeclaredKind[] = [
  {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    reason: 'External Secrets Operator: the way to create a Secret from a vault without plaintext in Git.',
  },
];

/** `apiVersion/kind` keys of the declared kinds. */
export const DECLARED_KINDS: ReadonlySet<string> = new Set(DECLARED.map((d) => `${d.apiVersion}/${d.kind}`));
