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
 * A type reference compiled once, on first use, into a function that checks a value against it:
 * the walk then calls those instead of parsing reference strings (`[]X`, `{}X`, `e:a|b`) and
 * looking type names up at every value. Values are never null or undefined here: the API server
 * treats null as unset, so callers skip them.
 */
type Walk = (value: unknown, path: (string | number)[], report: SchemaReport) => void;

/**
 * The fields of an object type: a scalar check by code, inline in the object's loop (most fields
 * are strings, numbers or booleans, and a call per leaf is most of a walk), or a walk.
 */
const LEAF_STRING = 1;
const LEAF_BOOLEAN = 2;
const LEAF_ANY = 3;
type FieldCheck = typeof LEAF_STRING | typeof LEAF_BOOLEAN | typeof LEAF_ANY | Walk;

const compiled = new Map<TypeRef, Walk>();

function fail(report: SchemaReport, path: (string | number)[], message: string): void {
  report('schema-type', [...path], message);
}

/** The value as a map, or undefined once reported as something else. */
function mapOrFail(value: unknown, path: (string | number)[], report: SchemaReport): Record<string, unknown> | undefined {
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  fail(report, path, `must be a map, not ${describe(value)}`);
  return undefined;
}

function walkOf(ref: TypeRef): Walk {
  let walk = compiled.get(ref);
  if (!walk) {
    // No cycle here: object types compile their fields on first use, not now (JSONSchemaProps refers to itself).
    walk = compile(ref);
    compiled.set(ref, walk);
  }
  return walk;
}

