// A small evaluator for the metric-scraping part of an Alloy pipeline module: it instantiates the
// module's declares like Alloy does, runs `discovery.kubernetes` against a synthetic cluster (with
// the field selectors the API server would apply), applies `discovery.relabel` rules with
// Prometheus semantics, and records what every `prometheus.scrape` would scrape. The
// `prometheus.operator.*` components are modelled from the point where the rules this repository
// writes take effect: the targets the operator objects discover (with their meta labels, in
// `operatorTargets`) go through the component's `rule` blocks, which Alloy applies before the
// object's own relabelings. Components that do not take part in scraping (OTLP, logs, remote
// write) evaluate to opaque values.
//
// It is deliberately strict: a selector, relabel action or expression it does not know throws,
// so a module change that this model cannot judge fails the test instead of passing it silently.
import type * as ast from '../../lib/alloy/ast';
import { parseFile } from '../../lib/alloy/parser';
import { T } from '../../lib/alloy/token';

export interface SyntheticNode {
  name: string;
  ip: string;
}

export interface SyntheticContainer {
  name: string;
  init?: boolean;
  ports: { name?: string; containerPort: number; protocol?: string }[];
}

export interface SyntheticPod {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  ip: string;
  phase: 'Running' | 'Pending' | 'Succeeded' | 'Failed';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  controller?: { kind: string; name: string };
  containers: SyntheticContainer[];
}

/** A target that a ServiceMonitor, PodMonitor or Probe discovers, before any relabelling. */
export interface OperatorTarget {
  kind: 'servicemonitors' | 'podmonitors' | 'probes';
  /** Namespace of the monitor or probe object. */
  objectNamespace: string;
  address: string;
  /** Discovery labels: `__meta_kubernetes_*` (node and namespace of the backing pod), or a Probe's `namespace`. */
  labels: Record<string, string>;
}

export interface SyntheticCluster {
  nodes: SyntheticNode[];
  pods: SyntheticPod[];
  operatorTargets?: OperatorTarget[];
}

/** One target a `prometheus.scrape` component would scrape. */
export interface ScrapeTarget {
  /** The scrape component's path through the declares: `pipeline.node/pod_metrics.default/prometheus.scrape.opted_in`. */
  scraper: string;
  address: string;
  scheme: string;
  metricsPath: string;
  honorLabels: boolean;
  /** Target labels as they reach the series (no `__` labels). */
  labels: Record<string, string>;
}

type Targets = Record<string, string>[];
type V = string | number | boolean | null | V[] | { [k: string]: V } | Opaque;

class Opaque {
  constructor(readonly what: string) {}
}

export class ModelError extends Error {}

// ---------------------------------------------------------------------------------------------
// Literals and expressions.

