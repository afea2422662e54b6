// Endpoint references: every cluster DNS name (`<svc>.<ns>.svc[.cluster.local]`) written in a
// config must be a rendered Service (and one of its ports) of the same environment, or a declared
// external endpoint. `findEndpoints` reads any text format (YAML, JSON, Alloy, INI); app code can
// call `checkEndpoints` directly for formats of its own.
import type { KubeObject } from '../k8s/types';
import { isMap, listOf } from './report';

export interface EndpointRef {
  host: string;
  /** Explicit port, or the scheme's default (http 80, https 443); undefined when neither is known. */
  port?: number;
  /** Where it was found, for the message: `data["config.alloy"] line 12`, `Alloy remote_write`. */
  where: string;
}

export interface FoundEndpoint {
  host: string;
  port?: number;
  /** 0-based line inside the text. */
  line: number;
  /** The text as written, for messages. */
  raw: string;
}

const SCHEME_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, grpc: 80, grpcs: 443 };

const isHostChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 95 /* _ */ || c === 46; /* . */
const isWordChar = (c: number): boolean => isHostChar(c) && c !== 46;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** A URL scheme's characters (RFC 3986): letters, digits, `+`, `-`, `.`. */
const isSchemeChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 43 || c === 45 || c === 46;

function dotsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf('.'); i !== -1; i = s.indexOf('.', i + 1)) n++;
  return n;
}

/**
 * Visits every cluster DNS endpoint in a text (at least `<service>.<namespace>.svc`, optionally
 * `.cluster.local`), in order, with its port when the text or its URL scheme gives one, where its
 * host starts, and where the text as written starts and ends. A hand-written scan from each
 * `.svc`: a regular expression for this backtracks at every character of large configs.
 */
function scanEndpoints(text: string, visit: (host: string, port: number | undefined, start: number, rawStart: number, rawEnd: number) => void): void {
  for (let at = text.indexOf('.svc'); at !== -1; at = text.indexOf('.svc', at + 4)) {
    let end = at + 4;
    if (text.startsWith('.cluster.local', end)) end += '.cluster.local'.length;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue; // `.svcfoo`, `.svc.example.com`
    if (text.charCodeAt(end) === 46 /* . */ && isWordChar(text.charCodeAt(end + 1))) continue;
    let start = at;
    while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
    while (text.charCodeAt(start) === 46) start++;
    const host = text.slice(start, end).toLowerCase();
    if (dotsIn(host) < (end - at > 4 ? 4 : 2)) continue; // needs <service>.<namespace>.svc
    let scheme: string | undefined;
    let rawStart = start;
    if (text.startsWith('://', start - 3)) {
      rawStart = start - 3;
      while (rawStart > 0 && isSchemeChar(text.charCodeAt(rawStart - 1))) rawStart--;
      scheme = text.slice(rawStart, start - 3).toLowerCase();
      if (scheme.includes('+')) scheme = scheme.slice(scheme.lastIndexOf('+') + 1); // `dnssrv+http`
    }
    let after = end;
    if (text.charCodeAt(after) === 46) after++; // a fully qualified name's trailing dot
    // `:` and one to five digits, not followed by a sixth.
    let digitsEnd = after + 1;
    while (digitsEnd < after + 7 && isDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
    const explicit = text.charCodeAt(after) === 58 /* : */ && digitsEnd > after + 1 && digitsEnd <= after + 6;
    const port = explicit ? Number(text.slice(after + 1, digitsEnd)) : scheme !== undefined && Object.hasOwn(SCHEME_PORTS, scheme) ? SCHEME_PORTS[scheme] : undefined;
    visit(host, port, start, rawStart, explicit ? digitsEnd : end);
  }
}

/** The 0-based line of each offset, asked for in increasing order: each newline is counted once. */
function lineCounter(text: string): (offset: number) => number {
  let line = 0;
  let counted = 0;
  return (offset) => {
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    return line;
  };
}

/** Every cluster DNS endpoint in a text, with its 0-based line and the text as written. */
export function findEndpoints(text: string): FoundEndpoint[] {
  const out: FoundEndpoint[] = [];
  const lineOf = lineCounter(text);
  scanEndpoints(text, (host, port, start, rawStart, rawEnd) => {
    const line = lineOf(start);
    const raw = text.slice(rawStart, rawEnd);
    out.push(port !== undefined ? { host, port, line, raw } : { host, line, raw });
  });
  return out;
}

/**
 * The endpoints of a text that do not resolve, each with its 0-based line and a message placing it
 * at `<where()> line N` (`where` is asked for only then). Lines are counted only up to these: a
 * large config names many hosts, nearly all of which resolve, and counting the lines up to each
 * was most of the scan.
 */
export function endpointProblems(judge: EndpointJudge, text: string, where: () => string): readonly { line: number; message: string }[] {
  let out: { line: number; message: string }[] | undefined;
  let lineOf: ((offset: number) => number) | undefined;
  scanEndpoints(text, (host, port, start) => {
    const problem = judge(host, port);
    if (problem === undefined) return;
    const line = (lineOf ??= lineCounter(text))(start);
    (out ??= []).push({ line, message: problem(`${where()} line ${line + 1}`) });
  });
  return out ?? NO_PROBLEMS;
}

const NO_PROBLEMS: readonly { line: number; message: string }[] = [];

interface ServicePorts {
  ports: { name?: string; port: number; targetPort?: number | string }[];
  headless: boolean;
}

export type ServiceIndex = Map<string, ServicePorts>;

/** Services of an environment by `namespace/name`. */
export function indexServices(objects: Iterable<KubeObject>): ServiceIndex {
  const index: ServiceIndex = new Map();
  for (const o of objects) {
    if (o.kind !== 'Service' || !isMap(o.spec)) continue;
    const ports: ServicePorts['ports'] = [];
    for (const p of listOf(o.spec.ports)) {
      if (!isMap(p)) continue;
      const port: ServicePorts['ports'][number] = { port: Number(p.port) };
      if (typeof p.name === 'string') port.name = p.name;
      if (p.targetPort !== undefined) port.targetPort = p.targetPort as number | string;
      ports.push(port);
    }
    index.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, { ports, headless: o.spec.clusterIP === 'None' });
  }
  return index;
}

