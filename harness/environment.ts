// Everything the local cluster needs to know about one environment of this repository: where its
// rendered objects are, which Secrets its apps expect from outside Git (and their keys), which
// branches the Git host must serve, and which built program stands for each image.
import { join } from 'node:path';
import { apps } from '../apps/registry';
import { loadEnvironment, loadEnvironments } from '../lib/env/load';
import { externalsOf } from '../lib/validate/externals';
import { harnessPrograms, programForImage } from './upstream/programs';
import { binaryPath } from './upstream/build';
import { buildAll } from './upstream/cli';
import { upstreamCacheRoot } from './upstream/paths';
import type { ClusterInput } from './local-cluster';
import type { ResolveImage } from './pods/runner';

/** Three nodes: enough to show that a DaemonSet runs once per node and that nothing is collected twice. */
export const DEFAULT_NODES = 3;

export function imageResolver(cacheRoot: string): ResolveImage {
  return (image) => {
    const p = programForImage(image);
    if (!p) return { blocked: `no upstream program is known for image ${image} (harness/upstream/programs.ts)` };
    if (p.kind === 'blocked') return { blocked: p.why };
    if (p.unavailable) return { blocked: `${p.name} ${p.version} cannot be built here: ${p.unavailable}` };
    if (!p.layout) return { blocked: `${p.name} has no image layout in harness/upstream/programs.ts` };
    return { binary: binaryPath(cacheRoot, p), ...p.layout };
  };
}

export async function clusterInputFor(opts: {
  repoRoot: string;
  envName: string;
  manifestsRoot?: string;
  nodes?: number;
  log(line: string): void;
}): Promise<ClusterInput> {
  const env = await loadEnvironment(opts.repoRoot, opts.envName);
  const all = await loadEnvironments(opts.repoRoot);
  const cacheRoot = upstreamCacheRoot(opts.repoRoot);
  await buildAll(cacheRoot, undefined, (l) => (l.endsWith(': cached') || l.startsWith('(') ? undefined : opts.log(l)));
  const hp = harnessPrograms();
  const branches = [...new Set([env.git.revision, ...all.filter((e) => e.git.repoURL === env.git.repoURL).map((e) => e.git.revision)])];
  return {
    repoRoot: opts.manifestsRoot ?? opts.repoRoot,
    envName: env.name,
    manifestsDir: join(opts.manifestsRoot ?? opts.repoRoot, 'environments', env.name, 'manifests'),
    repoURL: env.git.repoURL,
    branches,
    externalSecrets: externalsOf(env, apps).secrets,
    appNamespaces: env.ownedNamespaces,
    nodes: opts.nodes ?? DEFAULT_NODES,
    binaries: { etcd: binaryPath(cacheRoot, hp.etcd), apiserver: binaryPath(cacheRoot, hp['kube-apiserver']) },
    resolveImage: imageResolver(cacheRoot),
    log: opts.log,
  };
}
