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

/**
 * A type reference turned into a node once, on first use: the walk then follows nodes instead of
 * parsing reference strings (`[]X`, `{}X`, `e:a|b`) and looking type names up at every value.
 */
type Node =
  | { k: 'any' }
  | { k: 'scalar'; type: 'string' | 'number' | 'boolean'; name: string }
  | { k: 'int'; bits32: boolean }
  | { k: 'int-or-string' }
  | { k: 'quantity' }
  | { k: 'enum'; allowed: string[] }
  | { k: 'list'; item: Node }
  | { k: 'map'; item: Node }
  | { k: 'object'; ref: TypeRef; fields: Record<string, TypeRef>; nodes: Map<string, Node>; required?: string[] };

const compiled = new Map<TypeRef, Node>();

function nodeOf(ref: TypeRef): Node {
  const known = compiled.get(ref);
  if (known) return known;
  let node: Node;
  if (ref === '*') node = { k: 'any' };
  else if (ref === 's' || ref === 'n' || ref === 'b') node = { k: 'scalar', type: ref === 's' ? 'string' : ref === 'n' ? 'number' : 'boolean', name: TYPE_NAMES[ref]! };
  else if (ref === 'I' || ref === 'I32') node = { k: 'int', bits32: ref === 'I32' };
  else if (ref === 'i') node = { k: 'int-or-string' };
  else if (ref === 'q') node = { k: 'quantity' };
  else if (ref.startsWith('e:')) node = { k: 'enum', allowed: ref.slice(2).split('|') };
  else if (ref.startsWith('[]')) node = { k: 'list', item: nodeOf(ref.slice(2)) };
  else if (ref.startsWith('{}')) node = { k: 'map', item: nodeOf(ref.slice(2)) };
  else {
    const type = schema.types[ref];
    if (!type) throw new Error(`schema table has no type ${ref}`);
    // Fields are compiled as they are met: types refer to themselves (JSONSchemaProps).
    node = { k: 'object', ref, fields: type[0], nodes: new Map(), ...(type[1] ? { required: type[1] } : {}) };
  }
  compiled.set(ref, node);
  return node;
}

function fieldNode(node: Extract<Node, { k: 'object' }>, key: string): Node | undefined {
  let n = node.nodes.get(key);
  if (n === undefined) {
    const ref = Object.hasOwn(node.fields, key) ? node.fields[key] : undefined;
    if (ref === undefined) return undefined;
    n = nodeOf(ref);
    node.nodes.set(key, n);
  }
  return n;
}

function walk(value: unknown, node: Node, path: (string | number)[], report: SchemaReport): void {
  if (value === null || value === undefined) return; // the API server treats null as unset
  switch (node.k) {
    case 'any':
      return;
    case 'scalar':
      if (typeof value !== node.type) report('schema-type', [...path], `must be ${node.name}, not ${describe(value)}`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) report('schema-type', [...path], `must be a whole number, not ${describe(value)}`);
      else if (node.bits32 && (value < -(2 ** 31) || value >= 2 ** 31)) report('schema-type', [...path], `${value} is out of range; a 32-bit integer lies between -2147483648 and 2147483647`);
      return;
    case 'int-or-string':
      if (typeof value !== 'string' && typeof value !== 'number') report('schema-type', [...path], `must be a number or a string, not ${describe(value)}`);
      return;
    case 'quantity':
      if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !QUANTITY.test(value)) {
        report('schema-type', [...path], `${describe(value)} is not a Kubernetes quantity; write it like 100m, 0.5, 256Mi or 10Gi`);
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !node.allowed.includes(value)) {
        report('schema-type', [...path], `${describe(value)} is not allowed; use one of ${node.allowed.map((a) => JSON.stringify(a)).join(', ')}`);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        report('schema-type', [...path], `must be a list, not ${describe(value)}`);
        return;
      }
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], node.item, path, report);
        path.pop();
      }
      return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('schema-type', [...path], `must be a map, not ${describe(value)}`);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (node.k === 'map') {
    for (const key in obj) {
      path.push(key);
      walk(obj[key], node.item, path, report);
      path.pop();
    }
    return;
  }
  for (const key in obj) {
    const field = fieldNode(node, key);
    path.push(key);
    if (field === undefined) report('schema-unknown-field', [...path], unknownFieldMessage(key, node.ref, Object.keys(node.fields)));
    else walk(obj[key], field, path, report);
    path.pop();
  }
  if (node.required) {
    for (const r of node.required) {
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
    walk(object, nodeOf(ref), path, report);
    return;
  }
  if (DECLARED_KINDS.has(key)) {
    // Declared custom resources: no schema for the spec, but the metadata must still be sound.
    path.push('metadata');
    walk(object.metadata, nodeOf('meta.ObjectMeta'), path, report);
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
