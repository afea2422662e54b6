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

/**
 * Every cluster DNS endpoint in a text (at least `<service>.<namespace>.svc`, optionally
 * `.cluster.local`), with its port when the text or its URL scheme gives one. A hand-written scan
 * from each `.svc`: a regular expression for this backtracks at every character of large configs.
 */
export function findEndpoints(text: string): FoundEndpoint[] {
  const out: FoundEndpoint[] = [];
  let line = 0;
  let counted = 0;
  for (let at = text.indexOf('.svc'); at !== -1; at = text.indexOf('.svc', at + 4)) {
    let end = at + 4;
    if (text.startsWith('.cluster.local', end)) end += '.cluster.local'.length;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue; // `.svcfoo`, `.svc.example.com`
    if (text.charCodeAt(end) === 46 /* . */ && isWordChar(text.charCodeAt(end + 1))) continue;
    let start = at;
    while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
    while (text.charCodeAt(start) === 46) start++;
    const host = text.slice(start, end).toLowerCase();
    if (host.split('.').length < (host.endsWith('.cluster.local') ? 5 : 3)) continue; // needs <service>.<namespace>.svc
    let scheme: string | undefined;
    let rawStart = start;
    if (text.startsWith('://', start - 3)) {
      rawStart = start - 3;
      while (rawStart > 0 && /[a-z0-9+.-]/i.test(text[rawStart - 1]!)) rawStart--;
      scheme = text.slice(rawStart, start - 3).toLowerCase().replace(/^.*\+/, '');
    }
    let after = end;
    if (text.charCodeAt(after) === 46) after++; // a fully qualified name's trailing dot
    let port: number | undefined;
    const m = /^:(\d{1,5})(?!\d)/.exec(text.slice(after, after + 7));
    if (m) port = Number(m[1]);
    else if (scheme !== undefined) port = SCHEME_PORTS[scheme];
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    out.push({ host, ...(port !== undefined ? { port } : {}), line, raw: text.slice(rawStart, m ? after + m[0].length : end) });
  }
  return out;
}

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
    const ports = listOf(o.spec.ports)
      .filter(isMap)
      .map((p) => ({
        ...(typeof p.name === 'string' ? { name: p.name } : {}),
        port: Number(p.port),
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort as number | string } : {}),
      }));
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

/**
 * Problems with the given endpoints, one message each (empty when all resolve). `externals` are
 * `host:port` strings declared outside this repository.
 */
export function resolveEndpoints<R extends EndpointRef>(services: ServiceIndex, endpoints: readonly R[], externals: readonly string[] = []): { ref: R; message: string }[] {
  const declared = externals.map(normalizeExternal);
  const problems: { ref: R; message: string }[] = [];
  for (const ref of endpoints) {
    const host = ref.host.toLowerCase().replace(/\.$/, '');
    const shown = ref.port !== undefined ? `${host}:${ref.port}` : host;
    if (declared.some((d) => d.host === host && (d.port === undefined || ref.port === undefined || d.port === ref.port))) continue;
    const labels = host.split('.');
    const svcAt = labels.lastIndexOf('svc');
    if (svcAt < 2) {
      problems.push({ ref, message: `${shown} (${ref.where}) is not a <service>.<namespace>.svc name; use serviceHost()/httpUrl() from lib/endpoints.ts` });
      continue;
    }
    const name = labels[svcAt - 2]!;
    const namespace = labels[svcAt - 1]!;
    const key = `${namespace}/${name}`;
    const builtIn = BUILT_IN.get(key);
    if (builtIn) {
      if (ref.port !== undefined && !builtIn.includes(ref.port)) problems.push({ ref, message: `${shown} (${ref.where}): the API server Service listens on 443; use port 443` });
      continue;
    }
    const svc = services.get(key);
    if (!svc) {
      problems.push({ ref, message: `${shown} (${ref.where}) names Service "${name}" in namespace "${namespace}", which this environment does not render; fix the host (lib/endpoints.ts) or declare it in the app's externals().endpoints` });
      continue;
    }
    // SRV lookups (`_grpc._tcp.<svc>…`) name the port instead of giving a number.
    const srv = labels[0]?.startsWith('_') ? labels[0].slice(1) : undefined;
    if (srv !== undefined && svcAt >= 4 && !svc.ports.some((p) => p.name === srv)) {
      problems.push({ ref, message: `${host} (${ref.where}) asks for port name "${srv}", but Service ${key} has ports ${describePorts(svc)}; use one of those names` });
      continue;
    }
    if (ref.port === undefined) continue;
    // Pods behind a headless Service are reached on their own ports, which targetPort names.
    const ok = svc.ports.some((p) => p.port === ref.port || (svc.headless && p.targetPort === ref.port));
    if (!ok) problems.push({ ref, message: `${shown} (${ref.where}): Service ${key} has no port ${ref.port} (it has ${describePorts(svc)}); use a port from lib/endpoints.ts` });
  }
  return problems;
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
