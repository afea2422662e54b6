// Every check `lgtm validate` runs: its id, severity and the one-line rationale shown in --help.
// Policy and reference checks can be skipped per object with an annotation that carries a reason
// (see optout.ts); schema and input checks cannot, because a cluster would reject the object.

/** What a check guards: the API server's rules, this repository's policies, or cross-object references. */
export type CheckGroup = 'schema' | 'policy' | 'reference';

export interface CheckInfo {
  id: string;
  group: CheckGroup;
  severity: 'error' | 'warning';
  /** Whether `lgtm.dev/skip-<id>: "<reason>"` may turn it off for one object. */
  skippable: boolean;
  rationale: string;
}

const check = (id: string, severity: CheckInfo['severity'], skippable: boolean, rationale: string): Omit<CheckInfo, 'group'> => ({
  id,
  severity,
  skippable,
  rationale,
});

const inGroup = (group: CheckGroup, checks: readonly Omit<CheckInfo, 'group'>[]): CheckInfo[] => checks.map((c) => ({ ...c, group }));

export const CHECKS = [
  // Input and schema: what the API server or kubectl would refuse.
  ...inGroup('schema', [
    check('yaml', 'error', false, 'The file must parse as YAML or JSON with unique keys; Argo CD refuses the whole folder otherwise.'),
    check('schema-kind', 'error', false, 'apiVersion and kind must name a Kubernetes 1.33, Argo CD or Prometheus Operator type, or one on the declared list.'),
    check('schema-unknown-field', 'error', false, 'Unknown fields (typos such as replicaz) are dropped or rejected by the API server: strict like kubeconform -strict.'),
    check('schema-required', 'error', false, 'Fields the API requires must be present.'),
    check('schema-type', 'error', false, 'Values must have the type the API declares (string, number, list, map, quantity, enum).'),
    check('duplicate-object', 'error', false, 'Two objects with the same kind, namespace and name overwrite each other on apply.'),
    check('rule-expression', 'error', false, "A PrometheusRule's rules must each record or alert with a PromQL expression that parses, in uniquely named groups: Mimir's ruler refuses the whole group otherwise."),
    check('request-above-limit', 'error', false, 'A CPU or memory request above its limit: the API server rejects the workload ("must be less than or equal to ... limit").'),
    check('opt-out', 'error', false, 'A skip annotation must name a skippable check and say why it does not apply.'),
  ]),
  // Workload policies.
  ...inGroup('policy', [
    check('image-tag', 'error', true, 'Images need a pinned tag (not latest, not missing) so a sync is reproducible.'),
    check('resources', 'error', true, 'CPU/memory requests let the scheduler place pods; a memory limit stops one pod from starving a node.'),
    check('probes', 'error', true, 'Long-running pods need a readiness probe (traffic) and a liveness probe (restart when stuck).'),
    check('run-as-non-root', 'error', true, 'Containers must run as non-root (restricted Pod Security Standard).'),
    check('read-only-root-fs', 'error', true, 'A read-only root filesystem stops an intruder from changing binaries.'),
    check('privilege-escalation', 'error', true, 'allowPrivilegeEscalation: false blocks setuid binaries from gaining privileges.'),
    check('drop-capabilities', 'error', true, "Containers must drop ALL Linux capabilities and add back only what they need."),
    check('seccomp', 'error', true, 'seccompProfile RuntimeDefault filters dangerous system calls (restricted Pod Security Standard).'),
    check('privileged', 'error', true, 'Privileged containers have full access to the node.'),
    check('host-namespaces', 'error', true, 'hostNetwork, hostPID and hostIPC share the node’s namespaces with the pod.'),
    check('writable-host-path', 'error', true, 'A writable hostPath mount lets a pod change the node.'),
    check('host-root', 'error', true, "A hostPath of the node's root (/) exposes every file on it, kubelet credentials included, even read-only; mount only the folders needed."),
    check('automount-token', 'error', true, 'Pods whose ServiceAccount has no RBAC binding need no API token; do not mount one.'),
    // Cluster-level policies.
    check('rbac-wildcard', 'error', true, 'RBAC rules with * verbs, resources or API groups grant far more than a component needs.'),
    check('cluster-admin', 'error', true, 'Nothing this repository renders may be bound to cluster-admin.'),
    check('credential', 'error', true, "A credential in ConfigMap data or a literal env value is in Git for good; secretlint's recommended rules (AWS, GCP, GitHub, Slack, private keys, basic-auth URLs, …) find them."),
    check('secret-data', 'error', false, 'No plaintext secrets in Git: Secrets are created out of band or by an external-secrets object. No annotation can waive it: a reason is free text, and the value would be in Git for good.'),
    check('load-balancer', 'error', true, 'A LoadBalancer Service stays Progressing in Argo CD until a cloud load balancer gives it an IP.'),
    check('pvc-storage', 'error', true, 'A PersistentVolumeClaim without a storage request is rejected or bound to an arbitrary size.'),
  ]),
  // Cross-object references within one environment.
  ...inGroup('reference', [
    check('selector', 'error', true, 'A workload selector must match its own pod template labels.'),
    check('service-selector', 'error', true, 'A Service selector must match the pod labels of some workload, or it never gets endpoints.'),
    check('service-target-port', 'error', true, 'A Service targetPort must be a port the selected containers declare.'),
    check('missing-reference', 'error', true, 'Referenced ServiceAccounts, ConfigMaps, Secrets, PVCs and RBAC roles must be rendered or declared external.'),
    check('endpoint', 'error', true, 'Every *.svc host:port in a ConfigMap config must be a rendered Service port or a declared external endpoint.'),
  ]),
] as const satisfies readonly CheckInfo[];

export type CheckId = (typeof CHECKS)[number]['id'];

export const CHECK_BY_ID: ReadonlyMap<string, CheckInfo> = new Map(CHECKS.map((c) => [c.id, c]));

/** The `--help` table: `  id  (error)  rationale`. */
export function checksHelp(): string {
  const width = Math.max(...CHECKS.map((c) => c.id.length));
  return CHECKS.map((c) => `  ${c.id.padEnd(width)}  ${c.skippable ? 'skippable' : 'always   '}  ${c.rationale}`).join('\n');
}

export function checkGroup(id: string): CheckGroup {
  return CHECK_BY_ID.get(id)?.group ?? 'policy';
}

/**
 * `lgtm validate --profile`: `schema` is what a cluster would refuse (for anyone's YAML),
 * `policies` adds this repository's security and operability rules, `all` (the default) adds the
 * references between objects, which hold only for a complete set such as one environment.
 */
export const PROFILES = {
  schema: ['schema'],
  policies: ['schema', 'policy'],
  all: ['schema', 'policy', 'reference'],
} as const satisfies Record<string, readonly CheckGroup[]>;

export type Profile = keyof typeof PROFILES;

export function inProfile(profile: Profile, checkId: string): boolean {
  return (PROFILES[profile] as readonly CheckGroup[]).includes(checkGroup(checkId));
}
