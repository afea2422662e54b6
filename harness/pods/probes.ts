// Readiness and liveness probes as the kubelet runs them: httpGet and tcpSocket against the pod's
// address from the node (here the root namespace, which sits on the pod bridge), exec inside the
// container's namespaces. One attempt per call; the runner keeps the period and thresholds.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export interface ProbeResult {
  ok: boolean;
  detail: string;
}

export function describeProbe(p: Probe, port: number | undefined): string {
  if (p.httpGet) return `httpGet ${p.httpGet.path ?? '/'} on port ${String(p.httpGet.port)}${port !== undefined && String(port) !== String(p.httpGet.port) ? ` (${port})` : ''}`;
  if (p.tcpSocket) return `tcpSocket on port ${String(p.tcpSocket.port)}`;
  if (p.exec) return `exec ${p.exec.command.join(' ')}`;
  return 'no handler';
}

export function probeOnce(p: Probe, ip: string, port: number | undefined, execIn: (argv: string[]) => [string, string[]]): Promise<ProbeResult> {
  const timeout = (p.timeoutSeconds ?? 1) * 1000;
  if (p.httpGet) {
    if (port === undefined) return Promise.resolve({ ok: false, detail: `port ${String(p.httpGet.port)} names no container port` });
    if ((p.httpGet.scheme ?? 'HTTP') !== 'HTTP') return Promise.resolve({ ok: false, detail: 'HTTPS probes are not supported by the harness' });
    return new Promise((resolve) => {
      const headers = Object.fromEntries((p.httpGet!.httpHeaders ?? []).map((h) => [h.name, h.value]));
      const req = request({ host: ip, port, path: p.httpGet!.path ?? '/', method: 'GET', headers: { 'user-agent': 'kube-probe/1.33', ...headers }, timeout }, (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve({ ok: code >= 200 && code < 400, detail: `HTTP ${code}` });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${timeout / 1000} s`)));
      req.on('error', (e) => resolve({ ok: false, detail: e.message }));
      req.end();
    });
  }
  if (p.tcpSocket) {
    if (port === undefined) return Promise.resolve({ ok: false, detail: `port ${String(p.tcpSocket.port)} names no container port` });
    return new Promise((resolve) => {
      const s = connect({ host: ip, port, timeout });
      s.on('connect', () => {
        s.destroy();
        resolve({ ok: true, detail: 'connected' });
      });
      s.on('timeout', () => {
        s.destroy();
        resolve({ ok: false, detail: `no connection in ${timeout / 1000} s` });
      });
      s.on('error', (e) => resolve({ ok: false, detail: e.message }));
    });
  }
  if (p.exec) {
    const [cmd, args] = execIn(p.exec.command);
    return new Promise((resolve) => {
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (code) => resolve({ ok: code === 0, detail: `exit ${code ?? 'killed'}${out.trim() ? `: ${out.trim().split('\n').slice(-1)[0]}` : ''}` }));
      child.on('error', (e) => resolve({ ok: false, detail: e.message }));
    });
  }
  return Promise.resolve({ ok: false, detail: 'probe has no handler' });
}
