/**
 * Static validation of Alloy configurations, stricter than `alloy validate`: syntax, placement of config and
 * service blocks, node IDs and duplicates, references (with "did you mean"), cycles, arguments and blocks of
 * built-in components, and custom components from `declare` blocks and from modules that `import.git` /
 * `import.file` load from this repository (Alloy itself skips imported modules).
 *
 *   vetFiles([{ path: 'environments/dev/alloy/bootstrap.alloy', content }], { repoRoot }) → Finding[]
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type * as ast from './ast';
import { blockName, startPos } from './ast';
import { parseFile, diagnosticText, type Diagnostic } from './parser';
import { positionString, T, type SourceFile } from './token';
import { componentSchemas, CONFIG_BLOCKS, assignable, staticType, type BlockSchema } from './schema';
import { didYouMean } from './suggest';
import { circles } from '../graph/scc';
import { InputError, inside, readBounded } from '../io/bounded';

export interface VetFile {
  path: string;
  content: string;
}
export interface VetOptions {
  /** Repository root: `import.git` paths resolve against it. */
  repoRoot: string;
  /** Check the files as module content (only `declare` and `import.*` at the top level). */
  module?: boolean;
  /** Folder the files live in (`import.file` and `module_path` resolve against it); default: their paths resolved against `repoRoot`. */
  moduleDir?: string;
}
export interface Finding extends Diagnostic {
  /** `file:line:col: message`. */
  text: string;
}

