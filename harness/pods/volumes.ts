// A pod's volumes as folders on this machine, prepared as the kubelet prepares them: ConfigMap,
// Secret, projected and downward API volumes written out (keys, items, modes), emptyDir and PVCs as
// folders (group-owned by fsGroup when the pod sets one), hostPath mapped onto the pod's node.
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ContainerConfigError, type DataSource, type PodFacts } from './env';

export interface VolumeSource {
  name: string;
  configMap?: { name: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  secret?: { secretName: string; items?: KeyToPath[]; defaultMode?: number; optional?: boolean };
  projected?: { sources: ProjectedSource[]; defaultMode?: number };
  emptyDir?: { medium?: string; sizeLimit?: string };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  hostPath?: { path: string; type?: string };
  downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string } }[] };
}

interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

interface ProjectedSource {
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  secret?: { name: string; items?: KeyToPath[]; optional?: boolean };
  serviceAccountToken?: { path: string; audience?: string; expirationSeconds?: number };
  downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string } }[] };
}

export interface PreparedVolume {
  /** Folder on this machine that is bind-mounted at the container's mountPath. */
  hostDir: string;
  /** The kubelet mounts these read-only whatever the volumeMount says. */
  alwaysReadOnly: boolean;
}

export interface VolumeContext {
  pod: PodFacts;
  /** The pod's own folder for volume data. */
  podDir: string;
  /** The node's file system root: hostPath volumes live under it. */
  nodeRoot: string;
  /** Per claim: the folder that backs a PersistentVolumeClaim (kept across pod restarts). */
  claimDir(claim: string): string;
  data: DataSource;
  fsGroup?: number;
  /** A bound service account token for the pod (TokenRequest). */
  token(audience: string | undefined, seconds: number): Promise<string>;
  caCert: string;
}

/** hostPath folders of the node that are the real ones of this machine (read-only system views). */
const HOST_SHARED = new Set(['/proc', '/sys']);

function writeTree(dir: string, files: Record<string, string>, mode: number, fsGroup: number | undefined): void {
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content, { mode });
    chmodSync(path, mode);
    if (fsGroup !== undefined) chownSync(path, 0, fsGroup);
  }
  if (fsGroup !== undefined) chownSync(dir, 0, fsGroup);
}

function pick(kind: string, name: string, values: Record<string, string> | undefined, items: KeyToPath[] | undefined, optional: boolean | undefined, ctx: VolumeContext): Record<string, string> {
  if (!values) {
    if (optional) return {};
    throw new ContainerConfigError(`volume: ${kind} "${name}" not found in namespace ${ctx.pod.namespace}`);
  }
  if (!items) return { ...values };
  const out: Record<string, string> = {};
  for (const it of items) {
    const v = values[it.key];
    if (v === undefined) {
      if (optional) continue;
      throw new ContainerConfigError(`volume: couldn't find key ${it.key} in ${kind} ${ctx.pod.namespace}/${name}`);
    }
    out[it.path] = v;
  }
  return out;
}

function downward(items: { path: string; fieldRef?: { fieldPath: string } }[], pod: PodFacts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items) {
    const f = it.fieldRef?.fieldPath;
    if (f === 'metadata.name') out[it.path] = pod.name;
    else if (f === 'metadata.namespace') out[it.path] = pod.namespace;
    else if (f === 'metadata.uid') out[it.path] = pod.uid;
    else if (f === 'metadata.labels') out[it.path] = Object.entries(pod.labels).map(([k, v]) => `${k}="${v}"`).join('\n');
    else if (f === 'metadata.annotations') out[it.path] = Object.entries(pod.annotations).map(([k, v]) => `${k}="${v}"`).join('\n');
    else throw new ContainerConfigError(`downwardAPI volume: field ${f ?? '(resourceFieldRef)'} is not supported by the harness`);
  }
  return out;
}

