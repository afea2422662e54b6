// kube-proxy and cluster DNS for the harness: from the Services in the API server and the pods
// that run, the names each pod resolves (its /etc/hosts) and the addresses it may connect to
// (its NAT rules). Endpoints are the ready pods a selector matches; ports follow targetPort (by
// number or by container port name); internalTrafficPolicy: Local keeps to the caller's node;
// hostPort answers on the node's address.
import type { NatRule } from '../cluster/network';
import type { KubeObject } from '../cluster/kube';
import type { ContainerSpec } from './workloads';

export interface RoutedPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly ip: string;
  readonly nodeName: string;
  readonly nodeIp: string;
  readonly ready: boolean;
  readonly containers: readonly ContainerSpec[];
  readonly hostname?: string;
  readonly subdomain?: string;
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

interface ServiceSpec {
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  internalTrafficPolicy?: string;
  publishNotReadyAddresses?: boolean;
}

/** A fixed endpoint outside the pods (the API server behind the `kubernetes` Service). */
export interface StaticEndpoint {
  readonly namespace: string;
  readonly name: string;
  readonly ip: string;
  readonly port: number;
}

const selects = (selector: Record<string, string> | undefined, pod: RoutedPod) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => pod.labels[k] === v);

/** The container port a Service's targetPort means in `pod`, or undefined if it names none. */
export function targetPortIn(pod: RoutedPod, p: ServicePort): number | undefined {
  const t = p.targetPort ?? p.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod.containers) for (const cp of c.ports ?? []) if (cp.name === t) return cp.containerPort;
  return undefined;
}

export function natRulesFor(caller: RoutedPod, services: readonly KubeObject[], pods: readonly RoutedPod[], statics: readonly StaticEndpoint[]): NatRule[] {
  const rules: NatRule[] = [];
  for (const svc of services) {
    const spec = svc.spec as ServiceSpec;
    if (!spec.clusterIP || spec.clusterIP === 'None') continue;
    const ns = svc.metadata.namespace ?? 'default';
    const fixed = statics.find((s) => s.namespace === ns && s.name === svc.metadata.name);
    for (const p of spec.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP').toLowerCase() === 'udp' ? 'udp' : 'tcp';
      let endpoints: { ip: string; port: number }[];
      if (fixed) endpoints = [{ ip: fixed.ip, port: fixed.port }];
      else {
        endpoints = pods
          .filter((pod) => pod.namespace === ns && (pod.ready || spec.publishNotReadyAddresses) && selects(spec.selector, pod))
          .filter((pod) => spec.internalTrafficPolicy !== 'Local' || pod.nodeName === caller.nodeName)
          .flatMap((pod) => {
            const port = targetPortIn(pod, p);
            return port === undefined ? [] : [{ ip: pod.ip, port }];
          });
      }
      rules.push({ ip: spec.clusterIP, port: p.port, protocol, endpoints });
    }
  }
  // hostPort: the node's address answers for the pod on that node that declares it.
  const nodeIps = new Map(pods.map((p) => [p.nodeName, p.nodeIp]));
  for (const pod of pods) {
    for (const c of pod.containers) {
      for (const cp of c.ports ?? []) {
        if (!cp.hostPort) continue;
        const protocol = (cp.protocol ?? 'TCP').toLowerCase() === 'udp' ? 'udp' : 'tcp';
        rules.push({ ip: nodeIps.get(pod.nodeName) ?? pod.nodeIp, port: cp.hostPort, protocol, endpoints: pod.ready ? [{ ip: pod.ip, port: cp.containerPort }] : [] });
      }
    }
  }
  return rules;
}

/** The /etc/hosts of `caller`: every Service's names (short ones in its own namespace) and its own. */
export function hostsFileFor(caller: { name: string; namespace: string; ip: string; hostname?: string; subdomain?: string }, services: readonly KubeObject[], pods: readonly RoutedPod[], extra: Readonly<Record<string, string>>, domain = 'cluster.local'): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback'];
  const own = caller.hostname ?? caller.name;
  lines.push(caller.subdomain ? `${caller.ip}\t${own}.${caller.subdomain}.${caller.namespace}.svc.${domain}\t${own}` : `${caller.ip}\t${own}`);
  for (const svc of services) {
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name;
    const names = [`${name}.${ns}.svc.${domain}`, `${name}.${ns}.svc`, `${name}.${ns}`, ...(ns === caller.namespace ? [name] : [])];
    const spec = svc.spec as ServiceSpec;
    if (spec.clusterIP && spec.clusterIP !== 'None') {
      lines.push(`${spec.clusterIP}\t${names.join(' ')}`);
      continue;
    }
    // Headless: the service name answers with the pods; each pod also by <hostname>.<service>.
    const members = pods.filter((p) => p.namespace === ns && selects(spec.selector, p));
    for (const m of members) {
      const first = members.indexOf(m) === 0;
      const podNames = m.subdomain === name && m.hostname ? [`${m.hostname}.${name}.${ns}.svc.${domain}`, `${m.hostname}.${name}.${ns}.svc`, `${m.hostname}.${name}.${ns}`] : [];
      const all = [...podNames, ...(first ? names : [])];
      if (all.length) lines.push(`${m.ip}\t${all.join(' ')}`);
    }
  }
  for (const [host, ip] of Object.entries(extra)) lines.push(`${ip}\t${host}`);
  return `${lines.join('\n')}\n`;
}

export function resolvConfFor(namespace: string, domain = 'cluster.local'): string {
  // No name server: every cluster name is in /etc/hosts, and nothing else may be looked up.
  return `search ${namespace}.svc.${domain} svc.${domain} ${domain}\nnameserver 127.0.0.1\noptions ndots:5 timeout:1 attempts:1\n`;
}