/** Go's strconv.Unquote for the escapes Alloy strings use. */
export function unquote(lit: string): string {
  if (!lit.startsWith('"') || !lit.endsWith('"')) throw new ModelError(`not a string literal: ${lit}`);
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e in simple) out += simple[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else if (/[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new ModelError(`unknown escape \\${e} in ${lit}`);
  }
  return out;
}

/** `a.b.c` of an identifier/access chain, or undefined for anything else. */
function path(e: ast.Expr): string[] | undefined {
  if (e.type === 'Identifier') return [e.ident.name];
  if (e.type === 'Access') {
    const head = path(e.value);
    return head ? [...head, e.name.name] : undefined;
  }
  return undefined;
}

function field(v: V, name: string): V {
  if (v instanceof Opaque) return new Opaque(`${v.what}.${name}`);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ModelError(`cannot read .${name} of ${JSON.stringify(v)}`);
  if (!(name in v)) throw new ModelError(`no field "${name}"`);
  return v[name]!;
}

// ---------------------------------------------------------------------------------------------
// Scopes: a declare instance (or the module root) with its arguments and components.

interface Scope {
  path: string;
  args: Record<string, V>;
  env: Record<string, string>;
  /** Component blocks of this scope by id (`discovery.relabel.pods`, `pod_metrics.default`). */
  blocks: Map<string, ast.BlockStmt>;
  exports: Map<string, V>;
  declares: Map<string, ast.BlockStmt>;
  cluster: SyntheticCluster;
  out: ScrapeTarget[];
  evaluating: Set<string>;
}

function blockId(b: ast.BlockStmt): string {
  return b.label ? `${b.name.join('.')}.${b.label}` : b.name.join('.');
}

function evalExpr(s: Scope, e: ast.Expr): V {
  switch (e.type) {
    case 'Literal':
      if (e.kind === T.STRING) return unquote(e.value);
      if (e.kind === T.NUMBER || e.kind === T.FLOAT) return Number(e.value);
      if (e.kind === T.BOOL) return e.value === 'true';
      return null;
    case 'Array':
      return e.elements.map((x) => evalExpr(s, x));
    case 'Object':
      return Object.fromEntries(e.fields.map((f) => [f.quoted ? unquote(f.name.name) : f.name.name, evalExpr(s, f.value)]));
    case 'Paren':
      return evalExpr(s, e.inner);
    case 'Binary': {
      const l = evalExpr(s, e.left);
      const r = evalExpr(s, e.right);
      if (e.op === T.ADD && typeof l === 'string' && typeof r === 'string') return l + r;
      if (e.op === T.ADD && typeof l === 'number' && typeof r === 'number') return l + r;
      throw new ModelError(`${s.path}: unsupported binary expression`);
    }
    case 'Call': {
      const fn = path(e.value)?.join('.');
      const args = e.args.map((a) => evalExpr(s, a));
      if (fn === 'sys.env') {
        const name = args[0] as string;
        return s.env[name] ?? '';
      }
      if (fn === 'string.format') {
        // Only the verbs the pipeline uses: %s (as is) and %q (Go's quoted string).
        let i = 1;
        return (args[0] as string).replace(/%([sq%])/g, (_m, verb: string) => {
          if (verb === '%') return '%';
          const v = args[i++];
          if (typeof v !== 'string') throw new ModelError(`${s.path}: string.format %${verb} of a non-string is not modelled`);
          return verb === 's' ? v : JSON.stringify(v);
        });
      }
      if (fn === 'string.join') {
        if (!Array.isArray(args[0]) || !args[0].every((x) => typeof x === 'string') || typeof args[1] !== 'string') throw new ModelError(`${s.path}: string.join needs a list of strings and a separator`);
        return args[0].join(args[1]);
      }
      if (fn === 'string.replace') {
        if (!args.every((a) => typeof a === 'string')) throw new ModelError(`${s.path}: string.replace needs three strings`);
        const [text, from, to] = args as string[];
        return text!.split(from!).join(to);
      }
      if (fn === 'coalesce') return args.find((a) => a !== '' && a !== null && !(Array.isArray(a) && a.length === 0)) ?? null;
      throw new ModelError(`${s.path}: function ${fn ?? '?'} is not modelled`);
    }
    case 'Identifier':
    case 'Access': {
      const names = path(e)!;
      if (names[0] === 'argument') {
        if (names[2] !== 'value' || names.length !== 3) throw new ModelError(`${s.path}: ${names.join('.')} is not argument.<name>.value`);
        if (!(names[1]! in s.args)) throw new ModelError(`${s.path}: argument "${names[1]}" was not passed`);
        return s.args[names[1]!]!;
      }
      for (let n = names.length - 1; n >= 1; n--) {
        const id = names.slice(0, n).join('.');
        if (s.blocks.has(id)) {
          let v = componentExports(s, id);
          for (const rest of names.slice(n)) v = field(v, rest);
          return v;
        }
      }
      throw new ModelError(`${s.path}: ${names.join('.')} references no component of this scope`);
    }
    default:
      throw new ModelError(`${s.path}: expression type ${e.type} is not modelled`);
  }
}

/** A block body as a record: attributes by name, nested blocks as arrays by name. */
function body(s: Scope, stmts: readonly ast.Stmt[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const st of stmts) {
    if (st.type === 'Attribute') out[st.name.name] = evalExpr(s, st.value);
    else {
      const name = st.name.join('.');
      const list = (out[name] as V[] | undefined) ?? [];
      list.push(body(s, st.body));
      out[name] = list;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Discovery, as the Kubernetes SD of Prometheus labels targets.

const sanitize = (k: string) => k.replace(/[^a-zA-Z0-9_]/g, '_');

function selectorsOf(args: Record<string, V>, role: string): { field?: string; label?: string }[] {
  return ((args.selectors as Record<string, V>[] | undefined) ?? []).filter((x) => x.role === role) as { field?: string; label?: string }[];
}

/** `key=value` field selectors, the only kind the API server supports for these fields. */
function fieldMatch(selector: string, fields: Record<string, string>): boolean {
  return selector.split(',').every((term) => {
    const m = /^([\w.]+)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw new ModelError(`field selector "${term}" is not modelled`);
    if (!(m[1]! in fields)) throw new ModelError(`field selector on ${m[1]} is not modelled`);
    const eq = fields[m[1]!] === m[3];
    return m[2] === '!=' ? !eq : eq;
  });
}

function kubernetesDiscovery(s: Scope, args: Record<string, V>): Targets {
  const role = args.role as string;
  const sels = selectorsOf(args, role);
  if (sels.some((x) => x.label !== undefined)) throw new ModelError(`${s.path}: label selectors are not modelled`);
  if (role === 'node') {
    return s.cluster.nodes
      .filter((n) => sels.every((x) => x.field === undefined || fieldMatch(x.field, { 'metadata.name': n.name })))
      .map((n) => ({
        __address__: `${n.ip}:10250`,
        __meta_kubernetes_node_name: n.name,
        __meta_kubernetes_node_address_InternalIP: n.ip,
        instance: n.name,
      }));
  }
  if (role !== 'pod') throw new ModelError(`${s.path}: discovery role ${role} is not modelled`);
  const names = ((args.namespaces as Record<string, V>[] | undefined)?.[0]?.names as string[] | undefined) ?? undefined;
  const out: Targets = [];
  for (const p of s.cluster.pods) {
    if (names && names.length > 0 && !names.includes(p.namespace)) continue;
    if (!sels.every((x) => x.field === undefined || fieldMatch(x.field, { 'spec.nodeName': p.node, 'metadata.name': p.name, 'metadata.namespace': p.namespace }))) continue;
    const node = s.cluster.nodes.find((n) => n.name === p.node)!;
    const base: Record<string, string> = {
      __meta_kubernetes_namespace: p.namespace,
      __meta_kubernetes_pod_name: p.name,
      __meta_kubernetes_pod_ip: p.ip,
      __meta_kubernetes_pod_uid: p.uid,
      __meta_kubernetes_pod_phase: p.phase,
      __meta_kubernetes_pod_node_name: p.node,
      __meta_kubernetes_pod_host_ip: node.ip,
      __meta_kubernetes_pod_ready: p.phase === 'Running' ? 'true' : 'false',
    };
    if (p.controller) {
      base.__meta_kubernetes_pod_controller_kind = p.controller.kind;
      base.__meta_kubernetes_pod_controller_name = p.controller.name;
    }
    for (const [k, v] of Object.entries(p.labels)) {
      base[`__meta_kubernetes_pod_label_${sanitize(k)}`] = v;
      base[`__meta_kubernetes_pod_labelpresent_${sanitize(k)}`] = 'true';
    }
    for (const [k, v] of Object.entries(p.annotations)) {
      base[`__meta_kubernetes_pod_annotation_${sanitize(k)}`] = v;
      base[`__meta_kubernetes_pod_annotationpresent_${sanitize(k)}`] = 'true';
    }
    for (const c of p.containers) {
      const cl = { ...base, __meta_kubernetes_pod_container_name: c.name, __meta_kubernetes_pod_container_init: c.init ? 'true' : 'false' };
      if (c.ports.length === 0) out.push({ ...cl, __address__: p.ip });
      for (const port of c.ports) {
        out.push({
          ...cl,
          __address__: `${p.ip}:${port.containerPort}`,
          __meta_kubernetes_pod_container_port_name: port.name ?? '',
          __meta_kubernetes_pod_container_port_number: String(port.containerPort),
          __meta_kubernetes_pod_container_port_protocol: port.protocol ?? 'TCP',
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Relabeling, with Prometheus' semantics and defaults.

/** Go regexp.Expand: `$1`, `${1}`, `$name` (the longest run of word characters), `$$`. */
export function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_w, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$';
    const name = braced ?? bare!;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

export interface RelabelRule {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  action?: string;
  target_label?: string;
  replacement?: string;
}

/** Applies rules to one label set; undefined when a keep/drop rule removes the target. */
export function relabel(labels: Record<string, string>, rules: readonly RelabelRule[]): Record<string, string> | undefined {
  const lb = { ...labels };
  for (const r of rules) {
    const action = r.action ?? 'replace';
    const re = new RegExp(`^(?:${r.regex ?? '(.*)'})$`);
    const value = (r.source_labels ?? []).map((l) => lb[l] ?? '').join(r.separator ?? ';');
    switch (action) {
      case 'replace': {
        const m = re.exec(value);
        if (!m) break;
        const target = expand(r.target_label ?? '', m);
        const res = expand(r.replacement ?? '$1', m);
        if (res === '') delete lb[target];
        else lb[target] = res;
        break;
      }
      case 'keep':
        if (!re.test(value)) return undefined;
        break;
      case 'drop':
        if (re.test(value)) return undefined;
        break;
      case 'labelmap':
        for (const [k, v] of Object.entries(lb)) {
          const m = re.exec(k);
          if (m) lb[expand(r.replacement ?? '$1', m)] = v;
        }
        break;
      default:
        throw new ModelError(`relabel action ${action} is not modelled`);
    }
  }
  return lb;
}

// ---------------------------------------------------------------------------------------------
// Components.

function componentExports(s: Scope, id: string): V {
  if (s.exports.has(id)) return s.exports.get(id)!;
  if (s.evaluating.has(id)) throw new ModelError(`${s.path}: reference cycle through ${id}`);
  s.evaluating.add(id);
  const b = s.blocks.get(id)!;
  const name = b.name.join('.');
  const where = `${s.path}/${id}`;
  let result: V;
  const declared = s.declares.get(name);
  if (declared) {
    result = instantiate(s, declared, where, body(s, b.body.filter((x) => x.type === 'Attribute')));
  } else {
    const args = body(s, b.body);
    switch (name) {
      case 'discovery.kubernetes':
        result = { targets: kubernetesDiscovery(s, args) };
        break;
      case 'discovery.relabel': {
        const targets = args.targets as Targets;
        const rules = (args.rule as RelabelRule[] | undefined) ?? [];
        result = { output: targets.map((t) => relabel(t, rules)).filter((t): t is Record<string, string> => t !== undefined) };
        break;
      }
      case 'prometheus.exporter.unix':
      case 'prometheus.exporter.self':
        // In-process exporters: one target on Alloy's internal address, as Alloy exports them.
        result = { targets: [{ __address__: 'alloy.internal:12345', __metrics_path__: `/api/v0/component/${id}/metrics`, instance: s.env.HOSTNAME ?? '', job: `integrations/${name.split('.').pop()}` }] };
        break;
      case 'prometheus.scrape': {
        for (const t of args.targets as Targets) {
          const labels: Record<string, string> = { job: where, ...t };
          const address = labels.__address__!;
          const target: ScrapeTarget = {
            scraper: where,
            address,
            scheme: labels.__scheme__ ?? (args.scheme as string | undefined) ?? 'http',
            metricsPath: labels.__metrics_path__ ?? (args.metrics_path as string | undefined) ?? '/metrics',
            honorLabels: args.honor_labels === true,
            labels: Object.fromEntries(Object.entries({ instance: address, ...labels }).filter(([k]) => !k.startsWith('__'))),
          };
          s.out.push(target);
        }
        result = { receiver: new Opaque(`${where}.receiver`) };
        break;
      }
      case 'prometheus.operator.servicemonitors':
      case 'prometheus.operator.podmonitors':
      case 'prometheus.operator.probes': {
        const kind = name.split('.').pop()!;
        const watched = (args.namespaces as string[] | undefined) ?? [];
        const rules = (args.rule as RelabelRule[] | undefined) ?? [];
        for (const t of s.cluster.operatorTargets ?? []) {
          if (t.kind !== kind || (watched.length > 0 && !watched.includes(t.objectNamespace))) continue;
          const labels = relabel({ __address__: t.address, ...t.labels }, rules);
          if (!labels) continue;
          s.out.push({ scraper: where, address: t.address, scheme: 'http', metricsPath: '/metrics', honorLabels: false, labels: Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('__'))) });
        }
        result = new Opaque(where);
        break;
      }
      default:
        result = new Opaque(where);
    }
  }
  s.exports.set(id, result);
  s.evaluating.delete(id);
  return result;
}

function instantiate(parent: Scope, declare: ast.BlockStmt, where: string, args: Record<string, V>): V {
  const scope: Scope = { ...parent, path: where, args, blocks: new Map(), exports: new Map(), evaluating: new Set() };
  const exportBlocks: ast.BlockStmt[] = [];
  for (const st of declare.body) {
    if (st.type !== 'Block') continue;
    const name = st.name.join('.');
    if (name === 'argument') continue;
    if (name === 'export') exportBlocks.push(st);
    else scope.blocks.set(blockId(st), st);
  }
  for (const id of scope.blocks.keys()) componentExports(scope, id);
  const out: Record<string, V> = {};
  for (const e of exportBlocks) out[e.label] = body(scope, e.body).value!;
  return out;
}

/**
 * Instantiates `entry` of the module with `args`, as Alloy's `node` environment (`env`: HOSTNAME
 * and friends) would, against `cluster`; returns every target a `prometheus.scrape` would scrape.
 */
export function scrapeTargets(
  moduleText: string,
  entry: string,
  args: Record<string, V>,
  env: Record<string, string>,
  cluster: SyntheticCluster,
): ScrapeTarget[] {
  const { file, diagnostics } = parseFile('module.alloy', moduleText);
  if (diagnostics.length > 0) throw new ModelError(`module does not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  const declares = new Map<string, ast.BlockStmt>();
  for (const st of file.body) if (st.type === 'Block' && st.name.join('.') === 'declare') declares.set(st.label, st);
  const root = declares.get(entry);
  if (!root) throw new ModelError(`module has no declare "${entry}"`);
  const out: ScrapeTarget[] = [];
  const scope: Scope = { path: '', args: {}, env, blocks: new Map(), exports: new Map(), declares, cluster, out, evaluating: new Set() };
  instantiate(scope, root, `${entry}.${env.HOSTNAME ?? 'node'}`, args);
  return out;
}
