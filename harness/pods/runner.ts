// The pod runner: a kubelet for the harness. It registers each planned pod with the API server
// (admission and validation apply), gives it a network namespace and its volumes, starts its init
// containers in order and then its containers in sandboxes, writes their output as CRI logs on its
// node, polls probes, reports status back to the API server, and keeps every pod's NAT in step
// with which pods are ready. It knows Kubernetes, not the programs it runs.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type Kube, type KubeObject } from '../cluster/kube';
import { addPodNetwork, removePodNetwork, setPodNat, type PodNet } from '../cluster/network';
import { startProcess, type Managed } from '../cluster/process';
import { openCriLog } from './cri-log';
import { ContainerConfigError, containerEnv, expand, type DataSource, type PodFacts } from './env';
import { describeProbe, probeOnce, type Probe } from './probes';
import { sandboxCommand, type Mount } from './sandbox';
import { hostsFileFor, natRulesFor, resolvConfFor, type RoutedPod, type StaticEndpoint } from './service-routing';
import { prepareVolume, SERVICE_ACCOUNT_MOUNT, serviceAccountVolume, type PreparedVolume, type VolumeSource } from './volumes';
import type { ContainerSpec, PodPlan } from './workloads';

/** What the runner needs to start a container image: the built binary and the image's layout. */
export interface ImageResolution {
  binary: string;
  entrypoint: string;
  cmd?: readonly string[];
  workdir: string;
  user: number;
}

export type ResolveImage = (image: string) => ImageResolution | { blocked: string };

export interface RunnerOptions {
  kube: Kube;
  stateDir: string;
  /** PEM bundle the pods trust: this machine's roots plus the run's CA. */
  caBundle: string;
  /** The run's CA alone (kube-root-ca.crt). */
  caCert: string;
  resolveImage: ResolveImage;
  /** Names outside the cluster that pods resolve (e.g. the Git host), to harness addresses. */
  extraHosts: Record<string, string>;
  statics: readonly StaticEndpoint[];
  log(line: string): void;
}

export type PodState = 'not-run' | 'starting' | 'running' | 'ready' | 'succeeded' | 'failed';

export interface RunningPod {
  readonly plan: PodPlan;
  readonly ip: string;
  state: PodState;
  /** Why a pod did not run or failed: pod, container, probe and the last log lines. */
  reason?: string;
  uid?: string;
  /** The owner's UID when the runner created the owner itself (a Deployment's ReplicaSet). */
  ownerUid?: string;
  net?: PodNet;
  readonly processes: Managed[];
  readonly ready: Map<string, boolean>;
  readonly logs: Map<string, string>;
}

export class PodFailure extends Error {}

function decodeSecret(obj: KubeObject): Record<string, string> {
  const data = (obj.data ?? {}) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = Buffer.from(v, 'base64').toString();
  for (const [k, v] of Object.entries((obj.stringData ?? {}) as Record<string, string>)) out[k] = v;
  return out;
}

export interface Runner {
  readonly pods: RunningPod[];
  /** Plans every pod up front (addresses, names), so hosts files can name pods not yet started. */
  plan(plans: readonly PodPlan[]): void;
  start(pod: RunningPod): Promise<void>;
  /** Resolves when the pod is ready (or done, for a Job); rejects with the reason otherwise. */
  waitReady(pod: RunningPod, timeoutMs: number): Promise<void>;
  stopAll(): Promise<void>;
}

