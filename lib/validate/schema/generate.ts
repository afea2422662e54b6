// Generates known-fields.json, the compact schema table `lgtm validate` walks objects against,
// from the typings of kubernetes-models 4.5.1 (Kubernetes 1.33), @kubernetes-models/argo-cd 4.0.0
// and @kubernetes-models/prometheus-operator 6.0.0. Their precompiled validators accept unknown
// fields, so the strict check needs the field lists; the typings carry exactly those, plus
// required markers, primitive types and enums.
//
//   npx tsx lib/validate/schema/generate.ts          (rewrites the table)
//   npx tsx lib/validate/schema/generate.ts --check  (exit 1 when the committed table is stale)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaTable, TypeRef } from './table';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const OUT = join(here, 'known-fields.json');

interface ParsedFile {
  /** Local name → where it comes from. */
  imports: Map<string, { file: string; name: string }>;
  interfaces: Map<string, string>;
  aliases: Map<string, string>;
  /** Local name → canonical exported name (`IIoK8sApiAppsV1Deployment`). */
  canonical: Map<string, string>;
}

const parsed = new Map<string, ParsedFile>();

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Node-style resolution of a typings import, relative to the importing file. */
function resolveImport(from: string, spec: string): string {
  const bare = spec.replace(/\.js$/, '');
  if (bare.startsWith('.')) return resolve(dirname(from), bare) + '.d.ts';
  const parts = bare.split('/');
  const pkgLen = bare.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, pkgLen).join('/');
  const sub = parts.slice(pkgLen).join('/');
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(candidate)) return join(candidate, sub) + '.d.ts';
    if (dir === dirname(dir)) throw new Error(`cannot resolve ${spec} from ${from}`);
  }
}

/** Body of a `{ … }` block starting at `open` (the index of `{`). */
function block(src: string, open: number): string {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return src.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

function parseFile(file: string): ParsedFile {
  const cached = parsed.get(file);
  if (cached) return cached;
  const src = stripComments(readFileSync(file, 'utf8'));
  const out: ParsedFile = { imports: new Map(), interfaces: new Map(), aliases: new Map(), canonical: new Map() };
  for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const item of m[1]!.split(',')) {
      const [name, local] = item.trim().split(/\s+as\s+/);
      if (name) out.imports.set((local ?? name).trim(), { file: resolveImport(file, m[2]!), name: name.trim() });
    }
  }
  for (const m of src.matchAll(/export (?:declare )?interface (\w+)(?: extends [\w, ]+)? \{/g)) {
    out.interfaces.set(m[1]!, block(src, m.index! + m[0].length - 1));
  }
  for (const m of src.matchAll(/export (?:declare )?type (\w+) = ([^;{]*(?:\{[^}]*\})?[^;]*);/g)) out.aliases.set(m[1]!, m[2]!.trim());
  for (const m of src.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    for (const item of m[1]!.split(',')) {
      const [local, exported] = item.trim().split(/\s+as\s+/);
      if (local && exported) out.canonical.set(local.trim(), exported.trim());
    }
  }
  parsed.set(file, out);
  return out;
}

/** Splits at `sep` outside brackets and quotes. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '{' || c === '<' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === '>' || c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const PREFIXES: [RegExp, string][] = [
  [/^IIoK8sApimachineryPkgApisMetaV1/, 'meta.'],
  [/^IIoK8sApimachineryPkg/, 'machinery.'],
  [/^IIoK8sApiextensionsApiserverPkgApisApiextensions/, 'apiextensions.'],
  [/^IIoK8sKubeAggregatorPkgApisApiregistration/, 'apiregistration.'],
  [/^IIoK8sApi/, ''],
  [/^IComGithubArgoprojArgoCdV3PkgApisApplication/, 'argocd.'],
  [/^IComGithubPrometheusOperatorPrometheusOperatorPkgApisMonitoringV1/, 'monitoring.'],
];

function shortName(canonical: string): string {
  for (const [re, rep] of PREFIXES) if (re.test(canonical)) return canonical.replace(re, rep);
  return canonical;
}

const table: SchemaTable = { kinds: {}, types: {} };
/** Object type key → its typings file and precompiled validator name, for probing number fields. */
const modules = new Map<string, { dts: string; schema: string }>();
const inProgress = new Set<string>();