export async function prepareVolume(v: VolumeSource, ctx: VolumeContext): Promise<PreparedVolume> {
  const dir = join(ctx.podDir, 'volumes', v.name);
  if (v.configMap) {
    const files = pick('configmap', v.configMap.name, ctx.data.configMap(v.configMap.name), v.configMap.items, v.configMap.optional, ctx);
    writeTree(dir, files, v.configMap.defaultMode ?? 0o644, ctx.fsGroup);
    return { hostDir: dir, alwaysReadOnly: true };
  }
  if (v.secret) {
    const files = pick('secret', v.secret.secretName, ctx.data.secret(v.secret.secretName), v.secret.items, v.secret.optional, ctx);
    writeTree(dir, files, v.secret.defaultMode ?? 0o644, ctx.fsGroup);
    return { hostDir: dir, alwaysReadOnly: true };
  }
  if (v.projected) {
    const files: Record<string, string> = {};
    for (const s of v.projected.sources) {
      if (s.configMap) Object.assign(files, pick('configmap', s.configMap.name, ctx.data.configMap(s.configMap.name), s.configMap.items, s.configMap.optional, ctx));
      if (s.secret) Object.assign(files, pick('secret', s.secret.name, ctx.data.secret(s.secret.name), s.secret.items, s.secret.optional, ctx));
      if (s.downwardAPI) Object.assign(files, downward(s.downwardAPI.items, ctx.pod));
      if (s.serviceAccountToken) files[s.serviceAccountToken.path] = await ctx.token(s.serviceAccountToken.audience, s.serviceAccountToken.expirationSeconds ?? 3607);
    }
    writeTree(dir, files, v.projected.defaultMode ?? 0o644, ctx.fsGroup);
    return { hostDir: dir, alwaysReadOnly: true };
  }
  if (v.downwardAPI) {
    writeTree(dir, downward(v.downwardAPI.items, ctx.pod), 0o644, ctx.fsGroup);
    return { hostDir: dir, alwaysReadOnly: true };
  }
  if (v.emptyDir) {
    mkdirSync(dir, { recursive: true });
    // The kubelet makes emptyDir world-writable; with fsGroup, group-owned and setgid.
    if (ctx.fsGroup !== undefined) {
      chownSync(dir, 0, ctx.fsGroup);
      chmodSync(dir, 0o2777);
    } else chmodSync(dir, 0o777);
    return { hostDir: dir, alwaysReadOnly: false };
  }
  if (v.persistentVolumeClaim) {
    const claim = ctx.claimDir(v.persistentVolumeClaim.claimName);
    if (!existsSync(claim)) {
      mkdirSync(claim, { recursive: true });
      // A fresh volume's root is root-owned 0755 (as a formatted block device is); the kubelet
      // hands it to fsGroup when the pod sets one, and a non-root pod without one cannot write.
      chmodSync(claim, 0o755);
    }
    if (ctx.fsGroup !== undefined) {
      chownSync(claim, 0, ctx.fsGroup);
      chmodSync(claim, 0o2775);
    }
    return { hostDir: claim, alwaysReadOnly: v.persistentVolumeClaim.readOnly === true };
  }
  if (v.hostPath) {
    const path = v.hostPath.path;
    if (HOST_SHARED.has(path)) return { hostDir: path, alwaysReadOnly: true };
    const onNode = join(ctx.nodeRoot, path);
    const type = v.hostPath.type ?? '';
    if (!existsSync(onNode)) {
      if (type === 'DirectoryOrCreate' || type === '') mkdirSync(onNode, { recursive: true, mode: 0o755 });
      else throw new ContainerConfigError(`volume ${v.name}: hostPath type check failed: ${path} is not a ${type.replace('OrCreate', '')} on node ${ctx.pod.nodeName}`);
    }
    return { hostDir: onNode, alwaysReadOnly: false };
  }
  throw new ContainerConfigError(`volume ${v.name}: this volume type is not supported by the harness`);
}

/** The volume the kubelet adds for the service account (kube-api-access-*), unless the pod opts out. */
export function serviceAccountVolume(): VolumeSource {
  return {
    name: 'kube-api-access',
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