/** `kubernetes.default.svc` is served by the API server in every cluster. */
const BUILT_IN = new Map([['default/kubernetes', [443]]]);

function normalizeExternal(e: string): { host: string; port?: number } {
  const m = /^(?:[a-z]+:\/\/)?([^/:]+)(?::(\d+))?/i.exec(e.trim());
  return { host: (m?.[1] ?? e).toLowerCase().replace(/\.$/, ''), ...(m?.[2] ? { port: Number(m[2]) } : {}) };
}

export type EndpointResolver = <R extends EndpointRef>(endpoints: readonly R[]) => { ref: R; message: string }[];

/** Judges a host and port: undefined when it resolves, else its problem. */
export type EndpointJudge = (host: string, port: number | undefined) => Problem | undefined;

/**
 * Judges endpoints against one environment's Services and the `host:port` strings declared
 * outside this repository; made once per environment. A config names the same few hosts over and
 * over: each host and port is judged once.
 */
export function endpointJudge(services: ServiceIndex, externals: readonly string[] = []): EndpointJudge {
  const declared = externals.map(normalizeExternal);
  // host → port (-1 for none) → problem: found without building a `host:port` key per endpoint.
  const judged = new Map<string, Map<number, Problem | undefined>>();
  return (host, port) => {
    let byPort = judged.get(host);
    if (!byPort) judged.set(host, (byPort = new Map()));
    const p = port ?? -1;
    let problem = byPort.get(p);
    if (problem === undefined && !byPort.has(p)) byPort.set(p, (problem = problemOf(services, declared, host, port)));
    return problem;
  };
}

/** Resolves lists of endpoints with one judge (see endpointJudge). */
export function endpointResolver(services: ServiceIndex, externals: readonly string[] = []): EndpointResolver {
  const judge = endpointJudge(services, externals);
  return <R extends EndpointRef>(endpoints: readonly R[]) => {
    const problems: { ref: R; message: string }[] = [];
    for (const ref of endpoints) {
      const problem = judge(ref.host, ref.port);
      if (problem !== undefined) problems.push({ ref, message: problem(ref.where) });
    }
    return problems;
  };
}

/** Problems with the given endpoints, one message each (empty when all resolve). */
export function resolveEndpoints<R extends EndpointRef>(services: ServiceIndex, endpoints: readonly R[], externals: readonly string[] = []): { ref: R; message: string }[] {
  return endpointResolver(services, externals)(endpoints);
}

/** What is wrong with an endpoint, as a message about where it was written. */
type Problem = (where: string) => string;

function problemOf(services: ServiceIndex, declared: readonly { host: string; port?: number }[], written: string, port: number | undefined): Problem | undefined {
  const host = written.toLowerCase().replace(/\.$/, '');
  const shown = port !== undefined ? `${host}:${port}` : host;
  if (declared.some((d) => d.host === host && (d.port === undefined || port === undefined || d.port === port))) return undefined;
  const labels = host.split('.');
  const svcAt = labels.lastIndexOf('svc');
  if (svcAt < 2) return (where) => `${shown} (${where}) is not a <service>.<namespace>.svc name; use serviceHost()/httpUrl() from lib/endpoints.ts`;
  const name = labels[svcAt - 2]!;
  const namespace = labels[svcAt - 1]!;
  const key = `${namespace}/${name}`;
  const builtIn = BUILT_IN.get(key);
  if (builtIn) {
    if (port !== undefined && !builtIn.includes(port)) return (where) => `${shown} (${where}): the API server Service listens on 443; use port 443`;
    return undefined;
  }
  const svc = services.get(key);
  if (!svc) {
    return (where) =>
      `${shown} (${where}) names Service "${name}" in namespace "${namespace}", which this environment does not render; fix the host (lib/endpoints.ts) or declare it in the app's externals().endpoints`;
  }
  // SRV lookups (`_grpc._tcp.<svc>…`) name the port instead of giving a number.
  const srv = labels[0]?.startsWith('_') ? labels[0].slice(1) : undefined;
  if (srv !== undefined && svcAt >= 4 && !svc.ports.some((p) => p.name === srv)) {
    return (where) => `${host} (${where}) asks for port name "${srv}", but Service ${key} has ports ${describePorts(svc)}; use one of those names`;
  }
  if (port === undefined) return undefined;
  // Pods behind a headless Service are reached on their own ports, which targetPort names.
  const ok = svc.ports.some((p) => p.port === port || (svc.headless && p.targetPort === port));
  if (!ok) return (where) => `${shown} (${where}): Service ${key} has no port ${port} (it has ${describePorts(svc)}); use a port from lib/endpoints.ts`;
  return undefined;
}

function describePorts(svc: ServicePorts): string {
  return svc.ports.map((p) => (p.name ? `${p.name} ${p.port}` : String(p.port))).join(', ') || 'no ports';
}

/**
 * The small API for app code and tests: checks endpoints of a config format against the objects
 * an environment renders. Returns one message per endpoint that does not resolve.
 */
export function checkEndpoints(objects: readonly KubeObject[], endpoints: readonly EndpointRef[], externals: readonly string[] = []): string[] {
  return resolveEndpoints(indexServices(objects), endpoints, externals).map((p) => p.message);
}
