// The local control plane: etcd on loopback and a real kube-apiserver on the bridge address, with
// RBAC, Pod Security admission, a service account token issuer, and the admin's token in a static
// token file (this run only; never written to the repository).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { makePki, servingCert, type Pki } from './certs';
import { kubeClient, type Kube } from './kube';
import { GATEWAY_IP, SERVICE_CIDR } from './network';
import { startProcess, type Managed } from './process';

export const API_PORT = 6443;
export const SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The first address of the service range: the `kubernetes` Service's cluster IP. */
export const KUBERNETES_SERVICE_IP = SERVICE_CIDR.replace(/\.0\/\d+$/, '.1');

export interface ControlPlane {
  readonly kube: Kube;
  readonly pki: Pki;
  readonly server: string;
  readonly processes: readonly Managed[];
  stop(): Promise<void>;
}

export class ControlPlaneError extends Error {}

/** A free TCP port on `host`; fails with the fix when the host has none to give. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', (e) => reject(new ControlPlaneError(`cannot open a port on ${host}: ${e.message}`)));
    s.listen(0, host, () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Fails with a clear line when `port` on `host` is already taken by something else. */
export function assertPortFree(host: string, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', () => reject(new ControlPlaneError(`port ${host}:${port}, which ${what} needs, is already taken; stop what listens there (ss -ltnp 'sport = :${port}') and try again`)));
    s.listen(port, host, () => s.close(() => resolve()));
  });
}

async function waitFor(what: string, proc: Managed, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | string | undefined;
  void proc.exited.then((c) => (exited = c));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new ControlPlaneError(`${what} exited (${exited}) before it was ready; its last lines:\n${proc.tail()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new ControlPlaneError(`${what} was not ready after ${timeoutMs / 1000} s; its last lines:\n${proc.tail()}`);
}

export async function startControlPlane(dir: string, bins: { etcd: string; apiserver: string }, log: (l: string) => void): Promise<ControlPlane> {
  mkdirSync(dir, { recursive: true });
  const pki = makePki(dir);
  const started: Managed[] = [];
  const stop = async () => {
    for (const p of [...started].reverse()) await p.stop();
  };
  try {
    const clientPort = await freePort('127.0.0.1');
    const peerPort = await freePort('127.0.0.1');
    await assertPortFree(GATEWAY_IP, API_PORT, 'the API server');
    const etcd = startProcess('etcd', bins.etcd, [
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${clientPort}`,
      `--advertise-client-urls=http://127.0.0.1:${clientPort}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
      // A throw-away store: skipping fsync makes the apply of a whole environment several times faster.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], { logFile: join(dir, 'etcd.log') });
    started.push(etcd);
    await waitFor('etcd', etcd, async () => (await fetch(`http://127.0.0.1:${clientPort}/health`)).ok, 30_000);
    log(`etcd ready on 127.0.0.1:${clientPort}`);

    const serving = servingCert(pki, 'apiserver', ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'], [GATEWAY_IP, KUBERNETES_SERVICE_IP, '127.0.0.1']);
    const token = randomBytes(24).toString('hex');
    const tokens = join(dir, 'tokens.csv');
    writeFileSync(tokens, `${token},lgtm-harness,lgtm-harness,system:masters\n`, { mode: 0o600 });
    const apiserver = startProcess('kube-apiserver', bins.apiserver, [
      `--etcd-servers=http://127.0.0.1:${clientPort}`,
      `--bind-address=${GATEWAY_IP}`,
      `--advertise-address=${GATEWAY_IP}`,
      `--secure-port=${API_PORT}`,
      `--tls-cert-file=${serving.cert}`,
      `--tls-private-key-file=${serving.key}`,
      `--client-ca-file=${pki.caCert}`,
      `--service-account-issuer=${SA_ISSUER}`,
      `--service-account-key-file=${pki.saPub}`,
      `--service-account-signing-key-file=${pki.saKey}`,
      `--api-audiences=${SA_ISSUER}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--authorization-mode=RBAC',
      `--token-auth-file=${tokens}`,
      '--allow-privileged=true',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      `--cert-dir=${join(dir, 'apiserver-certs')}`,
      '--v=1',
    ], { logFile: join(dir, 'kube-apiserver.log') });
    started.push(apiserver);
    const server = `https://${GATEWAY_IP}:${API_PORT}`;
    const ca = readFileSync(pki.caCert, 'utf8');
    const kube = kubeClient(server, ca, token);
    await waitFor('kube-apiserver', apiserver, async () => (await kube.raw('GET', '/readyz')).status === 200, 90_000);
    // The default namespace and the kubernetes Service appear shortly after /readyz.
    await waitFor('kube-apiserver (kubernetes Service)', apiserver, async () => (await kube.get('v1', 'Service', 'kubernetes', 'default')) !== undefined, 60_000);
    log(`kube-apiserver ready on ${server}`);
    writeFileSync(join(dir, 'kubeconfig'), kubeconfig(server, pki.caCert, token), { mode: 0o600 });
    return { kube, pki, server, processes: started, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function kubeconfig(server: string, caFile: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: lgtm-local',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority: ${caFile}`,
    'users:',
    '- name: lgtm-harness',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: lgtm-local',
    '  context: {cluster: lgtm-local, user: lgtm-harness}',
    'current-context: lgtm-local',
    '',
  ].join('\n');
}