/** Resolves a type name used in `file` to a reference, registering object types in the table. */
function refOfName(file: string, name: string): TypeRef {
  const f = parseFile(file);
  // Importers name a type by its canonical alias; the file declares it under a short local name.
  for (const [local, exported] of f.canonical) if (exported === name && local !== name) return refOfName(file, local);
  const imported = f.imports.get(name);
  if (imported) return refOfName(imported.file, imported.name);
  const alias = f.aliases.get(name);
  if (alias !== undefined) {
    const canonical = f.canonical.get(name) ?? name;
    if (/Quantity$/.test(canonical)) return 'q';
    return refOf(file, alias, shortName(canonical));
  }
  const body = f.interfaces.get(name);
  if (body === undefined) throw new Error(`type ${name} not found in ${relative(root, file)}`);
  const canonical = f.canonical.get(name) ?? name;
  const key = objectRef(file, body, shortName(canonical), name);
  if (key !== '*') modules.set(key, { dts: file, schema: canonical.replace(/^I/, '') });
  return key;
}

/** Registers an object type (an interface or an inline object literal) under `key`. */
function objectRef(file: string, body: string, key: string, self?: string): TypeRef {
  if (table.types[key] || inProgress.has(key)) return key;
  const members = splitTop(body, ';');
  // An empty interface is a free-form value (RawExtension, apiextensions JSON): anything goes.
  if (members.length === 0) return '*';
  inProgress.add(key);
  const fields: Record<string, TypeRef> = {};
  const required: string[] = [];
  for (const member of members) {
    const m = /^"([^"]+)"(\??):\s*([\s\S]+)$/.exec(member);
    if (!m) throw new Error(`cannot parse member "${member}" in ${relative(root, file)}`);
    fields[m[1]!] = refOf(file, m[3]!, `${key}.${m[1]}`, self);
    if (m[2] !== '?') required.push(m[1]!);
  }
  table.types[key] = required.length > 0 ? [fields, required] : [fields];
  inProgress.delete(key);
  return key;
}

/** Reference for a type expression; `self` names the interface being read (for `IX["kind"]`). */
function refOf(file: string, expr: string, owner: string, self?: string): TypeRef {
  const text = expr.trim();
  const union = splitTop(text, '|').filter((t) => t !== 'null');
  if (union.length > 1) {
    if (union.every((t) => /^"[^"]*"$/.test(t))) return `e:${union.map((t) => t.slice(1, -1)).join('|')}`;
    const set = new Set(union);
    if (set.size === 2 && set.has('string') && set.has('number')) return 'i';
    throw new Error(`unsupported union ${text} in ${relative(root, file)}`);
  }
  const t = union[0]!;
  if (t === 'string') return 's';
  if (t === 'number') return 'n';
  if (t === 'boolean') return 'b';
  if (t === 'any' || t === 'unknown' || t === 'object') return '*';
  if (/^"[^"]*"$/.test(t)) return `e:${t.slice(1, -1)}`;
  const arr = /^Array<([\s\S]+)>$/.exec(t) ?? /^([\w]+)\[\]$/.exec(t);
  if (arr) return `[]${refOf(file, arr[1]!, owner, self)}`;
  const map = /^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/.exec(t);
  if (map) return `{}${refOf(file, map[1]!, owner, self)}`;
  const indexed = /^(\w+)\["(\w+)"\]$/.exec(t);
  if (indexed) {
    const body = parseFile(file).interfaces.get(indexed[1]!);
    const member = body && new RegExp(`"${indexed[2]}"\\??:\\s*([^;]+);`).exec(body);
    if (!member) throw new Error(`cannot resolve ${t} in ${relative(root, file)}`);
    return refOf(file, member[1]!, owner, self);
  }
  if (/^\w+$/.test(t)) return refOfName(file, t);
  if (t.startsWith('{')) return objectRef(file, t.slice(1, -1), owner, self);
  throw new Error(`unsupported type ${text} in ${relative(root, file)}`);
}

function walkDts(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '_schemas') walkDts(p, found);
    } else if (entry.name.endsWith('.d.ts') && entry.name !== 'index.d.ts') found.push(p);
  }
  return found;
}