/** A component (or config block) and the references between them, for the graph export. */
export interface GraphNode {
  id: string;
  /** Component name, e.g. `prometheus.scrape`. */
  name: string;
  /** Scope: "" for the file set, or the declare / module it lives in. */
  scope: string;
}
export interface GraphEdge {
  from: string;
  to: string;
  /** Attribute path that holds the reference, e.g. `forward_to` or `output.metrics`. */
  via: string;
  scope: string;
}
export interface Analysis {
  findings: Finding[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const CONFIG_BLOCK_NAMES = new Set(['declare', 'logging', 'tracing', 'argument', 'export', 'foreach', 'import.file', 'import.string', 'import.http', 'import.git']);
const SERVICE_BLOCKS = new Set(['http', 'remotecfg', 'livedebugging']);
const NOT_IN_MODULE = new Set(['logging', 'tracing', 'http', 'remotecfg', 'livedebugging']);
const STDLIB = new Set([
  'constants', 'sys', 'convert', 'array', 'encoding', 'string', 'file', 'coalesce', 'json_path',
  // Deprecated top-level aliases, still in scope.
  'env', 'nonsensitive', 'concat', 'json_decode', 'yaml_decode', 'base64_decode', 'format', 'join', 'replace', 'split',
  'to_lower', 'to_upper', 'trim', 'trim_prefix', 'trim_suffix', 'trim_space',
]);

/** A custom component definition: a `declare` block. */
interface Declare {
  args: Map<string, { optional: boolean }>;
  exports: Set<string>;
}
/** What a scope can instantiate: local declares and imported namespaces. */
interface Definitions {
  declares: Map<string, Declare>;
  /** Namespace → declares of the imported module, or undefined when it cannot be read locally (accept any). */
  imports: Map<string, Map<string, Declare> | undefined>;
}

interface Located {
  stmt: ast.Stmt;
  file: ast.File;
}

interface Node {
  id: string;
  name: string;
  block: ast.BlockStmt;
  file: ast.File;
  /** Export names when known. */
  exports?: Set<string>;
}

class Vetter {
  readonly findings: Finding[] = [];
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  /** Imported modules by absolute path (undefined while being loaded, to stop import loops). */
  private readonly modules = new Map<string, Map<string, Declare> | undefined>();

  constructor(private readonly repoRoot: string) {}

  report(file: ast.File, pos: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    const start = this.position(file, pos);
    this.findings.push({ severity, start, message, text: `${positionString(start)}: ${message}` });
  }

  private position(file: ast.File, pos: number): Diagnostic['start'] {
    const src = file.source as SourceFile;
    return src.position(pos);
  }

  parse(files: VetFile[]): ast.File[] {
    const out: ast.File[] = [];
    for (const f of files) {
      const { file, diagnostics } = parseFile(f.path, f.content);
      for (const d of diagnostics) this.findings.push({ ...d, text: diagnosticText(d) });
      if (diagnostics.length === 0) out.push(file);
    }
    return out;
  }

  /** Checks the top level of a file set: a root config, or module content. */
  checkTop(files: ast.File[], kind: 'root' | 'module', moduleDir: string, scopeName = ''): Map<string, Declare> {
    const stmts: Located[] = files.flatMap((file) => file.body.map((stmt) => ({ stmt, file })));
    for (const { stmt, file } of stmts) {
      if (stmt.type === 'Attribute') {
        this.report(file, stmt.name.pos, `unrecognized attribute name "${stmt.name.name}"`);
        continue;
      }
      const name = blockName(stmt);
      if (kind === 'module' && name !== 'declare' && !name.startsWith('import.')) {
        this.report(file, stmt.namePos, `only declare and import blocks are allowed in a module, got ${name}`);
      } else if (kind === 'root' && (name === 'argument' || name === 'export')) {
        this.report(file, stmt.namePos, `${name} blocks only allowed inside a module`);
      }
    }
    const blocks = stmts.filter((l) => l.stmt.type === 'Block' && !(kind === 'root' && ['argument', 'export'].includes(blockName(l.stmt as ast.BlockStmt))));
    return this.checkScope(blocks, { declares: new Map(), imports: new Map() }, scopeName, new Set(), moduleDir, kind === 'root' ? 'root' : 'module');
  }

  /**
   * Checks one scope (the root, a module, a declare body or a foreach template). Returns the declares it
   * defines so a module's importer can instantiate them.
   */
  private checkScope(stmts: Located[], parent: Definitions, scopeName: string, extraScope: Set<string>, moduleDir: string, kind: 'root' | 'module' | 'declare'): Map<string, Declare> {
    const defs: Definitions = { declares: new Map(parent.declares), imports: new Map(parent.imports) };
    const local = new Map<string, Declare>();
    const nodes = new Map<string, Node>();
    const seenAt = new Map<string, { file: ast.File; pos: number }>();
    const blocks: { block: ast.BlockStmt; file: ast.File }[] = [];
    for (const { stmt, file } of stmts) {
      if (stmt.type === 'Block') blocks.push({ block: stmt, file });
      else this.report(file, stmt.name.pos, `unrecognized attribute name "${stmt.name.name}"`);
    }

    // First pass: node IDs, duplicates, definitions.
    for (const { block, file } of blocks) {
      const name = blockName(block);
      if (kind === 'declare' && NOT_IN_MODULE.has(name)) {
        this.report(file, block.namePos, `${name} not allowed in module`);
        continue;
      }
      if (SERVICE_BLOCKS.has(name) || name === 'logging' || name === 'tracing') {
        if (block.label !== '') this.report(file, block.labelPos, `block ${name} does not support labels`);
      } else if (block.label === '') {
        const what = CONFIG_BLOCK_NAMES.has(name) ? `${name} block` : `component "${name}"`;
        this.report(file, block.namePos, `${what} must have a label`);
        continue;
      }
      const id = block.label === '' ? name : `${name}.${block.label}`;
      const prev = seenAt.get(id);
      if (prev) {
        this.report(file, block.namePos, `block ${id} already declared at ${positionString(this.position(prev.file, prev.pos))}`);
        continue;
      }
      seenAt.set(id, { file, pos: block.namePos });
      if (name === 'declare') {
        const d = this.declareSignature(block);
        defs.declares.set(block.label, d);
        local.set(block.label, d);
      } else if (name.startsWith('import.')) {
        defs.imports.set(block.label, this.loadImport(block, file, moduleDir));
      }
      if (name !== 'declare' && !name.startsWith('import.') && name !== 'argument' && name !== 'export') {
        nodes.set(id, { id, name, block, file });
        this.nodes.push({ id, name, scope: scopeName });
      } else if (name === 'argument' || name.startsWith('import.')) {
        nodes.set(id, { id, name, block, file });
      }
    }

    for (const node of nodes.values()) node.exports = exportsOf(node.name, defs);

    // Second pass: bodies against definitions, then references.
    const argumentNames = new Set(blocks.filter((b) => blockName(b.block) === 'argument').map((b) => b.block.label));
    const scopeNames = new Set([...STDLIB, 'module_path', ...extraScope]);
    if (kind === 'declare') scopeNames.add('argument');
    const deps = new Map<string, Set<string>>();
    for (const { block, file } of blocks) {
      const name = blockName(block);
      const id = block.label === '' ? name : `${name}.${block.label}`;
      if (name === 'declare') {
        const inner = block.body.map((stmt) => ({ stmt, file }));
        this.checkScope(inner, defs, scopeName ? `${scopeName}/${block.label}` : block.label, new Set(), moduleDir, 'declare');
        continue;
      }
      if (name === 'foreach') {
        this.checkBlockBody(block, file, CONFIG_BLOCKS.foreach!, name, true);
        const v = block.body.find((s): s is ast.AttributeStmt => s.type === 'Attribute' && s.name.name === 'var');
        const template = block.body.find((s): s is ast.BlockStmt => s.type === 'Block' && blockName(s) === 'template');
        const varName = v?.value.type === 'Literal' && v.value.kind === T.STRING ? unquote(v.value.value) : undefined;
        if (template) this.checkScope(template.body.map((stmt) => ({ stmt, file })), defs, `${scopeName}/foreach.${block.label}`, new Set(varName ? [varName] : []), moduleDir, 'declare');
      } else if (CONFIG_BLOCKS[name]) {
        this.checkBlockBody(block, file, CONFIG_BLOCKS[name]!, name, true);
      } else {
        if (nodes.has(id)) this.checkComponent(block, file, defs);
      }
      const edges = new Set<string>();
      deps.set(id, edges);
      for (const ref of collectReferences(block.body)) {
        const target = this.resolve(ref, nodes, scopeNames, argumentNames, file);
        if (target && target !== id) {
          edges.add(target);
          if (nodes.get(target)?.name !== 'argument' && !target.startsWith('import.')) this.edges.push({ from: target, to: id, via: ref.via, scope: scopeName });
        } else if (target === id) {
          this.report(file, ref.pos, `cycle detected: ${id} references itself`);
        }
      }
    }
    for (const cycle of findCycles(deps)) {
      const first = nodes.get(cycle[0]!)!;
      this.report(first.file, first.block.namePos, `cycle detected: ${[...cycle, cycle[0]].join(' -> ')}`);
    }
    return local;
  }

  private declareSignature(block: ast.BlockStmt): Declare {
    const args = new Map<string, { optional: boolean }>();
    const exports = new Set<string>();
    for (const s of block.body) {
      if (s.type !== 'Block') continue;
      const n = blockName(s);
      if (n === 'argument') {
        const opt = s.body.find((a): a is ast.AttributeStmt => a.type === 'Attribute' && a.name.name === 'optional');
        const optional = opt?.value.type === 'Literal' && opt.value.kind === T.BOOL && opt.value.value === 'true';
        args.set(s.label, { optional });
      } else if (n === 'export') {
        exports.add(s.label);
      }
    }
    return { args, exports };
  }

  /** Checks a component instance against its built-in schema or its declare. */
  private checkComponent(block: ast.BlockStmt, file: ast.File, defs: Definitions): void {
    const name = blockName(block);
    const builtin = componentSchemas()[name];
    if (builtin) {
      this.checkBlockBody(block, file, builtin, name, true);
      return;
    }
    let custom = defs.declares.get(name);
    if (!custom && block.name.length >= 2) {
      const ns = block.name.slice(0, -1).join('.');
      if (defs.imports.has(ns)) {
        const mod = defs.imports.get(ns);
        if (mod === undefined) return; // module not readable here: accept, as Alloy's validate does
        const decl = block.name[block.name.length - 1]!;
        custom = mod.get(decl);
        if (!custom) {
          this.report(file, block.namePos, `module imported as "${ns}" has no declare "${decl}"${didYouMean(decl, mod.keys())}`);
          return;
        }
      }
    }
    if (!custom) {
      const candidates = [...Object.keys(componentSchemas()), ...defs.declares.keys(), ...[...defs.imports].flatMap(([ns, m]) => (m ? [...m.keys()].map((d) => `${ns}.${d}`) : []))];
      this.report(file, block.namePos, `cannot find the definition of component name "${name}"${didYouMean(name, candidates)}`);
      return;
    }
    const seen = new Set<string>();
    for (const s of block.body) {
      if (s.type === 'Block') {
        this.report(file, s.namePos, `unrecognized block name "${blockName(s)}"`);
        continue;
      }
      if (seen.has(s.name.name)) this.report(file, s.name.pos, `attribute "${s.name.name}" may only be provided once`);
      seen.add(s.name.name);
      if (!custom.args.has(s.name.name)) this.report(file, s.name.pos, `unrecognized attribute name "${s.name.name}"${didYouMean(s.name.name, custom.args.keys())}`);
    }
    for (const [arg, { optional }] of custom.args) if (!optional && !seen.has(arg)) this.report(file, block.namePos, `missing required attribute "${arg}"`);
  }

  private checkBlockBody(block: ast.BlockStmt, file: ast.File, schema: BlockSchema, path: string, top: boolean): void {
    if (schema.open) return;
    const seenAttrs = new Set<string>();
    const seenBlocks = new Set<string>();
    for (const s of block.body) {
      if (s.type === 'Attribute') {
        const n = s.name.name;
        if (seenAttrs.has(n)) this.report(file, s.name.pos, `attribute "${n}" may only be provided once`);
        seenAttrs.add(n);
        const type = schema.a[n];
        if (type === undefined) {
          this.report(file, s.name.pos, `unrecognized attribute name "${n}"${didYouMean(n, Object.keys(schema.a))}`);
        } else if (!assignable(type, staticType(s.value))) {
          this.report(file, startPos(s.value), `${n}: expected ${type}, got ${staticType(s.value)}`);
        }
        continue;
      }
      const n = blockName(s);
      seenBlocks.add(n);
      const child = schema.b?.[n];
      if (!child) {
        this.report(file, s.namePos, `unrecognized block name "${n}"${didYouMean(n, Object.keys(schema.b ?? {}))}`);
        continue;
      }
      if (s.label !== '') this.report(file, s.labelPos, `block ${n} does not support labels`);
      this.checkBlockBody(s, file, child, `${path} > ${n}`, false);
    }
    for (const r of schema.r ?? []) if (!seenAttrs.has(r)) this.report(file, top ? block.namePos : block.namePos, `missing required attribute "${r}"${top ? '' : ` in block ${path}`}`);
    for (const [n, child] of Object.entries(schema.b ?? {})) if (child.req && !seenBlocks.has(n)) this.report(file, block.namePos, `missing required block "${n}"${top ? '' : ` in block ${path}`}`);
  }

  /** Loads the module an import block points at, when it lives in this repository. */
  private loadImport(block: ast.BlockStmt, file: ast.File, moduleDir: string): Map<string, Declare> | undefined {
    const name = blockName(block);
    const attr = (n: string) => block.body.find((s): s is ast.AttributeStmt => s.type === 'Attribute' && s.name.name === n);
    let target: string | undefined;
    let at: ast.AttributeStmt | undefined;
    if (name === 'import.git') {
      at = attr('path');
      const rev = attr('revision');
      if (rev?.value.type === 'Literal' && rev.value.kind === T.STRING && /^(HEAD|FETCH_HEAD|ORIG_HEAD|MERGE_HEAD|CHERRY_PICK_HEAD)$/.test(unquote(rev.value.value))) {
        this.report(file, startPos(rev.value), `revision ${rev.value.value} is not allowed since Alloy v1.5; pin a branch, tag or commit`);
      }
      const p = at && stringValue(at.value, moduleDir);
      if (p !== undefined) target = resolve(this.repoRoot, p);
    } else if (name === 'import.file') {
      at = attr('filename');
      const p = at && stringValue(at.value, moduleDir);
      // Absolute paths name files inside the Alloy container, not in this repository.
      if (p !== undefined && !(at!.value.type === 'Literal' && isAbsolute(p))) target = resolve(moduleDir, p);
    }
    if (target === undefined || !at) return undefined;
    if (!existsSync(target)) {
      this.report(file, startPos(at.value), `${name} "${block.label}": ${relative(this.repoRoot, target) || '.'} does not exist in this repository (render it first, or fix the path)`);
      return undefined;
    }
    // vet reads this repository's modules only: a path that leaves it (.., a link) is not followed.
    if (!inside(this.repoRoot, target)) {
      this.report(file, startPos(at.value), `${name} "${block.label}": ${target} is outside this repository; vet follows only this repository's modules`);
      return undefined;
    }
    if (this.modules.has(target)) return this.modules.get(target);
    this.modules.set(target, undefined);
    const paths = statSync(target).isDirectory()
      ? readdirSync(target).filter((f) => f.endsWith('.alloy')).sort().map((f) => join(target!, f))
      : [target];
    let contents: { path: string; content: string }[];
    try {
      contents = paths.map((p) => ({ path: relative(this.repoRoot, p) || p, content: readBounded(p, { within: this.repoRoot }).toString('utf8') }));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      this.report(file, startPos(at.value), `${name} "${block.label}": ${e.message}`);
      return undefined;
    }
    const files = this.parse(contents);
    // module_path of an import.git module is the clone root; of an import.file module, the file's directory.
    const dir = name === 'import.git' ? this.repoRoot : statSync(target).isDirectory() ? target : dirname(target);
    const declares = this.checkTop(files, 'module', dir, relative(this.repoRoot, target) || '.');
    this.modules.set(target, declares);
    return declares;
  }

  private resolve(ref: Reference, nodes: Map<string, Node>, scope: Set<string>, argumentNames: Set<string>, file: ast.File): string | undefined {
    const names = ref.names;
    for (let k = 1; k <= names.length; k++) {
      const id = names.slice(0, k).join('.');
      const node = nodes.get(id);
      if (!node) continue;
      const field = names[k];
      if (node.name === 'argument') {
        if (field !== undefined && field !== 'value') this.report(file, ref.pos, `argument "${node.block.label}" has only the field "value", got "${field}"`);
      } else if (field !== undefined && node.exports && !node.exports.has(field)) {
        this.report(file, ref.pos, `${node.id} has no export "${field}"${didYouMean(field, node.exports)}`);
      }
      return id;
    }
    const head = names[0]!;
    if (scope.has(head)) {
      if (head === 'argument' && names[1] !== undefined && !argumentNames.has(names[1])) {
        this.report(file, ref.pos, `component "${names.slice(0, 3).join('.')}" does not exist or is out of scope${didYouMean(names[1], argumentNames)}`);
      }
      return undefined;
    }
    const candidates = [...nodes.keys()].filter((id) => !id.startsWith('import.'));
    let hint = '';
    for (const len of new Set(candidates.map((c) => c.split('.').length))) {
      const h = didYouMean(names.slice(0, len).join('.'), candidates.filter((c) => c.split('.').length === len));
      if (h) {
        hint = h;
        break;
      }
    }
    this.report(file, ref.pos, `component "${names.join('.')}" does not exist or is out of scope${hint}`);
    return undefined;
  }
}

/** Export names of a component, when its definition is known. */
function exportsOf(name: string, defs: Definitions): Set<string> | undefined {
  const builtin = componentSchemas()[name];
  if (builtin) return new Set(Object.keys(builtin.e));
  if (name === 'argument') return undefined;
  const local = defs.declares.get(name);
  if (local) return local.exports;
  const parts = name.split('.');
  if (parts.length < 2) return undefined;
  return defs.imports.get(parts.slice(0, -1).join('.'))?.get(parts[parts.length - 1]!)?.exports;
}

interface Reference {
  names: string[];
  pos: number;
  /** Attribute path holding the reference. */
  via: string;
}

/** Traversals (identifier followed by `.name` accesses) in every expression of a body. */
export function collectReferences(body: ast.Stmt[], prefix = ''): Reference[] {
  const out: Reference[] = [];
  const visit = (e: ast.Expr, via: string): void => {
    switch (e.type) {
      case 'Identifier':
        out.push({ names: [e.ident.name], pos: e.ident.pos, via });
        return;
      case 'Access': {
        const names: string[] = [];
        let cur: ast.Expr = e;
        while (cur.type === 'Access') {
          names.unshift(cur.name.name);
          cur = cur.value;
        }
        if (cur.type === 'Identifier') out.push({ names: [cur.ident.name, ...names], pos: cur.ident.pos, via });
        else visit(cur, via);
        return;
      }
      case 'Index':
        visit(e.value, via);
        visit(e.index, via);
        return;
      case 'Call':
        visit(e.value, via);
        for (const a of e.args) visit(a, via);
        return;
      case 'Unary':
        visit(e.value, via);
        return;
      case 'Binary':
        visit(e.left, via);
        visit(e.right, via);
        return;
      case 'Paren':
        visit(e.inner, via);
        return;
      case 'Array':
        for (const x of e.elements) visit(x, via);
        return;
      case 'Object':
        for (const f of e.fields) visit(f.value, via);
        return;
      case 'Literal':
        return;
    }
  };
  for (const s of body) {
    if (s.type === 'Attribute') visit(s.value, prefix + s.name.name);
    else out.push(...collectReferences(s.body, `${prefix}${blockName(s)}.`));
  }
  return out;
}

/** Elementary cycles, one per strongly connected component, in a stable order. */
function findCycles(deps: Map<string, Set<string>>): string[][] {
  return circles(deps).map((comp) => orderCycle(comp, deps));
}

/** Walks the component from its smallest ID along dependencies to print the cycle as a path. */
function orderCycle(comp: string[], deps: Map<string, Set<string>>): string[] {
  const members = new Set(comp);
  const start = [...comp].sort()[0]!;
  const path = [start];
  let cur = start;
  for (;;) {
    const next = [...(deps.get(cur) ?? [])].filter((n) => members.has(n)).sort().find((n) => !path.includes(n));
    if (!next) break;
    path.push(next);
    cur = next;
  }
  return path;
}

function unquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  try {
    return JSON.parse(lit) as string;
  } catch {
    return lit.slice(1, -1);
  }
}

/** A string value visible without evaluation: a literal, `+` of literals, or file.path_join(module_path, …). */
function stringValue(e: ast.Expr, moduleDir: string): string | undefined {
  if (e.type === 'Literal' && e.kind === T.STRING) return unquote(e.value);
  if (e.type === 'Identifier' && e.ident.name === 'module_path') return moduleDir;
  if (e.type === 'Binary' && e.op === T.ADD) {
    const l = stringValue(e.left, moduleDir);
    const r = stringValue(e.right, moduleDir);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (e.type === 'Call' && e.value.type === 'Access' && e.value.name.name === 'path_join' && e.value.value.type === 'Identifier' && e.value.value.ident.name === 'file') {
    const parts = e.args.map((a) => stringValue(a, moduleDir));
    return parts.every((p) => p !== undefined) ? join(...(parts as string[])) : undefined;
  }
  return undefined;
}

/** Validates a set of files that form one configuration (or one module with `module: true`). */
export function analyze(files: VetFile[], opts: VetOptions): Analysis {
  const v = new Vetter(resolve(opts.repoRoot));
  const parsed = v.parse(files);
  const dir = opts.moduleDir ?? (files[0] ? dirname(resolve(opts.repoRoot, files[0].path)) : resolve(opts.repoRoot));
  if (parsed.length === files.length) v.checkTop(parsed, opts.module ? 'module' : 'root', dir);
  const findings = [...v.findings].sort(
    (a, b) => (a.start.filename < b.start.filename ? -1 : a.start.filename > b.start.filename ? 1 : a.start.offset - b.start.offset),
  );
  return { findings, nodes: v.nodes, edges: v.edges };
}

export function vetFiles(files: VetFile[], opts: VetOptions): Finding[] {
  return analyze(files, opts).findings;
}

/**
 * Reads files and directories the way Alloy does (a directory means its top-level `*.alloy` files, one
 * configuration) and vets each target. A directory whose files hold only `declare`/`import.*` blocks is
 * checked as module content.
 */
export function vetPaths(paths: string[], opts: VetOptions): Finding[] {
  return analyzePaths(paths, opts).findings;
}

export function analyzePaths(paths: string[], opts: VetOptions): Analysis {
  const out: Analysis = { findings: [], nodes: [], edges: [] };
  for (const p of paths) {
    const abs = resolve(p);
    const isDir = statSync(abs).isDirectory();
    // Each file is named as the user named it (or its folder), the way `fmt` names it; imports
    // resolve from the files' own folder, which need not be under the working folder.
    const list = isDir ? readdirSync(abs).filter((f) => f.endsWith('.alloy')).sort().map((f) => ({ abs: join(abs, f), shown: join(p, f) })) : [{ abs, shown: p }];
    const files = list.map((f) => ({ path: f.shown, content: readBounded(f.abs).toString('utf8') }));
    const a = analyze(files, { ...opts, module: opts.module ?? looksLikeModule(files), moduleDir: isDir ? abs : dirname(abs) });
    out.findings.push(...a.findings);
    out.nodes.push(...a.nodes);
    out.edges.push(...a.edges);
  }
  return out;
}

function looksLikeModule(files: VetFile[]): boolean {
  const parsed = files.map((f) => parseFile(f.path, f.content));
  if (parsed.some((p) => p.diagnostics.length > 0)) return false;
  const top = parsed.flatMap((p) => p.file.body);
  return top.length > 0 && top.every((s) => s.type === 'Block' && (blockName(s) === 'declare' || blockName(s).startsWith('import.')));
}
