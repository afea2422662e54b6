// The local cluster's network: one Linux bridge in the root namespace, one network namespace per
// pod with a veth on that bridge, and per-pod nftables NAT that plays kube-proxy (Service cluster
// IPs and hostPorts to ready endpoints). Pods get no default route: nothing they send can leave
// the machine. Addresses come from 198.18.0.0/15, the range RFC 2544 sets aside for test networks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export const BRIDGE = 'lgtmh-br0';
/** The bridge's address: the API server and the harness's own servers listen here. */
export const GATEWAY_IP = '198.18.0.1';
export const POD_PREFIX = 16;
/** The API server's service cluster IP range (routed into every pod, DNAT'd there). */
export const SERVICE_CIDR = '198.19.0.0/16';
const NETNS_PREFIX = 'lgtmh-';

export class NetworkError extends Error {}

function sh(cmd: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync(cmd, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string };
    if (err.code === 'ENOENT') throw new NetworkError(`${cmd} is not on PATH: install it (Debian packages iproute2 and nftables)`);
    throw new NetworkError(`${cmd} ${args.join(' ')}: ${String(err.stderr ?? e).trim().split('\n')[0]}`);
  }
}

function harnessNamespaces(): string[] {
  return sh('ip', ['netns', 'list'])
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(NETNS_PREFIX));
}

/**
 * Makes the bridge, after removing the namespaces and bridge a killed run left (the caller holds
 * the run lock, harness/cluster/run-state.ts). Returns a note for the user when it cleaned up.
 */
export function acquireNetwork(): string | undefined {
  let note: string | undefined;
  const stale = harnessNamespaces();
  const bridge = linkExists(BRIDGE);
  if (stale.length || bridge) {
    for (const ns of stale) sh('ip', ['netns', 'delete', ns]);
    if (bridge) sh('ip', ['link', 'delete', BRIDGE]);
    note = `removed ${stale.length} network namespace(s)${bridge ? ' and the bridge' : ''} left by a killed run`;
  }
  sh('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  sh('ip', ['addr', 'add', `${GATEWAY_IP}/${POD_PREFIX}`, 'dev', BRIDGE]);
  sh('ip', ['link', 'set', BRIDGE, 'up']);
  return note;
}

function linkExists(name: string): boolean {
  try {
    execFileSync('ip', ['link', 'show', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Removes every namespace and the bridge this run made. Safe to call twice. */
export function releaseNetwork(): void {
  for (const ns of harnessNamespaces()) {
    try {
      sh('ip', ['netns', 'delete', ns]);
    } catch {
      /* keep going: remove what can be removed */
    }
  }
  if (linkExists(BRIDGE)) {
    try {
      sh('ip', ['link', 'delete', BRIDGE]);
    } catch {
      /* ditto */
    }
  }
}

export interface PodNet {
  readonly netns: string;
  readonly ip: string;
}

/** A network namespace for one pod, named after it (hashed: interface names are 15 bytes at most). */
export function addPodNetwork(podKey: string, ip: string): PodNet {
  const h = createHash('sha256').update(podKey).digest('hex').slice(0, 8);
  const netns = `${NETNS_PREFIX}${h}`;
  const host = `lh${h}`;
  sh('ip', ['netns', 'add', netns]);
  sh('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
  sh('ip', ['link', 'set', host, 'master', BRIDGE, 'up']);
  const inNs = (...args: string[]) => sh('ip', ['netns', 'exec', netns, 'ip', ...args]);
  inNs('link', 'set', 'lo', 'up');
  inNs('addr', 'add', `${ip}/${POD_PREFIX}`, 'dev', 'eth0');
  inNs('link', 'set', 'eth0', 'up');
  // Service IPs need a route for the first lookup; the NAT below rewrites them before they leave.
  inNs('route', 'add', SERVICE_CIDR, 'via', GATEWAY_IP);
  return { netns, ip };
}

export function removePodNetwork(net: PodNet): void {
  try {
    sh('ip', ['netns', 'delete', net.netns]);
  } catch {
    /* already gone */
  }
}

/** One virtual address:port the pod may connect to, and the endpoints behind it. */
export interface NatRule {
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly endpoints: readonly { ip: string; port: number }[];
}

/** The nftables ruleset of one pod (exported for tests). */
export function natRuleset(rules: readonly NatRule[]): string {
  const lines = ['table ip lgtm {', '\tchain out {', '\t\ttype nat hook output priority -100; policy accept;'];
  for (const r of rules) {
    const match = `ip daddr ${r.ip} ${r.protocol} dport ${r.port}`;
    if (r.endpoints.length === 0) continue;
    if (r.endpoints.length === 1) {
      const e = r.endpoints[0]!;
      lines.push(`\t\t${match} dnat to ${e.ip}:${e.port}`);
    } else {
      const map = r.endpoints.map((e, i) => `${i} : ${e.ip} . ${e.port}`).join(', ');
      lines.push(`\t\t${match} dnat ip addr . port to numgen random mod ${r.endpoints.length} map { ${map} }`);
    }
  }
  lines.push('\t}', '}');
  return lines.join('\n');
}

export function setPodNat(net: PodNet, rules: readonly NatRule[]): void {
  // As kube-proxy does, a Service without ready endpoints refuses connections at once; a reject
  // is not allowed in a nat chain, so a filter chain does that part.
  const rejects = rules.filter((r) => r.endpoints.length === 0);
  const nat = natRuleset(rules.filter((r) => r.endpoints.length > 0));
  const filter = [
    'table ip lgtmf {',
    '\tchain out {',
    '\t\ttype filter hook output priority 0; policy accept;',
    ...rejects.map((r) => `\t\tip daddr ${r.ip} ${r.protocol} dport ${r.port} ${r.protocol === 'tcp' ? 'reject with tcp reset' : 'reject'}`),
    '\t}',
    '}',
  ].join('\n');
  const script = `table ip lgtm\ndelete table ip lgtm\ntable ip lgtmf\ndelete table ip lgtmf\n${nat}\n${filter}\n`;
  sh('ip', ['netns', 'exec', net.netns, 'nft', '-f', '-'], script);
}
