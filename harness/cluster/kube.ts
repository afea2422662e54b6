// A small Kubernetes API client for the harness: discovery (kind → resource), server-side apply,
// create, get, list, status patches and TokenRequest. Plain HTTPS with the run's CA and a token.
import { request } from 'node:https';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface Resource {
  path: string;
  namespaced: boolean;
}

export interface Kube {
  readonly server: string;
  readonly ca: string;
  readonly token: string;
  /** Resolves `apiVersion` + `kind` through discovery; undefined if the API does not serve it. */
  resource(apiVersion: string, kind: string): Promise<Resource | undefined>;
  forgetDiscovery(): void;
  apply(obj: KubeObject, fieldManager: string): Promise<KubeObject>;
  create(obj: KubeObject): Promise<KubeObject>;
  get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<KubeObject | undefined>;
  list(apiVersion: string, kind: string, namespace?: string): Promise<KubeObject[]>;
  patchStatus(obj: KubeObject, status: unknown): Promise<void>;
  del(apiVersion: string, kind: string, name: string, namespace?: string): Promise<void>;
  serviceAccountToken(namespace: string, name: string, audiences: readonly string[], seconds: number): Promise<string>;
  raw(method: string, path: string, body?: string, contentType?: string): Promise<{ status: number; body: string }>;
}

export function kubeClient(server: string, ca: string, token: string): Kube {
  const raw = (method: string, path: string, body?: string, contentType = 'application/json') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(path, server);
      const req = request(
        url,
        {
          method,
          ca,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': contentType } : {}) },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });

  const ok = async (method: string, path: string, body?: string, contentType?: string): Promise<unknown> => {
    const r = await raw(method, path, body, contentType);
    if (r.status >= 200 && r.status < 300) return r.body ? JSON.parse(r.body) : undefined;
    let message = r.body;
    let reason = '';
    try {
      const s = JSON.parse(r.body) as { message?: string; reason?: string };
      message = s.message ?? r.body;
      reason = s.reason ?? '';
    } catch {
      /* not a Status object */
    }
    throw new ApiError(r.status, reason, message);
  };

  let discovery = new Map<string, Promise<Map<string, Resource>>>();
  const groupResources = (apiVersion: string) => {
    let p = discovery.get(apiVersion);
    if (!p) {
      const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
      p = raw('GET', base).then((r) => {
        const out = new Map<string, Resource>();
        if (r.status !== 200) return out;
        const list = JSON.parse(r.body) as { resources: { name: string; kind: string; namespaced: boolean }[] };
        for (const res of list.resources) {
          if (res.name.includes('/')) continue;
          out.set(res.kind, { path: `${base}/${res.name}`, namespaced: res.namespaced });
        }
        return out;
      });
      discovery.set(apiVersion, p);
    }
    return p;
  };
  const resource = async (apiVersion: string, kind: string) => (await groupResources(apiVersion)).get(kind);
  const pathOf = async (apiVersion: string, kind: string, namespace: string | undefined, name?: string): Promise<string> => {
    const r = await resource(apiVersion, kind);
    if (!r) throw new ApiError(404, 'NotFound', `the API server does not serve ${kind} in ${apiVersion}`);
    let p = r.path;
    if (r.namespaced) {
      if (!namespace && name !== undefined) throw new ApiError(422, 'Invalid', `${kind} ${name} is namespaced but has no metadata.namespace`);
      if (namespace) p = p.replace(/\/([^/]+)$/, `/namespaces/${encodeURIComponent(namespace)}/$1`);
    }
    return name === undefined ? p : `${p}/${encodeURIComponent(name)}`;
  };

  return {
    server,
    ca,
    token,
    resource,
    forgetDiscovery: () => {
      discovery = new Map();
    },
    async apply(obj, fieldManager) {
      const p = await pathOf(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
      return (await ok('PATCH', `${p}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, JSON.stringify(obj), 'application/apply-patch+yaml')) as KubeObject;
    },
    async create(obj) {
      const p = await pathOf(obj.apiVersion, obj.kind, obj.metadata.namespace);
      return (await ok('POST', p, JSON.stringify(obj))) as KubeObject;
    },
    async get(apiVersion, kind, name, namespace) {
      try {
        return (await ok('GET', await pathOf(apiVersion, kind, namespace, name))) as KubeObject;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }
    },
    async list(apiVersion, kind, namespace) {
      const r = (await ok('GET', await pathOf(apiVersion, kind, namespace))) as { items: KubeObject[] };
      return r.items;
    },
    async patchStatus(obj, status) {
      const p = await pathOf(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
      await ok('PATCH', `${p}/status`, JSON.stringify({ status }), 'application/merge-patch+json');
    },
    async del(apiVersion, kind, name, namespace) {
      try {
        await ok('DELETE', await pathOf(apiVersion, kind, namespace, name));
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
    },
    async serviceAccountToken(namespace, name, audiences, seconds) {
      const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences, expirationSeconds: seconds } });
      const r = (await ok('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, body)) as { status: { token: string } };
      return r.status.token;
    },
    raw,
  };
}
