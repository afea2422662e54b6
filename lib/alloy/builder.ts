/**
 * Typed builder for Alloy configuration files. It emits canonical raw text the way Alloy's own
 * `syntax/token/builder` does (objects one field per line with trailing commas, arrays inline, strings
 * quoted like Go's `%q`) and runs it through the parser and formatter, so the result is exactly what
 * `alloy fmt` prints.
 *
 * ```ts
 * import { alloyFile, component, block, ref, raw, declare, argument, exportValue, importGit } from '../lib/alloy/builder';
 *
 * const write = component('prometheus.remote_write', 'mimir', {
 *   endpoint: block({ url: 'http://mimir-distributor:8080/api/v1/push' }),
 * });
 * const pods = component('discovery.kubernetes', 'pods', {
 *   role: 'pod',
 *   selectors: block({ role: 'pod', field: raw('"spec.nodeName=" + sys.env("HOSTNAME")') }),
 * });
 * const scrape = component('prometheus.scrape', 'pods', {
 *   targets: ref(pods, 'targets'),
 *   forward_to: [ref(write, 'receiver')], // ref(write, 'recevier') does not compile
 * });
 * const text = alloyFile([pods, scrape, write]); // formatted, ends with one "\n"
 *
 * // Modules: declare / argument / export, instantiated as `<namespace>.<declare label>`.
 * const url = argument('loki_url', { comment: 'Loki push URL' });
 * const mod = declare('pod_logs', [url, component('loki.write', 'default', { endpoint: block({ url: url.value }) }),
 *   exportValue('receiver', raw('loki.write.default.receiver'))]);
 * const boot = alloyFile([importGit('lgtm', { repository: 'https://…', revision: 'main', path: 'environments/dev/alloy' }),
 *   component('lgtm.pod_logs', 'node', { loki_url: 'http://…' })]);
 * ```
 *
 * Bodies are either a record (`{ name: value, nested: block({...}), repeated: [block(a), block(b)] }`, in
 * insertion order; `undefined` values are skipped) or a list of statements (`attr`, `section`, `comment`)
 * when order between repeated blocks matters, for example `stage.*` blocks of `loki.process`.
 */
import { goQuote, isIdentifier } from './quote';
import { formatSource } from './format';
import type { ComponentExports } from './schema/exports';

/** An expression written verbatim: a reference, a function call, an operator expression. */
export interface Expr {
  readonly kind: 'expr';
  readonly text: string;
}

/** A value that can be assigned to an attribute. Plain objects become Alloy objects. */
export type Value = string | number | boolean | null | Expr | readonly Value[] | { readonly [key: string]: Value | undefined };

/** A nested block in a record body; the record key is the block name. */
export interface NestedBlock {
  readonly kind: 'nested';
  readonly label?: string;
  readonly body: Body;
}

export interface Attr {
  readonly kind: 'attr';
  readonly name: string;
  readonly value: Value;
}

export interface Block {
  readonly kind: 'block';
  readonly name: string;
  readonly label?: string;
  readonly body: Body;
}

export interface Comment {
  readonly kind: 'comment';
  readonly text: string;
}

export type Stmt = Attr | Block | Comment;

export type RecordBody = { readonly [name: string]: Value | NestedBlock | readonly NestedBlock[] | undefined };
export type Body = RecordBody | readonly Stmt[];

/** Export names of a component: checked for built-in components, free for custom ones. */
export type ExportOf<N extends string> = N extends keyof ComponentExports ? ComponentExports[N] : string;

/** A component instance; pass it to `ref` to reference its exports. */
export interface Component<N extends string = string> extends Block {
  readonly name: N;
  readonly label: string;
  /** Node ID as Alloy names it: `name.label`. */
  readonly id: string;
}

export interface Argument extends Block {
  /** `argument.<name>.value`, to use inside the declare. */
  readonly value: Expr;
}

export class AlloyBuildError extends Error {}

function checkName(name: string, what: string): void {
  const parts = name.split('.');
  if (!parts.every(isIdentifier)) {
    throw new AlloyBuildError(`${what} ${JSON.stringify(name)} must be identifiers joined by "." (letters, digits, "_"; not starting with a digit)`);
  }
}

function checkLabel(label: string, name: string): void {
  if (!isIdentifier(label)) {
    throw new AlloyBuildError(`label ${JSON.stringify(label)} of block ${name} must be a valid identifier (letters, digits, "_"; not starting with a digit)`);
  }
}

/** An expression written as Alloy source, e.g. `raw('sys.env("HOSTNAME")')`. It is parse-checked on output. */
export function raw(text: string): Expr {
  return { kind: 'expr', text };
}

/** `sys.env("NAME")`. */
export function env(name: string): Expr {
  return raw(`sys.env(${goQuote(name)})`);
}

/** A call of a standard-library function: `call('coalesce', env('HOSTNAME'), raw('constants.hostname'))`. */
export function call(fn: string, ...args: Value[]): Expr {
  checkName(fn, 'function name');
  return raw(`${fn}(${args.map(valueText).join(', ')})`);
}

/** A reference to an export of another component: `ref(write, 'receiver')` → `prometheus.remote_write.mimir.receiver`. */
export function ref<N extends string>(target: Component<N>, exportName: ExportOf<N>): Expr {
  checkName(exportName, 'export name');
  return raw(`${target.id}.${exportName}`);
}

/** A nested block inside a record body. */
export function block(body: Body, label?: string): NestedBlock {
  return label === undefined ? { kind: 'nested', body } : { kind: 'nested', label, body };
}

/** A block statement inside a statement-list body: `section('stage.json', { expressions: {...} })`. */
export function section(name: string, body: Body, label?: string): Block {
  checkName(name, 'block name');
  if (label !== undefined) checkLabel(label, name);
  return label === undefined ? { kind: 'block', name, body } : { kind: 'block', name, label, body };
}