function compile(ref: TypeRef): Walk {
  if (ref === '*') return () => {};
  if (ref === 's' || ref === 'n' || ref === 'b') {
    const type = ref === 's' ? 'string' : ref === 'n' ? 'number' : 'boolean';
    const name = TYPE_NAMES[ref]!;
    return (value, path, report) => {
      if (typeof value !== type) fail(report, path, `must be ${name}, not ${describe(value)}`);
    };
  }
  if (ref === 'I' || ref === 'I32') {
    const bits32 = ref === 'I32';
    return (value, path, report) => {
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(report, path, `must be a whole number, not ${describe(value)}`);
      else if (bits32 && (value < -(2 ** 31) || value >= 2 ** 31)) fail(report, path, `${value} is out of range; a 32-bit integer lies between -2147483648 and 2147483647`);
    };
  }
  if (ref === 'i') {
    return (value, path, report) => {
      if (typeof value !== 'string' && typeof value !== 'number') fail(report, path, `must be a number or a string, not ${describe(value)}`);
    };
  }
  if (ref === 'q') {
    return (value, path, report) => {
      if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !QUANTITY.test(value)) {
        fail(report, path, `${describe(value)} is not a Kubernetes quantity; write it like 100m, 0.5, 256Mi or 10Gi`);
      }
    };
  }
  if (ref.startsWith('e:')) {
    const allowed = ref.slice(2).split('|');
    return (value, path, report) => {
      if (typeof value !== 'string' || !allowed.includes(value)) fail(report, path, `${describe(value)} is not allowed; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    };
  }
  // Lists and maps of strings (args, labels, annotations, ConfigMap data) are checked inline:
  // they are in every object, and a call with a path push per value was most of their cost.
  if (ref === '[]s') {
    return (value, path, report) => {
      if (!Array.isArray(value)) return fail(report, path, `must be a list, not ${describe(value)}`);
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v !== 'string' && v !== null && v !== undefined) fail(report, [...path, i], `must be ${TYPE_NAMES.s!}, not ${describe(v)}`);
      }
    };
  }
  if (ref === '{}s') {
    return (value, path, report) => {
      const obj = mapOrFail(value, path, report);
      if (!obj) return;
      for (const key in obj) {
        const v = obj[key];
        if (typeof v !== 'string' && v !== null && v !== undefined) fail(report, [...path, key], `must be ${TYPE_NAMES.s!}, not ${describe(v)}`);
      }
    };
  }
  if (ref.startsWith('[]')) {
    const item = walkOf(ref.slice(2));
    return (value, path, report) => {
      if (!Array.isArray(value)) {
        fail(report, path, `must be a list, not ${describe(value)}`);
        return;
      }
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v === null || v === undefined) continue;
        path.push(i);
        item(v, path, report);
        path.pop();
      }
    };
  }
  if (ref.startsWith('{}')) {
    const item = walkOf(ref.slice(2));
    return (value, path, report) => {
      const obj = mapOrFail(value, path, report);
      if (!obj) return;
      for (const key in obj) {
        const v = obj[key];
        if (v === null || v === undefined) continue;
        path.push(key);
        item(v, path, report);
        path.pop();
      }
    };
  }
  return objectWalk(ref);
}

function objectWalk(ref: TypeRef): Walk {
  const type = schema.types[ref];
  if (!type) throw new Error(`schema table has no type ${ref}`);
  const [fields, required] = type;
  // Fields compile as they are met, so a type table of 900 types costs only what is used.
  const checks = new Map<string, FieldCheck>();
  const checkOf = (key: string): FieldCheck | undefined => {
    let check = checks.get(key);
    if (check === undefined) {
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (field === undefined) return undefined;
      check = field === 's' ? LEAF_STRING : field === 'b' ? LEAF_BOOLEAN : field === '*' ? LEAF_ANY : walkOf(field);
      checks.set(key, check);
    }
    return check;
  };
  return (value, path, report) => {
    const obj = mapOrFail(value, path, report);
    if (!obj) return;
    for (const key in obj) {
      const v = obj[key];
      const check = checkOf(key);
      if (check === undefined) {
        report('schema-unknown-field', [...path, key], unknownFieldMessage(key, ref, Object.keys(fields)));
      } else if (v === null || v === undefined || check === LEAF_ANY) {
        continue;
      } else if (check === LEAF_STRING) {
        if (typeof v !== 'string') fail(report, [...path, key], `must be ${TYPE_NAMES.s!}, not ${describe(v)}`);
      } else if (check === LEAF_BOOLEAN) {
        if (typeof v !== 'boolean') fail(report, [...path, key], `must be ${TYPE_NAMES.b!}, not ${describe(v)}`);
      } else {
        path.push(key);
        check(v, path, report);
        path.pop();
      }
    }
    if (required) {
      for (const r of required) {
        if (obj[r] === undefined || obj[r] === null) report('schema-required', [...path, r], `required field "${r}" is missing; add it`);
      }
    }
  };
}

const PRE_GA = /(alpha|beta)\d*$/;

/** kind → its GA apiVersions in the table, to suggest one when a pre-GA version is used. */
const GA_VERSIONS = new Map<string, string[]>();
for (const key in schema.kinds) {
  const slash = key.lastIndexOf('/');
  const version = key.slice(0, slash);
  if (PRE_GA.test(version)) continue;
  const kind = key.slice(slash + 1);
  GA_VERSIONS.set(kind, [...(GA_VERSIONS.get(kind) ?? []), version]);
}

/**
 * apiVersion → kind → its type, and the GA apiVersion to use instead when Kubernetes 1.33 serves
 * none of the pre-GA versions that kubernetes-models keeps for a kind that went GA. Looked up with
 * the object's own strings, without building a key per object.
 */
const KIND_TYPES = new Map<string, Map<string, { ref: TypeRef; ga?: string }>>();
for (const key in schema.kinds) {
  const slash = key.lastIndexOf('/');
  const version = key.slice(0, slash);
  const kind = key.slice(slash + 1);
  let kinds = KIND_TYPES.get(version);
  if (!kinds) KIND_TYPES.set(version, (kinds = new Map()));
  const ga = PRE_GA.test(version) ? GA_VERSIONS.get(kind)?.[0] : undefined;
  kinds.set(kind, { ref: schema.kinds[key]!, ...(ga ? { ga } : {}) });
}

// One path stack for every walk: balanced by each walk, copied only into findings.
const PATH: (string | number)[] = [];

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
  const type = KIND_TYPES.get(apiVersion)?.get(kind);
  const path = PATH;
  path.length = 0;
  if (type !== undefined) {
    if (type.ga) {
      report('schema-kind', ['apiVersion'], `${kind} ${apiVersion} is not served by Kubernetes 1.33 (or only behind a feature gate); use apiVersion ${type.ga}`);
      return;
    }
    walkOf(type.ref)(object, path, report);
    return;
  }
  const key = `${apiVersion}/${kind}`;
  if (DECLARED_KINDS.has(key)) {
    // Declared custom resources: no schema for the spec, but the metadata must still be sound.
    path.push('metadata');
    if (object.metadata !== null && object.metadata !== undefined) walkOf('meta.ObjectMeta')(object.metadata, path, report);
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
