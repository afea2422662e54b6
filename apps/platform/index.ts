// The namespaces of the stack and of the applications it collects from, with their Pod Security
// Standard labels. Every other app deploys into these, so they live in their own Argo CD app.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { isCollected } from '../../lib/env/collect';

/** The PSS level enforced in a namespace, and why when it is not `restricted`. */
interface NamespaceSpec {
  name: string;
  enforce: 'restricted' | 'baseline' | 'privileged';
}

/** Pinned PSS version so a cluster upgrade cannot silently change what is enforced. */
const PSS_VERSION = 'v1.33';

function namespaceSpecs(env: Environment): NamespaceSpec[] {
  const specs = new Map<string, NamespaceSpec>();
  // Owned, not collected: collecting from a namespace never makes this repository create or label it.
  for (const name of env.ownedNamespaces) specs.set(name, { name, enforce: 'restricted' });
  // The stack namespace runs the Alloy DaemonSet, which mounts host paths (/var/log, its position
  // store) to tail pod logs; hostPath volumes are forbidden by both `restricted` and `baseline`,
  // so this namespace enforces `privileged` while still auditing and warning at `restricted`.
  specs.set(env.namespace, { name: env.namespace, enforce: 'privileged' });
  return [...specs.values()];
}

function namespace(spec: NamespaceSpec, env: Environment): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.name,
      // The application namespaces hold the teams' workloads and the stack's PVCs: deleting or
      // renaming this Application must never delete them with everything inside.
      annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' },
      labels: {
        'kubernetes.io/metadata.name': spec.name,
        'pod-security.kubernetes.io/enforce': spec.enforce,
        'pod-security.kubernetes.io/enforce-version': PSS_VERSION,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': PSS_VERSION,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': PSS_VERSION,
        ...(spec.name !== env.namespace && isCollected(env, spec.name) ? { 'observability.talent-mesh.io/collected': 'true' } : {}),
      },
    },
  };
}

export const platform: App = {
  name: 'platform',
  description: 'Namespaces of the stack and of the collected applications, with Pod Security labels',
  render: (env) => ({ namespaces: namespaceSpecs(env).map((s) => namespace(s, env)) }),
};
