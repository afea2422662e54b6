// Checks of a started cluster that need no knowledge of the programs: every runnable pod became
// ready (or completed), and every Service port with ready endpoints answers on its target port.
import { connect } from 'node:net';
import type { KubeObject } from './cluster/kube';
import type { LocalCluster } from './local-cluster';
import { targetPortIn, type RoutedPod } from './pods/service-routing';
import type { RunningPod } from './pods/runner';

export async function waitForPods(cluster: LocalCluster, timeoutMs: number): Promise<string[]> {
  const results = await Promise.allSettled(cluster.runner.pods.map((p) => cluster.runner.waitReady(p, timeoutMs)));
  return results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
}

const tcp = (ip: string, port: number) =>
  new Promise<string | undefined>((resolve) => {
    const s = connect({ host: ip, port, timeout: 3000 });
    s.on('connect', () => {
      s.destroy();
      resolve(undefined);
    });
    s.on('timeout', () => {
      s.destroy();
      resolve('no answer in 3 s');
    });
    s.on('error', (e) => resolve(e.message));
  });

/** A Service port whose selected, ready pods do not listen on its target port is a broken Service. */
export async function checkServicePorts(cluster: LocalCluster): Promise<string[]> {
  const services = await cluster.controlPlane.kube.list('v1', 'Service');
  const problems: string[] = [];
  const ready = cluster.runner.pods.filter((p) => p.state === 'ready');
  for (const svc of services) {
    const spec = svc.spec as { selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] };
    if (!spec.selector || Object.keys(spec.selector).length === 0) continue;
    const ns = svc.metadata.namespace ?? 'default';
    const members = ready.filter((p) => p.plan.namespace === ns && Object.entries(spec.selector!).every(([k, v]) => p.plan.labels[k] === v));
    for (const port of spec.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== 'TCP') continue;
      for (const m of members) {
        const target = targetPortIn(asRouted(m), port);
        const where = `Service ${ns}/${svc.metadata.name} port ${port.name ?? port.port} (${port.port} → ${String(port.targetPort ?? port.port)})`;
        if (target === undefined) {
          problems.push(`${where}: targetPort names no container port of pod ${m.plan.key}`);
          continue;
        }
        const err = await tcp(m.ip, target);
        if (err) problems.push(`${where}: pod ${m.plan.key} does not answer on ${m.ip}:${target} (${err})`);
      }
    }
  }
  return problems;
}

function asRouted(p: RunningPod): RoutedPod {
  return { name: p.plan.name, namespace: p.plan.namespace, labels: p.plan.labels, ip: p.ip, nodeName: p.plan.node.name, nodeIp: p.plan.node.ip, ready: true, containers: p.plan.spec.containers };
}

export function podTable(pods: readonly RunningPod[]): string {
  const rows = pods.map((p) => [p.plan.key, p.plan.node.name, p.state === 'not-run' ? '-' : p.ip, p.state, p.state === 'not-run' || p.state === 'failed' ? (p.reason ?? '').split('\n')[0]!.slice(0, 110) : '']);
  const head = ['POD', 'NODE', 'IP', 'STATE', 'WHY'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export type { KubeObject };