export function createRunner(o: RunnerOptions): Runner {
  const pods: RunningPod[] = [];
  let stopping = false;
  let services: KubeObject[] = [];
  let nextHost = new Map<number, number>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const routed = (p: RunningPod): RoutedPod => ({
    name: p.plan.name,
    namespace: p.plan.namespace,
    labels: p.plan.labels,
    ip: p.ip,
    nodeName: p.plan.node.name,
    nodeIp: p.plan.node.ip,
    ready: p.state === 'ready',
    containers: p.plan.spec.containers,
    ...(p.plan.spec.hostname ? { hostname: p.plan.spec.hostname } : {}),
    ...(p.plan.spec.subdomain ? { subdomain: p.plan.spec.subdomain } : {}),
  });

  const syncNat = () => {
    if (stopping) return;
    const all = pods.map(routed);
    for (const p of pods) {
      if (!p.net || p.state === 'failed' || p.state === 'succeeded') continue;
      try {
        setPodNat(p.net, natRulesFor(routed(p), services, all, o.statics));
      } catch (e) {
        o.log(`warning: NAT for ${p.plan.key} not updated: ${(e as Error).message}`);
      }
    }
  };

  const fail = (p: RunningPod, reason: string) => {
    if (p.state === 'failed') return;
    p.state = 'failed';
    p.reason = reason;
    void reportStatus(p);
    syncNat();
    notify();
  };

  const reportStatus = async (p: RunningPod) => {
    if (!p.uid || stopping) return;
    const now = new Date().toISOString();
    const ready = p.state === 'ready';
    const phase = p.state === 'succeeded' ? 'Succeeded' : p.state === 'failed' ? 'Failed' : 'Running';
    const status = {
      phase,
      hostIP: p.plan.node.ip,
      hostIPs: [{ ip: p.plan.node.ip }],
      podIP: p.ip,
      podIPs: [{ ip: p.ip }],
      startTime: now,
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      ],
      containerStatuses: p.plan.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: c.image,
        containerID: `harness://${p.uid}/${c.name}`,
        ready: p.ready.get(c.name) === true,
        restartCount: 0,
        started: p.state !== 'failed',
        state: p.state === 'failed' || p.state === 'succeeded' ? { terminated: { exitCode: p.state === 'failed' ? 1 : 0, reason: p.state === 'failed' ? 'Error' : 'Completed' } } : { running: { startedAt: now } },
      })),
    };
    try {
      await o.kube.patchStatus({ apiVersion: 'v1', kind: 'Pod', metadata: { name: p.plan.name, namespace: p.plan.namespace } }, status);
    } catch (e) {
      o.log(`warning: status of ${p.plan.key} not reported: ${(e as Error).message}`);
    }
  };

  const dataSource = async (namespace: string): Promise<DataSource> => {
    const [cms, secrets] = await Promise.all([o.kube.list('v1', 'ConfigMap', namespace), o.kube.list('v1', 'Secret', namespace)]);
    const cmMap = new Map(cms.map((c) => [c.metadata.name, { ...((c.data ?? {}) as Record<string, string>) }]));
    const sMap = new Map(secrets.map((s) => [s.metadata.name, decodeSecret(s)]));
    return { configMap: (n) => cmMap.get(n), secret: (n) => sMap.get(n) };
  };

  const imageOf = (c: ContainerSpec) => o.resolveImage(c.image);

  const startContainer = async (p: RunningPod, c: ContainerSpec, facts: PodFacts, data: DataSource, volumes: Map<string, PreparedVolume>, etcDir: string, init: boolean): Promise<Managed> => {
    const where = `pod ${p.plan.key}, ${init ? 'init ' : ''}container ${c.name}`;
    const img = imageOf(c);
    if ('blocked' in img) throw new ContainerConfigError(`${where}: image ${c.image} cannot run here: ${img.blocked}`);
    const env = containerEnv(c, facts, data, where);
    const argv = c.command?.length
      ? [...c.command, ...(c.args ?? [])]
      : [img.entrypoint, ...(c.args ?? img.cmd ?? [])];
    const expanded = argv.map((a) => expand(a, env));
    const psc = p.plan.spec.securityContext ?? {};
    const sc = c.securityContext ?? {};
    const uid = sc.runAsUser ?? psc.runAsUser ?? img.user;
    const gid = sc.runAsGroup ?? psc.runAsGroup ?? 0;
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) && uid === 0) throw new ContainerConfigError(`${where}: container has runAsNonRoot and image will run as root (CreateContainerConfigError)`);
    const groups = [...new Set([...(psc.fsGroup !== undefined ? [psc.fsGroup] : []), ...(psc.supplementalGroups ?? [])])];
    const drop = (sc.capabilities?.drop ?? []).map((d) => d.toLowerCase());
    const add = (sc.capabilities?.add ?? []).map((d) => d.toLowerCase());
    const capabilities = drop.includes('all') ? add : ('runtime-default' as const);
    const mounts: Mount[] = [];
    for (const vm of c.volumeMounts ?? []) {
      const v = volumes.get(vm.name);
      if (!v) throw new ContainerConfigError(`${where}: volumeMount ${vm.mountPath} names volume "${vm.name}", which the pod does not declare`);
      const source = vm.subPath ? join(v.hostDir, vm.subPath) : v.hostDir;
      if (vm.subPath && !existsSync(source)) mkdirSync(source, { recursive: true });
      mounts.push({ target: vm.mountPath, source, readOnly: vm.readOnly === true || v.alwaysReadOnly, file: vm.subPath ? !isDir(source) : false });
    }
    const sa = volumes.get('kube-api-access');
    if (sa && !mounts.some((m) => m.target === SERVICE_ACCOUNT_MOUNT)) mounts.push({ target: SERVICE_ACCOUNT_MOUNT, source: sa.hostDir, readOnly: true });
    const rootDir = join(o.stateDir, 'pods', p.plan.namespace, p.plan.name, `root-${c.name}`);
    mkdirSync(rootDir, { recursive: true });
    const [cmd, args] = sandboxCommand({
      netns: p.net!.netns,
      rootDir,
      etcDir,
      binary: img.binary,
      entrypoint: img.entrypoint,
      workdir: c.workingDir ?? img.workdir,
      mounts,
      readOnlyRoot: sc.readOnlyRootFilesystem === true,
      uid,
      gid,
      groups,
      capabilities,
      noNewPrivs: sc.allowPrivilegeEscalation === false,
      argv: expanded,
    });
    const childEnv: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: p.plan.spec.hostname ?? p.plan.name };
    // The kubelet always sets the API server's Service variables; service links are not emulated.
    const kubeSvc = o.statics.find((s) => s.namespace === 'default' && s.name === 'kubernetes');
    const kubeIp = services.find((s) => s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes');
    if (kubeSvc && kubeIp) {
      const ip = (kubeIp.spec as { clusterIP: string }).clusterIP;
      Object.assign(childEnv, { KUBERNETES_SERVICE_HOST: ip, KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443', KUBERNETES_PORT: `tcp://${ip}:443` });
    }
    for (const [k, v] of env) childEnv[k] = v;
    const cri = openCriLog(p.plan.node.root, { namespace: p.plan.namespace, name: p.plan.name, uid: p.uid! }, c.name, p.uid!.replace(/-/g, ''));
    p.logs.set(c.name, cri.path);
    return startProcess(`${p.plan.key}/${c.name}`, cmd, args, { env: childEnv, onLine: (stream, line) => cri.write(stream, line) });
  };

  const isDir = (path: string) => statSync(path).isDirectory();

  const portOf = (c: ContainerSpec, port: number | string | undefined): number | undefined => {
    if (typeof port === 'number') return port;
    if (port === undefined) return undefined;
    if (/^\d+$/.test(port)) return Number(port);
    return c.ports?.find((cp) => cp.name === port)?.containerPort;
  };

  const probeLoop = (p: RunningPod, c: ContainerSpec, proc: Managed) => {
    const readiness = c.readinessProbe as Probe | undefined;
    const liveness = c.livenessProbe as Probe | undefined;
    const tail = () => proc.tail(12);
    const execIn = (argv: string[]): [string, string[]] => ['nsenter', ['--net=/run/netns/' + p.net!.netns, '--target', String(proc.child.pid), '--mount', '--', ...argv]];
    const run = async (probe: Probe, kind: 'readiness' | 'liveness') => {
      const port = portOf(c, probe.httpGet?.port ?? probe.tcpSocket?.port);
      await sleep((probe.initialDelaySeconds ?? 0) * 1000);
      let failures = 0;
      let last = '';
      while (!stopping && (p.state === 'running' || p.state === 'ready' || p.state === 'starting')) {
        const r = await probeOnce(probe, p.ip, port, execIn);
        if (r.ok) {
          failures = 0;
          if (kind === 'readiness' && !p.ready.get(c.name)) {
            p.ready.set(c.name, true);
            onContainerReady(p);
          }
        } else {
          failures += 1;
          last = r.detail;
          if (kind === 'readiness' && p.ready.get(c.name)) {
            if (failures >= (probe.failureThreshold ?? 3)) {
              p.ready.set(c.name, false);
              onContainerReady(p);
            }
          }
          if (kind === 'liveness' && failures >= (probe.failureThreshold ?? 3)) {
            fail(p, `pod ${p.plan.key}, container ${c.name}: liveness probe ${describeProbe(probe, port)} failed ${failures} times (${last}); the kubelet would restart it. Last lines:\n${tail()}`);
            return;
          }
        }
        p.reason = last ? `readiness probe ${describeProbe(probe, port)}: ${last}` : undefined;
        await sleep((probe.periodSeconds ?? 10) * 1000);
      }
    };
    if (readiness) void run(readiness, 'readiness');
    else {
      p.ready.set(c.name, true);
      onContainerReady(p);
    }
    if (liveness) void run(liveness, 'liveness');
  };

  const onContainerReady = (p: RunningPod) => {
    if (p.state !== 'running' && p.state !== 'ready') return;
    const all = p.plan.spec.containers.every((c) => p.ready.get(c.name));
    const next = all ? 'ready' : 'running';
    if (next !== p.state) {
      p.state = next;
      syncNat();
      void reportStatus(p);
      notify();
    }
  };

  const watchExit = (p: RunningPod, c: ContainerSpec, proc: Managed) => {
    void proc.exited.then((code) => {
      if (p.state === 'failed' || p.state === 'succeeded' || stopping) return;
      if (p.plan.completes) {
        if (code === 0) {
          if (p.processes.every((x) => x.child.exitCode === 0)) {
            p.state = 'succeeded';
            void reportStatus(p);
            notify();
          }
          return;
        }
      }
      fail(p, `pod ${p.plan.key}, container ${c.name} exited (${code}). Last lines:\n${proc.tail(15)}`);
    });
  };

  return {
    pods,
    plan(plans) {
      nextHost = new Map();
      for (const plan of plans) {
        // 198.18.<node>.<n>: the node index in the third octet, so an address tells its node.
        const n = (nextHost.get(plan.node.index) ?? 10) + 1;
        nextHost.set(plan.node.index, n);
        pods.push({ plan, ip: `198.18.${plan.node.index}.${n}`, state: 'starting', processes: [], ready: new Map(), logs: new Map() });
      }
    },
    async start(p) {
      try {
        services = await o.kube.list('v1', 'Service');
        if (p.plan.replicaSet) {
          const rs = await o.kube.apply(p.plan.replicaSet, 'kube-controller-manager').catch((e: unknown) => {
            throw new PodFailure(`${p.plan.source}: the ReplicaSet of this Deployment was rejected: ${(e as Error).message}`);
          });
          p.ownerUid = rs.metadata.uid ?? '';
        }
        const podObj: KubeObject = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: p.plan.name,
            namespace: p.plan.namespace,
            labels: p.plan.labels,
            annotations: p.plan.annotations,
            ownerReferences: [{ ...p.plan.owner, uid: p.ownerUid ?? p.plan.owner.uid, controller: true, blockOwnerDeletion: true }],
          },
          spec: { ...p.plan.spec, nodeName: p.plan.node.name },
        };
        let created: KubeObject;
        try {
          created = await o.kube.create(podObj);
        } catch (e) {
          if (e instanceof ApiError) throw new PodFailure(`${p.plan.source}: the API server rejected pod ${p.plan.key}: ${e.message}`);
          throw e;
        }
        p.uid = created.metadata.uid ?? randomUUID();
        // A pod whose image cannot run here is still registered: the API server has validated its
        // spec and Pod Security admission has judged it, as on a cluster; it stays Pending.
        const blocked = [...p.plan.spec.containers, ...(p.plan.spec.initContainers ?? [])].map(imageOf).find((r) => 'blocked' in r);
        if (blocked && 'blocked' in blocked) {
          p.state = 'not-run';
          p.reason = blocked.blocked;
          return;
        }
        const podDir = join(o.stateDir, 'pods', p.plan.namespace, p.plan.name);
        mkdirSync(podDir, { recursive: true });
        p.net = addPodNetwork(p.plan.key, p.ip);
        const facts: PodFacts = {
          name: p.plan.name,
          namespace: p.plan.namespace,
          uid: p.uid,
          nodeName: p.plan.node.name,
          hostIP: p.plan.node.ip,
          podIP: p.ip,
          serviceAccountName: p.plan.spec.serviceAccountName ?? 'default',
          labels: p.plan.labels,
          annotations: p.plan.annotations,
        };
        const data = await dataSource(p.plan.namespace);
        const fsGroup = p.plan.spec.securityContext?.fsGroup;
        const volumes = new Map<string, PreparedVolume>();
        const sources = [...((p.plan.spec.volumes ?? []) as VolumeSource[])];
        const sa = p.plan.spec.serviceAccountName ?? 'default';
        const saObj = await o.kube.get('v1', 'ServiceAccount', sa, p.plan.namespace);
        const automount = p.plan.spec.automountServiceAccountToken ?? (saObj?.automountServiceAccountToken as boolean | undefined) ?? true;
        if (automount) sources.push(serviceAccountVolume());
        for (const v of sources) {
          volumes.set(
            v.name,
            await prepareVolume(v, {
              pod: facts,
              podDir,
              nodeRoot: p.plan.node.root,
              claimDir: (claim) => join(o.stateDir, 'claims', p.plan.namespace, claim),
              data,
              ...(fsGroup !== undefined ? { fsGroup } : {}),
              token: (aud, secs) => o.kube.serviceAccountToken(p.plan.namespace, sa, aud ? [aud] : [], Math.max(secs, 600)),
              caCert: o.caCert,
            }).catch((e: unknown) => {
              throw e instanceof ContainerConfigError ? new ContainerConfigError(`pod ${p.plan.key}: ${e.message}`) : e;
            }),
          );
        }
        const etcDir = join(podDir, 'etc');
        mkdirSync(join(etcDir, 'ssl', 'certs'), { recursive: true });
        writeFileSync(join(etcDir, 'hosts'), hostsFileFor({ name: p.plan.name, namespace: p.plan.namespace, ip: p.ip, ...(p.plan.spec.hostname ? { hostname: p.plan.spec.hostname } : {}), ...(p.plan.spec.subdomain ? { subdomain: p.plan.spec.subdomain } : {}) }, services, pods.map(routed), o.extraHosts));
        writeFileSync(join(etcDir, 'resolv.conf'), resolvConfFor(p.plan.namespace));
        writeFileSync(join(etcDir, 'hostname'), `${p.plan.spec.hostname ?? p.plan.name}\n`);
        writeFileSync(join(etcDir, 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
        writeFileSync(join(etcDir, 'group'), 'root:x:0:\nnogroup:x:65534:\n');
        writeFileSync(join(etcDir, 'nsswitch.conf'), 'hosts: files dns\n');
        writeFileSync(join(etcDir, 'ssl', 'certs', 'ca-certificates.crt'), o.caBundle);
        if (existsSync('/etc/localtime')) copyFileSync('/etc/localtime', join(etcDir, 'localtime'));
        syncNat();

        for (const c of p.plan.spec.initContainers ?? []) {
          const proc = await startContainer(p, c, facts, data, volumes, etcDir, true);
          p.processes.push(proc);
          const code = await proc.exited;
          if (code !== 0) throw new PodFailure(`pod ${p.plan.key}, init container ${c.name} exited (${code}). Last lines:\n${proc.tail(15)}`);
        }
        p.state = 'running';
        for (const c of p.plan.spec.containers) {
          const proc = await startContainer(p, c, facts, data, volumes, etcDir, false);
          p.processes.push(proc);
          watchExit(p, c, proc);
          if (!p.plan.completes) probeLoop(p, c, proc);
        }
        await reportStatus(p);
        notify();
      } catch (e) {
        if (e instanceof PodFailure || e instanceof ContainerConfigError) fail(p, e.message);
        else fail(p, `pod ${p.plan.key}: ${(e as Error).message}`);
      }
    },
    waitReady(p, timeoutMs) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          waiters.delete(check);
          const lines = p.processes.map((x) => `--- ${x.name}\n${x.tail(12)}`).join('\n');
          reject(new PodFailure(`pod ${p.plan.key} (${p.plan.source}) was not ready after ${timeoutMs / 1000} s${p.reason ? `: ${p.reason}` : ''}. Last lines:\n${lines}`));
        }, timeoutMs);
        const check = () => {
          const done = p.plan.completes ? p.state === 'succeeded' : p.state === 'ready';
          if (done || p.state === 'not-run') {
            clearTimeout(deadline);
            waiters.delete(check);
            resolve();
          } else if (p.state === 'failed') {
            clearTimeout(deadline);
            waiters.delete(check);
            reject(new PodFailure(p.reason ?? `pod ${p.plan.key} failed`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async stopAll() {
      stopping = true;
      await Promise.all(pods.flatMap((p) => p.processes.map((x) => x.stop(3000))));
      for (const p of pods) if (p.net) removePodNetwork(p.net);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
