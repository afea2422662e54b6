// Endpoints in configs: the scanner finds every cluster DNS name with its port, whatever the
// format around it, and checkEndpoints resolves them against the rendered Services.
import fc from 'fast-check';
import { checkEndpoints, endpointJudge, endpointProblems, findEndpoints, indexServices } from '../../lib/validate/endpoints';
import type { KubeObject } from '../../lib/k8s/types';

const service = (name: string, ports: Record<string, unknown>[], headless = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'obs' },
  spec: { selector: { app: name }, ports, ...(headless ? { clusterIP: 'None' } : {}) },
});
const objects = [
  service('mimir', [{ name: 'http', port: 8080, targetPort: 'http' }, { name: 'grpc', port: 9095 }]),
  service('mimir-gossip', [{ name: 'gossip', port: 7946, targetPort: 7947 }], true),
];

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);

describe('findEndpoints', () => {
  test('finds host and port in any surrounding text (property)', () => {
    fc.assert(
      fc.property(label, label, fc.integer({ min: 1, max: 65535 }), fc.boolean(), fc.constantFrom('', 'http://', 'https://'), fc.constantFrom('"', "'", ' ', '\n', '[', '=', '('), fc.constantFrom('/path', '"', '', ',', '\n'), (svc, ns, port, fqdn, scheme, before, after) => {
        const host = `${svc}.${ns}.svc${fqdn ? '.cluster.local' : ''}`;
        const text = `x: 1\nkey${before}${scheme}${host}:${port}${after} tail`;
        expect(findEndpoints(text)).toEqual([{ host, port, line: before === '\n' ? 2 : 1, raw: `${scheme}${host}:${port}` }]);
      }),
    );
  });

  test('a scheme without a port gives the default port', () => {
    expect(findEndpoints('url: https://mimir.obs.svc/api')).toEqual([{ host: 'mimir.obs.svc', port: 443, line: 0, raw: 'https://mimir.obs.svc' }]);
    expect(findEndpoints('join: [mimir-gossip.obs.svc.cluster.local]')).toEqual([{ host: 'mimir-gossip.obs.svc.cluster.local', line: 0, raw: 'mimir-gossip.obs.svc.cluster.local' }]);
  });

  test('names that only look like cluster DNS are ignored', () => {
    expect(findEndpoints('a.svc b.svc.example.com c.svcx mimir.svc:80 https://grafana.com:443')).toEqual([]);
  });

  test('text without ".svc" never yields an endpoint (property)', () => {
    fc.assert(fc.property(fc.string().filter((t) => !t.includes('.svc')), (text) => findEndpoints(text).length === 0));
  });
});

describe('endpointProblems', () => {
  test('places each endpoint that does not resolve on the line findEndpoints gives it, and only those (property)', () => {
    const judge = endpointJudge(indexServices(objects));
    const line = fc.array(fc.constantFrom('x: 1', 'url: http://mimir.obs.svc:8080/api', 'url: http://mimir.obs.svc:3100', 'peers: [loki.obs.svc.cluster.local:7946]', '', '  a.svc.example.com'), { maxLength: 12 });
    fc.assert(
      fc.property(line, (lines) => {
        const text = lines.join('\n');
        const bad = findEndpoints(text).filter((f) => !(f.host === 'mimir.obs.svc' && f.port === 8080));
        const problems = endpointProblems(judge, text, () => 'cfg');
        expect(problems.map((p) => p.line)).toEqual(bad.map((f) => f.line));
        for (const [i, p] of problems.entries()) expect(p.message).toContain(`(cfg line ${bad[i]!.line + 1})`);
      }),
    );
  });
});

describe('checkEndpoints', () => {
  test('rendered Service ports resolve', () => {
    expect(checkEndpoints(objects, [{ host: 'mimir.obs.svc.cluster.local', port: 8080, where: 'Alloy remote_write' }, { host: 'mimir.obs.svc', port: 9095, where: 'ruler' }])).toEqual([]);
  });

  test('a headless Service resolves pods by DNS and by target port', () => {
    expect(checkEndpoints(objects, [{ host: 'mimir-0.mimir-gossip.obs.svc.cluster.local', port: 7947, where: 'memberlist' }])).toEqual([]);
  });

  test('the API server and declared externals resolve', () => {
    expect(checkEndpoints(objects, [{ host: 'kubernetes.default.svc', port: 443, where: 'discovery' }, { host: 'postgres.databases.svc.cluster.local', port: 5432, where: 'exporter' }], ['postgres.databases.svc.cluster.local:5432'])).toEqual([]);
  });

  test('wrong ports and unknown Services are named with the fix', () => {
    expect(checkEndpoints(objects, [{ host: 'mimir.obs.svc', port: 3100, where: 'Grafana datasource' }, { host: 'loki.obs.svc.cluster.local', port: 3100, where: 'Alloy' }, { host: 'kubernetes.default.svc', port: 6443, where: 'discovery' }])).toEqual([
      'mimir.obs.svc:3100 (Grafana datasource): Service obs/mimir has no port 3100 (it has http 8080, grpc 9095); use a port from lib/endpoints.ts',
      'loki.obs.svc.cluster.local:3100 (Alloy) names Service "loki" in namespace "obs", which this environment does not render; fix the host (lib/endpoints.ts) or declare it in the app\'s externals().endpoints',
      'kubernetes.default.svc:6443 (discovery): the API server Service listens on 443; use port 443',
    ]);
  });
});
