// Strict schema walk: every field must be known to the type at its place (like kubeconform
// -strict), required fields present, and values of the declared type. One pass per object over
// the generated table; the path is a shared stack, copied only when something is reported.
import { closest } from '../../alloy/suggest';
import type { KubeObject } from '../../k8s/types';
import { DECLARED_KINDS } from '../declared-kinds';
import type { Path } from '../types';
import { schema, type TypeRef } from './table';

export type SchemaReport = (check: 'schema-kind' | 'schema-unknown-field' | 'schema-required' | 'schema-type', path: Path, message: string) => void;

// Kubernetes resource.Quantity: sign, digits, optional fraction, then a binary/decimal suffix or exponent.
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[munkMGTPE]|[eE][+-]?\d+)?$/;

const TYPE_NAMES: Record<string, string> = { s: 'a string', n: 'a number', b: 'a boolean (true or false)', i: 'a number or a string', q: 'a quantity' };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

export function unknownFieldMessage(field: string, typeName: string, known: string[]): string {
  const best = closest(field, known);
  // `AppsV1DeploymentSpec` → `DeploymentSpec`, `argocd.V1alpha1SyncPolicyAutomated` → `SyncPolicyAutomated`.
  const where = typeName.replace(/^(meta|machinery|argocd|apiextensions|apiregistration)\./, '').replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
  if (best !== undefined) {
    return `unknown field "${field}" in ${where}; did you mean "${best}"?`;
  }
  return `unknown field "${field}" in ${where}; remove it (known fields: ${known.join(', ')})`;
}

function walk(value: unknown, ref: TypeRef, path: (string | number)[], report: SchemaReport): void {
  if (value === null || value === undefined) return; // the API server treats null as unset
  switch (ref) {
    case '*':
      return;
    case 's':
    case 'n':
    case 'b':
      if (typeof value !== (ref === 's' ? 'string' : ref === 'n' ? 'number' : 'boolean')) {
        report('schema-type', [...path], `must be ${TYPE_NAMES[ref]}, not ${describe(value)}`);
      }
      return;
    case 'I':
    case 'I32':
      if (typeof value !== 'number' || !Number.isInteger(value)) report('schema-type', [...path], `must be a whole number, not ${describe(value)}`);
      else if (ref === 'I32' && (value < -(2 ** 31) || value >= 2 ** 31)) report('schema-type', [...path], `${value} is out of range; a 32-bit integer lies between -2147483648 and 2147483647`);
      return;
    case 'i':
      if (typeof value !== 'string' && typeof value !== 'number') report('schema-type', [...path], `must be a number or a string, not ${describe(value)}`);
      return;
    case 'q':
      if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !QUANTITY.test(value)) {
        report('schema-type', [...path], `${describe(value)} is not a Kubernetes quantity; write it like 100m, 0.5, 256Mi or 10Gi`);
      }
      return;
  }
  const c0 = ref.charCodeAt(0);
  if (c0 === 101 /* e */ && ref.charCodeAt(1) === 58 /* : */) {
    const allowed = ref.slice(2).split('|');
    if (typeof value !== 'string' || !allowed.includes(value)) {
      report('schema-type', [...path], `${describe(value)} is not allowed; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    return;
  }
  if (c0 === 91 /* [ */) {
    if (!Array.isArray(value)) {
      report('schema-type', [...path], `must be a list, not ${describe(value)}`);
      return;
    }
    const item = ref.slice(2);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], item, path, report);
      path.pop();
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('schema-type', [...path], `must be a map, not ${describe(value)}`);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (c0 === 123 /* { */) {
    const item = ref.slice(2);
    for (const key in obj) {
      path.push(key);
      walk(obj[key], item, path, report);
      path.pop();
    }
    return;
  }
  const type = schema.types[ref];
  if (!type) throw new Error(`schema table has no type ${ref}`);
  const [fields, required] = type;
  for (const key in obj) {
    const fieldRef = fields[key];
    path.push(key);
    if (fieldRef === undefined) report('schema-unknown-field', [...path], unknownFieldMessage(key, ref, Object.keys(fields)));
    else walk(obj[key], fieldRef, path, report);
    path.pop();
  }
  if (required) {
    for (const r of required) {
      if (obj[r] === undefined || obj[r] === null) report('schema-required', [...path, r], `required field "${r}" is missing; add it`);
    }
  }
}

/** kind → its GA apiVersions in the table, to suggest one when a pre-GA version is used. */
const GA_VERSIONS = new Map<string, string[]>();
for (const key in schema.kinds) {
  const slash = key.lastIndexOf('/');
  const version = key.slice(0, slash);
  if (/(alpha|beta)\d*$/.test(version)) continue;
  const kind = key.slice(slash + 1);
  GA_VERSIONS.set(kind, [...(GA_VERSIONS.get(kind) ?? []), version]);
}

/** Checks one whole object; `report` receives findings with object paths. */
export function checkSchema(object: KubeObject, report: SchemaReport): void {
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    report('schema-required', ['apiVersion'], 'apiVersion is missing; add it (such as apps/v1 or v1)');
    return;
  }
  if (typeof kind !== 'string' || kind === '') {
    report('schema-required', ['kind'], 'kind is missing; add it (such as Deployment or Service)');
    return;
  }
  const key = `${apiVersion}/${kind}`;
  const ref = schema.kinds[key];
  const path: (string | number)[] = [];
  if (ref !== undefined) {
    // Kubernetes 1.33 serves none of the pre-GA versions that kubernetes-models keeps for a kind that went GA.
    const ga = /(alpha|beta)\d*$/.test(apiVersion) ? GA_VERSIONS.get(kind)?.[0] : undefined;
    if (ga) {
      report('schema-kind', ['apiVersion'], `${kind} ${apiVersion} is not served by Kubernetes 1.33 (or only behind a feature gate); use apiVersion ${ga}`);
      return;
    }
    walk(object, ref, path, report);
    return;
  }
  if (DECLARED_KINDS.has(key)) {
    // Declared custom resources: no schema for the spec, but the metadata must still be sound.
    path.push('metadata');
    walk(object.metadata, 'meta.ObjectMeta', path, report);
    return;
  }
  const other = GA_VERSIONS.get(kind) ?? [];
  report(
    'schema-kind',
    ['kind'],
    other.length > 0
      ? `${kind} is not a kind of ${apiVersion}; use apiVersion ${other.join(' or ')}`
      : `unknown kind ${key}: not in Kubernetes 1.33, Argo CD or the Prometheus Operator (ServiceMonitor, PodMonitor, Probe, PrometheusRule); add it to lib/validate/declared-kinds.ts with a reason if a CRD provides it`,
  );
}