/** Registers every top-level kind (an interface with literal apiVersion and kind) of a package. */
function addKinds(pkgDir: string, only?: ReadonlySet<string>): void {
  for (const file of walkDts(pkgDir).sort()) {
    const f = parseFile(file);
    for (const [name, body] of f.interfaces) {
      const api = /"apiVersion": "([^"]+)";/.exec(body);
      const kind = /"kind": "([^"]+)";/.exec(body);
      if (!api || !kind || kind[1]!.endsWith('List') || (only && !only.has(kind[1]!))) continue;
      table.kinds[`${api[1]}/${kind[1]}`] = refOfName(file, name);
    }
  }
}

addKinds(join(root, 'node_modules/kubernetes-models'));
addKinds(join(root, 'node_modules/@kubernetes-models/argo-cd/argoproj.io'));
// The Prometheus Operator kinds application teams ship with their workloads, which Alloy reads
// (apps/alloy/module/operator.ts); not the operator's own Prometheus or Alertmanager kinds.
addKinds(join(root, 'node_modules/@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'), new Set(['ServiceMonitor', 'PodMonitor', 'Probe', 'PrometheusRule']));

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null };

/** The precompiled kubernetes-models validator of a type, from the `_schemas` folder of its package. */
async function validatorOf(dts: string, schemaName: string): Promise<Validate | undefined> {
  for (let dir = dirname(dts); dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(join(dir, '_schemas'))) continue;
    for (const ext of ['.mjs', '.js']) {
      const file = join(dir, '_schemas', schemaName + ext);
      if (existsSync(file)) return ((await import(file)) as { validate: Validate }).validate;
    }
    return undefined;
  }
  return undefined;
}

/**
 * The typings say `number` for both integers and floats. The precompiled validators know: probe
 * each number field with a fraction and with 2^31 to tell float, int32 and int64 apart.
 */
async function refineNumbers(): Promise<void> {
  for (const [key, type] of Object.entries(table.types)) {
    const numbers = Object.entries(type[0]).filter(([, ref]) => ref === 'n' || ref === '[]n');
    const mod = modules.get(key);
    if (numbers.length === 0 || !mod) continue;
    const validate = await validatorOf(mod.dts, mod.schema);
    if (!validate) continue;
    for (const [field, ref] of numbers) {
      const probe = (value: number): string[] => {
        validate({ [field]: ref === 'n' ? value : [value] });
        const at = ref === 'n' ? `/${field}` : `/${field}/0`;
        return (validate.errors ?? []).filter((e) => e.instancePath === at).map((e) => `${e.keyword}:${String(e.params.type ?? e.params.format)}`);
      };
      if (!probe(0.5).includes('type:integer')) continue;
      const code = probe(2 ** 31).includes('format:int32') ? 'I32' : 'I';
      type[0][field] = ref === 'n' ? code : `[]${code}`;
    }
  }
}

await refineNumbers();

const sorted: SchemaTable = {
  kinds: Object.fromEntries(Object.entries(table.kinds).sort(([a], [b]) => a.localeCompare(b))),
  types: Object.fromEntries(Object.entries(table.types).sort(([a], [b]) => a.localeCompare(b))),
};
const text = JSON.stringify(sorted) + '\n';
if (process.argv.includes('--check')) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (current !== text) {
    process.stderr.write(`${relative(root, OUT)} is stale: run npx tsx lib/validate/schema/generate.ts\n`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  process.stdout.write(
    `wrote ${relative(root, OUT)}: ${Object.keys(sorted.kinds).length} kinds, ${Object.keys(sorted.types).length} types, ${text.length} bytes\n`,
  );
}
