// A local cluster for one rendered environment: network, control plane, Git host, the rendered
// objects server-side applied (as Argo CD applies them), the controller duties nothing else does
// here (default service accounts, kube-root-ca.crt, Nodes, ReplicaSets), synthetic application
// pods for discovery, and every workload started by the pod runner. `stop()` undoes all of it.
import { ARGOCD_FIELD_MANAGER } from '../lib/argocd/names';
import { missingTools } from './cluster/tools';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { argoCdModule } from '../lib/versions';
import { servingCert } from './cluster/certs';
import { API_PORT, startControlPlane, type ControlPlane } from './cluster/control-plane';
import { startGitServer, type GitServer } from './cluster/git-server';
import { ApiError, type KubeObject } from './cluster/kube';
import { applyOrder, readManifests, type SourcedObject } from './cluster/manifests';
import { acquireNetwork, GATEWAY_IP, releaseNetwork } from './cluster/network';
import { liveProcesses } from './cluster/process';
import { acquireRun, recordStateDir, releaseRun } from './cluster/run-state';
import { run } from './upstream/build';
import { createRunner, type ResolveImage, type Runner, type RunningPod } from './pods/runner';
import { expandWorkload, WORKLOAD_KINDS, type NodeInfo } from './pods/workloads';

export interface ClusterInput {
  repoRoot: string;
  envName: string;
  /** environments/<env>/manifests */
  manifestsDir: string;
  repoURL: string;
  /** Branches the Git host serves (every revision an environment follows). */
  branches: readonly string[];
  /** Secrets made out of band, with the keys the apps read (generated here, random values). */
  externalSecrets: readonly { namespace: string; name: string; keys: readonly string[] }[];
  /** Namespaces that get a synthetic application pod for discovery. */
  appNamespaces: readonly string[];
  nodes: number;
  binaries: { etcd: string; apiserver: string };
  resolveImage: ResolveImage;
  log(line: string): void;
}

export interface LocalCluster {
  readonly stateDir: string;
  readonly controlPlane: ControlPlane;
  readonly runner: Runner;
  readonly nodes: readonly NodeInfo[];
  readonly git: GitServer;
  readonly applied: readonly SourcedObject[];
  stop(): Promise<void>;
}

export class ClusterError extends Error {}

/** Argo CD's CRDs as the pinned release ships them (manifests/crds in its Go module). */
async function argoCdCrds(): Promise<KubeObject[]> {
  const r = await run('go', ['mod', 'download', '-json', `${argoCdModule.module}@${argoCdModule.version}`]);
  if (r.code !== 0) throw new ClusterError(`cannot download ${argoCdModule.module}@${argoCdModule.version} for its CRDs: ${r.stderr.trim().split('\n')[0]}`);
  const dir = join((JSON.parse(r.stdout) as { Dir: string }).Dir, 'manifests', 'crds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('-crd.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject));
}