export function attr(name: string, value: Value): Attr {
  if (!isIdentifier(name)) throw new AlloyBuildError(`attribute name ${JSON.stringify(name)} must be a single identifier`);
  return { kind: 'attr', name, value };
}

/** A `//` comment on its own line; multi-line text becomes several comment lines. */
export function comment(text: string): Comment {
  return { kind: 'comment', text };
}

/** A labelled component block. */
export function component<N extends string>(name: N, label: string, body: Body = {}): Component<N> {
  checkName(name, 'component name');
  checkLabel(label, name);
  return { kind: 'block', name, label, body, id: `${name}.${label}` };
}

/** `declare "label" { … }`: a custom component definition for a module. */
export function declare(label: string, body: readonly Stmt[]): Block {
  return section('declare', body, label);
}

/** `argument "name" { … }` inside a declare; `.value` references it. */
export function argument(name: string, opts: { comment?: string; optional?: boolean; default?: Value } = {}): Argument {
  const body: Record<string, Value | undefined> = {};
  if (opts.comment !== undefined) body.comment = opts.comment;
  if (opts.optional !== undefined) body.optional = opts.optional;
  if (opts.default !== undefined) body.default = opts.default;
  return { ...section('argument', body, name), value: raw(`argument.${name}.value`) };
}

/** `export "name" { value = … }` inside a declare. */
export function exportValue(name: string, value: Value): Block {
  return section('export', { value }, name);
}

/** `import.git "namespace" { … }`. */
export function importGit(namespace: string, args: { repository: string; revision: string; path: string; pull_frequency?: string }): Block {
  return section('import.git', { ...args }, namespace);
}

/** `import.file "namespace" { filename = … }`. */
export function importFile(namespace: string, filename: Value): Block {
  return section('import.file', { filename }, namespace);
}

// ---------------------------------------------------------------------------------------------
// Raw text emission. Layout only needs to carry line structure; the formatter does the rest.

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new AlloyBuildError(`number ${n} cannot be written in Alloy`);
  return String(n); // "1e+21" and "1.5e-7" are valid Alloy FLOAT literals, negatives are unary minus
}

function isExpr(v: unknown): v is Expr {
  return typeof v === 'object' && v !== null && (v as Expr).kind === 'expr' && typeof (v as Expr).text === 'string';
}

function objectKey(key: string): string {
  if (isIdentifier(key)) return key;
  // alloy fmt re-quotes the raw key text, so escapes in a key would be doubled (Alloy quirk): refuse them.
  if (/["\\\u0000-\u001f\u007f]/.test(key)) throw new AlloyBuildError(`object key ${JSON.stringify(key)} contains a quote, backslash or control character`);
  return goQuote(key);
}

function valueText(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'number':
      return numberText(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (isExpr(v)) return v.text;
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(valueText).join(', ')}]`;
  const entries = Object.entries(v as Record<string, Value | undefined>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${objectKey(k)} = ${valueText(x as Value)},\n`).join('')}}`;
}

function isNested(v: unknown): v is NestedBlock {
  return typeof v === 'object' && v !== null && (v as NestedBlock).kind === 'nested';
}

function toStmts(body: Body): readonly Stmt[] {
  if (Array.isArray(body)) return body as readonly Stmt[];
  const out: Stmt[] = [];
  for (const [name, v] of Object.entries(body as RecordBody)) {
    if (v === undefined) continue;
    if (isNested(v)) out.push(section(name, v.body, v.label));
    else if (Array.isArray(v) && v.length > 0 && v.every(isNested)) for (const b of v as NestedBlock[]) out.push(section(name, b.body, b.label));
    else out.push(attr(name, v as Value));
  }
  return out;
}

function stmtsText(stmts: readonly Stmt[]): string {
  let out = '';
  for (const [i, s] of stmts.entries()) {
    switch (s.kind) {
      case 'attr':
        out += `${s.name} = ${valueText(s.value)}\n`;
        break;
      case 'block': {
        const head = s.label === undefined || s.label === '' ? s.name : `${s.name} ${goQuote(s.label)}`;
        const inner = toStmts(s.body);
        out += inner.length === 0 ? `${head} { }\n` : `${head} {\n${stmtsText(inner)}}\n`;
        break;
      }
      case 'comment': {
        // alloy fmt puts a blank line before every block, but a comment directly above a block takes the
        // block's place: give the comment run the blank line instead.
        let j = i + 1;
        while (stmts[j]?.kind === 'comment') j++;
        if (i > 0 && stmts[i - 1]!.kind !== 'comment' && stmts[j]?.kind === 'block') out += '\n';
        for (const line of s.text.split('\n')) out += line === '' ? '//\n' : `// ${line}\n`;
        break;
      }
    }
  }
  return out;
}

/** The raw, unformatted text of statements (for tests and debugging). */
export function rawText(stmts: readonly Stmt[]): string {
  return stmtsText(stmts);
}

/** A complete Alloy file, formatted exactly as `alloy fmt` prints it (one final newline). */
export function alloyFile(stmts: readonly Stmt[], filename = 'builder.alloy'): string {
  const res = formatSource(stmtsText(stmts), filename);
  if (res.errors.length > 0) {
    // Only raw() expressions can produce invalid text; name them so the caller can find the bad one.
    throw new AlloyBuildError(`generated Alloy does not parse (check raw() expressions):\n${res.errors.map((e) => e.text).join('\n')}`);
  }
  return res.output;
}

/** The text of one value, formatted (for messages and tests). */
export function valueSource(v: Value): string {
  return valueText(v);
}
