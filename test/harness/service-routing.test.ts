import { natRuleset } from '../../harness/cluster/network';
import { hostsFileFor, natRulesFor, type RoutedPod } from '../../harness/pods/service-routing';
import type { KubeObject } from '../../harness/cluster/kube';

const pod = (name: string, node: string, ready: boolean, labels: Record<string, string>, extra: Partial<RoutedPod> = {}): RoutedPod => ({
  name,
  namespace: 'obs',
  labels,
  ip: `198.18.${node.slice(-1)}.${name.length + 10}`,
  nodeName: node,
  nodeIp: `198.18.${node.slice(-1)}.1`,
  ready,
  containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 9091 }, { name: 'otlp', containerPort: 4317, hostPort: 4317 }] }],
  ...extra,
});
const svc = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'obs' }, spec });

describe('Service routing (kube-proxy and DNS for the harness)', () => {
  const a = pod('a', 'node-1', true, { app: 'pg' });
  const b = pod('bb', 'node-2', false, { app: 'pg' });
  const agent1 = pod('agent1', 'node-1', true, { app: 'agent' });
  const agent2 = pod('agent2', 'node-2', true, { app: 'agent' });

  test('endpoints are the ready pods the selector matches; a named targetPort resolves to the container port', () => {
    const rules = natRulesFor(a, [svc('pg', { clusterIP: '198.19.0.10', selector: { app: 'pg' }, ports: [{ port: 80, targetPort: 'http' }] })], [a, b], []);
    expect(rules).toContainEqual({ ip: '198.19.0.10', port: 80, protocol: 'tcp', endpoints: [{ ip: a.ip, port: 9091 }] });
  });

  test('internalTrafficPolicy: Local keeps a caller to the endpoints on its own node', () => {
    const s = svc('agent', { clusterIP: '198.19.0.11', selector: { app: 'agent' }, internalTrafficPolicy: 'Local', ports: [{ port: 4317 }] });
    expect(natRulesFor(b, [s], [agent1, agent2], []).find((r) => r.ip === '198.19.0.11')?.endpoints).toEqual([{ ip: agent2.ip, port: 4317 }]);
  });

  test('a hostPort answers on the address of the node its pod runs on', () => {
    const rules = natRulesFor(a, [], [agent1, agent2], []);
    expect(rules).toContainEqual({ ip: agent2.nodeIp, port: 4317, protocol: 'tcp', endpoints: [{ ip: agent2.ip, port: 4317 }] });
  });

  test('a Service without ready endpoints has no NAT target (its connections are refused)', () => {
    const rules = natRulesFor(a, [svc('none', { clusterIP: '198.19.0.12', selector: { app: 'none' }, ports: [{ port: 1 }] })], [a], []);
    expect(rules.find((r) => r.ip === '198.19.0.12')?.endpoints).toEqual([]);
    expect(natRuleset(rules)).not.toContain('198.19.0.12');
  });

  test('several endpoints are balanced at random', () => {
    const text = natRuleset([{ ip: '198.19.0.9', port: 80, protocol: 'tcp', endpoints: [{ ip: '198.18.1.11', port: 8080 }, { ip: '198.18.2.11', port: 8080 }] }]);
    expect(text).toContain('ip daddr 198.19.0.9 tcp dport 80 dnat ip addr . port to numgen random mod 2 map { 0 : 198.18.1.11 . 8080, 1 : 198.18.2.11 . 8080 }');
  });

  test('short Service names resolve only in the caller\'s namespace; headless names resolve to pods', () => {
    const services = [
      svc('pg', { clusterIP: '198.19.0.10', selector: { app: 'pg' } }),
      { ...svc('other', { clusterIP: '198.19.0.13' }), metadata: { name: 'other', namespace: 'team' } },
      svc('mimir', { clusterIP: 'None', selector: { app: 'mimir' } }),
    ];
    const m0 = pod('mimir-0', 'node-3', false, { app: 'mimir' }, { hostname: 'mimir-0', subdomain: 'mimir' });
    const hosts = hostsFileFor({ name: 'a', namespace: 'obs', ip: a.ip }, services, [m0], {});
    expect(hosts).toContain('198.19.0.10\tpg.obs.svc.cluster.local pg.obs.svc pg.obs pg\n');
    expect(hosts).toContain('198.19.0.13\tother.team.svc.cluster.local other.team.svc other.team\n');
    expect(hosts).toContain(`${m0.ip}\tmimir-0.mimir.obs.svc.cluster.local mimir-0.mimir.obs.svc mimir-0.mimir.obs mimir.obs.svc.cluster.local`);
  });
});