async function waitEstablished(cp: ControlPlane, crd: KubeObject): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const live = await cp.kube.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd.metadata.name);
    const conds = ((live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
    if (conds.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ClusterError(`CRD ${crd.metadata.name} was not established in 30 s`);
}

export async function startLocalCluster(input: ClusterInput): Promise<LocalCluster> {
  const { log } = input;
  const missing = missingTools();
  if (missing) throw new ClusterError(missing);
  const killed = acquireRun();
  if (killed) log(killed);
  let note: string | undefined;
  try {
    note = acquireNetwork();
  } catch (e) {
    releaseRun();
    throw e;
  }
  if (note) log(note);
  const stateDir = mkdtempSync(join(tmpdir(), `lgtm-cluster-${input.envName}-`));
  recordStateDir(stateDir);
  let cp: ControlPlane | undefined;
  let git: GitServer | undefined;
  let runner: Runner | undefined;
  const stop = async () => {
    await runner?.stopAll();
    await git?.close();
    await cp?.stop();
    for (const p of liveProcesses()) await p.stop(2000);
    releaseNetwork();
    releaseRun();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    cp = await startControlPlane(join(stateDir, 'control-plane'), input.binaries, log);
    const kube = cp.kube;

    // The Git host the environment names, served from this work tree.
    const repoHost = new URL(input.repoURL).hostname;
    const gitTls = servingCert(cp.pki, 'git', [repoHost], []);
    git = await startGitServer({ repoRoot: input.repoRoot, stateDir, repoURL: input.repoURL, branches: input.branches, listen: { ip: GATEWAY_IP, port: 443 }, tls: gitTls, log });

    // CRDs the rendered objects use that no rendered object defines.
    for (const crd of await argoCdCrds()) {
      await kube.apply(crd, 'lgtm-harness');
      await waitEstablished(cp, crd);
    }
    kube.forgetDiscovery();

    // The rendered environment, server-side applied with Argo CD's field manager.
    const objects = applyOrder(readManifests(input.repoRoot, input.manifestsDir));
    const applied: SourcedObject[] = [];
    const namespaces = new Set<string>(['default']);
    for (const o of objects) {
      if (o.object.metadata.namespace) namespaces.add(o.object.metadata.namespace);
      if (o.object.kind === 'Namespace') namespaces.add(o.object.metadata.name);
    }
    const controllerDuties = async (ns: string) => {
      // kube-controller-manager's: every namespace has a `default` ServiceAccount and the root CA.
      if (!(await kube.get('v1', 'Namespace', ns))) await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, 'lgtm-harness');
      await kube.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } }, 'kube-controller-manager');
      await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: ns }, data: { 'ca.crt': cp!.kube.ca } }, 'kube-root-ca-cert-publisher');
    };
    // A namespace rendered objects live in that no rendered object creates is the cluster's own
    // (Argo CD's `argocd`, installed with Argo CD): a precondition, made here and named.
    const rendered = new Set(objects.filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name));
    const preconditions: string[] = [];
    for (const ns of namespaces) if (!rendered.has(ns) && !(await kube.get('v1', 'Namespace', ns))) preconditions.push(ns);
    for (const ns of preconditions) await controllerDuties(ns);
    if (preconditions.length) log(`created namespace(s) the cluster must already have: ${preconditions.join(', ')}`);
    for (const o of objects) {
      try {
        applied.push({ file: o.file, object: await kube.apply(o.object, ARGOCD_FIELD_MANAGER) });
      } catch (e) {
        if (e instanceof ApiError) throw new ClusterError(`${o.file}: the API server rejected ${o.object.kind} ${o.object.metadata.namespace ? `${o.object.metadata.namespace}/` : ''}${o.object.metadata.name}: ${e.message}`);
        throw e;
      }
      if (o.object.kind === 'Namespace') await controllerDuties(o.object.metadata.name);
    }
    for (const ns of namespaces) await controllerDuties(ns);
    log(`applied ${applied.length} rendered objects from ${input.manifestsDir.slice(input.repoRoot.length + 1)}`);

    for (const s of input.externalSecrets) {
      const data = Object.fromEntries(s.keys.map((k) => [k, randomBytes(18).toString('base64url')]));
      await kube.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: s.name, namespace: s.namespace, labels: { 'lgtm.dev/generated-by': 'harness' } }, type: 'Opaque', stringData: data }, 'lgtm-harness');
    }
    if (input.externalSecrets.length) log(`generated ${input.externalSecrets.length} out-of-band Secret(s): ${input.externalSecrets.map((s) => `${s.namespace}/${s.name}`).join(', ')}`);

    // Nodes: node i is 198.18.i.1, its pods 198.18.i.11 and up.
    const nodes: NodeInfo[] = [];
    for (let i = 1; i <= input.nodes; i++) {
      const name = `node-${i}`;
      const root = join(stateDir, 'nodes', name);
      for (const d of ['var/log/pods', 'var/log/containers', 'var/lib', 'etc']) mkdirSync(join(root, d), { recursive: true });
      writeFileSync(join(root, 'etc', 'machine-id'), `${randomBytes(16).toString('hex')}\n`);
      const node: NodeInfo = { name, index: i, ip: `198.18.${i}.1`, root, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' }, taints: [] };
      nodes.push(node);
      await kube.apply({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: node.labels } }, 'kubelet');
      await kube.patchStatus({ apiVersion: 'v1', kind: 'Node', metadata: { name } }, {
        addresses: [{ type: 'InternalIP', address: node.ip }, { type: 'Hostname', address: name }],
        capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '50Gi' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'lgtm harness node', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
        nodeInfo: { kubeletVersion: 'v1.33.13', containerRuntimeVersion: 'lgtm-harness://1', operatingSystem: 'linux', architecture: 'amd64', osImage: 'lgtm harness', kernelVersion: '', kubeProxyVersion: '', machineID: '', systemUUID: '', bootID: '' },
      });
    }

    const caBundle = `${readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')}\n${cp.kube.ca}`;
    runner = createRunner({
      kube,
      stateDir,
      caBundle,
      caCert: cp.kube.ca,
      resolveImage: input.resolveImage,
      extraHosts: { [repoHost]: GATEWAY_IP },
      statics: [{ namespace: 'default', name: 'kubernetes', ip: GATEWAY_IP, port: API_PORT }],
      log,
    });
    const plans = applied.filter((o) => WORKLOAD_KINDS.has(o.object.kind)).flatMap((o) => expandWorkload(o.object, o.file, nodes));
    runner.plan(plans);
    await syntheticAppPods(cp, input.appNamespaces, nodes);
    for (const p of runner.pods) await runner.start(p);
    return { stateDir, controlPlane: cp, runner, nodes, git, applied, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * One application pod per owned application namespace, registered and reported running but not started:
 * something for service discovery to find, compliant with the restricted Pod Security level those
 * namespaces enforce.
 */
async function syntheticAppPods(cp: ControlPlane, namespaces: readonly string[], nodes: readonly NodeInfo[]): Promise<void> {
  let i = 0;
  for (const ns of namespaces) {
    if (!(await cp.kube.get('v1', 'Namespace', ns))) continue;
    const node = nodes[i % nodes.length]!;
    i++;
    const name = `synthetic-app-${ns}`;
    await cp.kube.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/name': 'synthetic-app', 'app.kubernetes.io/instance': name } },
      spec: {
        nodeName: node.name,
        securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', image: 'registry.invalid/lgtm-harness/synthetic-app:1', ports: [{ name: 'http-metrics', containerPort: 8080 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    });
    const ip = `198.18.${node.index}.${200 + i}`;
    await cp.kube.patchStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns } }, {
      phase: 'Running',
      hostIP: node.ip,
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
  }
}

export type { RunningPod };
