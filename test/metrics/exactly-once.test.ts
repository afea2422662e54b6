// Every metric target is scraped exactly once. For each environment the rendered pipeline module is
// evaluated on each node of a synthetic three-node cluster whose pods are the environment's own
// rendered workloads (plus application pods that opt in, do not, or live elsewhere): what each
// node's Alloy would discover, relabel and scrape. Single-instance targets (kube-state-metrics,
// the Pushgateway, the database exporters, Mimir, Loki, Tempo, Grafana) must be scraped by one
// Alloy exactly once wherever they are scheduled; per-node sources once on every node.
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { apps } from '../../apps/registry';
import { moduleText } from '../../apps/alloy/pipeline';
import { pipelineArguments } from '../../apps/alloy/bootstrap';
import { CLUSTER_ENTRY_DECLARE, ENTRY_DECLARE } from '../../apps/alloy/names';
import type { Environment } from '../../lib/env/types';
import { defineEnvironment } from '../../environments/defaults';
import type { KubeObject } from '../../lib/k8s/types';
import { renderEnvironment } from '../../render/pipeline/index';
import { scrapeTargets, type OperatorTarget, type ScrapeTarget, type SyntheticCluster, type SyntheticPod } from '../helpers/alloy-discovery';

const NODES = [
  { name: 'node-a', ip: '10.0.0.11' },
  { name: 'node-b', ip: '10.0.0.12' },
  { name: 'node-c', ip: '10.0.0.13' },
];

type Placement = (index: number) => string;
const PLACEMENTS: [string, Placement][] = [
  ['spread over the nodes', (i) => NODES[i % NODES.length]!.name],
  ['all on one node', () => NODES[0]!.name],
  ['all on the last node', () => NODES[NODES.length - 1]!.name],
];

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: { name: string; ports?: { name?: string; containerPort: number }[] }[]; initContainers?: { name: string }[] };
}

/** Pods of the rendered workloads: replicas of Deployments and StatefulSets, one DaemonSet pod per node. */
function workloadPods(objects: readonly KubeObject[], place: Placement): SyntheticPod[] {
  const pods: SyntheticPod[] = [];
  let n = 0;
  const add = (o: KubeObject, name: string, node: string, controller: { kind: string; name: string }) => {
    const spec = o.spec as { template: Template };
    const t = spec.template;
    pods.push({
      namespace: o.metadata.namespace!,
      name,
      uid: `uid-${pods.length}`,
      node,
      ip: `10.244.${pods.length >> 8}.${(pods.length & 255) + 1}`,
      phase: 'Running',
      labels: t.metadata?.labels ?? {},
      annotations: t.metadata?.annotations ?? {},
      controller,
      containers: [
        ...(t.spec.initContainers ?? []).map((c) => ({ name: c.name, init: true, ports: [] })),
        ...t.spec.containers.map((c) => ({ name: c.name, ports: c.ports ?? [] })),
      ],
    });
  };
  for (const o of objects) {
    const name = o.metadata.name!;
    const replicas = ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1);
    if (o.kind === 'Deployment') for (let i = 0; i < replicas; i++) add(o, `${name}-7d4b9c-${i}`, place(n++), { kind: 'ReplicaSet', name: `${name}-7d4b9c` });
    if (o.kind === 'StatefulSet') for (let i = 0; i < replicas; i++) add(o, `${name}-${i}`, place(n++), { kind: 'StatefulSet', name });
    if (o.kind === 'DaemonSet') for (const node of NODES) add(o, `${name}-${node.name}`, node.name, { kind: 'DaemonSet', name });
  }
  return pods;
}

/** Application pods around the stack: opted in, not opted in, pending, in a namespace nobody collects. */
function applicationPods(place: Placement): SyntheticPod[] {
  const pod = (namespace: string, name: string, i: number, extra: Partial<SyntheticPod>): SyntheticPod => ({
    namespace,
    name,
    uid: `app-${i}`,
    node: place(i),
    ip: `10.245.0.${i + 1}`,
    phase: 'Running',
    labels: { 'app.kubernetes.io/name': name.replace(/-\d+$/, '') },
    annotations: {},
    controller: { kind: 'ReplicaSet', name: `${name}-rs` },
    containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }],
    ...extra,
  });
  const optedIn = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080' };
  return [
    pod('platform', 'auth-0', 0, { annotations: optedIn }),
    pod('platform', 'auth-1', 1, { annotations: optedIn }),
    pod('ai', 'ranker-0', 2, { annotations: { ...optedIn, 'prometheus.io/path': '/stats' } }),
    pod('email', 'sender-0', 3, {}),
    pod('platform', 'batch-0', 4, { annotations: optedIn, phase: 'Pending' }),
    pod('kube-system', 'coredns-0', 5, { annotations: optedIn }),
    // The databases themselves: never scraped directly, only through their exporters.
    pod('databases', 'postgres-0', 6, { containers: [{ name: 'postgres', ports: [{ name: 'postgresql', containerPort: 5432 }] }] }),
    // Grafana's k8s-monitoring annotations opt in too; where a pod sets both forms, prometheus.io wins.
    pod('platform', 'billing-0', 7, { annotations: { 'k8s.grafana.com/scrape': 'true', 'k8s.grafana.com/metrics.portNumber': '9090', 'k8s.grafana.com/metrics.path': '/m' }, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 9090 }] }] }),
    pod('ai', 'both-0', 8, { annotations: { 'k8s.grafana.com/scrape': 'true', 'k8s.grafana.com/metrics.path': '/grafana', 'prometheus.io/path': '/prom', 'prometheus.io/port': '8080' } }),
  ];
}

function cluster(env: Environment, place: Placement): SyntheticCluster {
  const objects = renderEnvironment(env, apps).objects.map((o) => o.object);
  return { nodes: NODES, pods: [...workloadPods(objects, place), ...applicationPods(place)] };
}

/** What every node's Alloy scrapes, each target tagged with the node that scrapes it. */
function scrapedBy(env: Environment, c: SyntheticCluster): (ScrapeTarget & { node: string })[] {
  const text = moduleText(env);
  const args = pipelineArguments(env) as Parameters<typeof scrapeTargets>[2];
  return NODES.flatMap((n) =>
    scrapeTargets(text, ENTRY_DECLARE, args, { HOSTNAME: n.name, K8S_NODE_NAME: n.name, HOST_IP: n.ip }, c).map((t) => ({ ...t, node: n.name })),
  );
}

/** A scrape's identity: in-process exporters live in each Alloy, everything else is an address. */
function key(t: ScrapeTarget & { node: string }): string {
  const where = t.address.startsWith('alloy.internal:') ? `${t.node}/` : '';
  return `${where}${t.scheme}://${t.address}${t.metricsPath}`;
}

const ENVIRONMENTS = [['dev', dev], ['staging', staging], ['prod', prod]] as const;

describe.each(ENVIRONMENTS)('%s', (_name, env) => {
  describe.each(PLACEMENTS)('with the pods %s', (_p, place) => {
    const c = cluster(env, place);
    const scraped = scrapedBy(env, c);
    const ns = env.namespace;
    const jobs = (job: string) => scraped.filter((t) => t.labels.job === job);

    test('no target is scraped twice, by one Alloy or by several', () => {
      const seen = new Map<string, string[]>();
      for (const t of scraped) seen.set(key(t), [...(seen.get(key(t)) ?? []), `${t.node} ${t.scraper}`]);
      const twice = [...seen].filter(([, by]) => by.length > 1);
      expect(twice).toEqual([]);
    });

    test.each(['kube-state-metrics', 'pushgateway', 'mimir', 'loki', 'tempo'])('%s is scraped exactly once, by the Alloy of its node', (component) => {
      const found = jobs(`${ns}/${component}`);
      const pods = c.pods.filter((p) => p.namespace === ns && p.labels['app.kubernetes.io/name'] === component);
      expect(pods).toHaveLength(1);
      expect(found.map((t) => t.node)).toEqual([pods[0]!.node]);
    });

    test('every Grafana replica is scraped exactly once', () => {
      const replicas = c.pods.filter((p) => p.labels['app.kubernetes.io/name'] === 'grafana');
      expect(replicas.length).toBe(env.sizes.grafana.replicas);
      expect(jobs(`${ns}/grafana`).map((t) => t.labels.pod).sort()).toEqual(replicas.map((p) => p.name).sort());
    });

    test('every database is scraped once, through its exporter, with job <namespace>/<database>', () => {
      for (const db of env.databases) {
        const found = jobs(`${db.namespace}/${db.name}`);
        expect(found).toHaveLength(1);
        expect(found[0]!.labels.namespace).toBe(db.namespace);
        const pod = c.pods.find((p) => p.name === found[0]!.labels.pod)!;
        expect(found[0]!.node).toBe(pod.node);
      }
      expect(scraped.filter((t) => t.address.endsWith(':5432'))).toEqual([]);
    });

    test('every node: its node exporter, kubelet and cAdvisor, once, by its own Alloy', () => {
      for (const n of NODES) {
        for (const job of [`${ns}/node-exporter`, 'kube-system/kubelet', 'kube-system/cadvisor']) {
          const found = jobs(job).filter((t) => t.labels.instance === n.name);
          expect({ job, node: n.name, scrapedBy: found.map((t) => t.node) }).toEqual({ job, node: n.name, scrapedBy: [n.name] });
        }
        const kubelet = jobs('kube-system/cadvisor').find((t) => t.node === n.name)!;
        expect(`${kubelet.scheme}://${kubelet.address}${kubelet.metricsPath}`).toBe(`https://${n.ip}:10250/metrics/cadvisor`);
      }
    });

    test('opted-in application pods are scraped once; the rest never', () => {
      const apps = scraped.filter((t) => !t.labels.job!.startsWith(`${ns}/`) && !t.labels.job!.startsWith('kube-system/') && !env.databases.some((d) => t.labels.job === `${d.namespace}/${d.name}`));
      expect(apps.map((t) => `${t.labels.pod} ${t.address}${t.metricsPath}`).sort()).toEqual([
        'auth-0 10.245.0.1:8080/metrics',
        'auth-1 10.245.0.2:8080/metrics',
        'billing-0 10.245.0.8:9090/m',
        'both-0 10.245.0.9:8080/prom',
        'ranker-0 10.245.0.3:8080/stats',
      ]);
    });

    test('every series carries namespace and a <namespace>/<component> job', () => {
      for (const t of scraped) {
        expect({ scraper: t.scraper, job: t.labels.job }).toEqual({ scraper: t.scraper, job: expect.stringMatching(/^[a-z0-9-]+\/[a-z0-9-]+$/) });
        expect({ scraper: t.scraper, namespace: t.labels.namespace }).toEqual({ scraper: t.scraper, namespace: expect.stringMatching(/^[a-z0-9-]+$/) });
      }
    });
  });
});

describe('collect scope', () => {
  const place: Placement = (i) => NODES[i % NODES.length]!.name;
  const appPods = (collect: Pick<Environment['collect'], 'namespaces' | 'exclude'>) => {
    const env = defineEnvironment({ name: 'scope', cluster: { name: 'scope' }, collect });
    const scraped = scrapedBy(env, cluster(env, place));
    return scraped.filter((t) => t.labels.namespace !== env.namespace && !['kube-system/kubelet', 'kube-system/cadvisor'].includes(t.labels.job!)).map((t) => t.labels.pod).sort();
  };

  test('every namespace: system namespaces included, the stack never listed', () => {
    expect(appPods({ namespaces: 'all', exclude: [] })).toEqual(['auth-0', 'auth-1', 'billing-0', 'both-0', 'coredns-0', 'ranker-0']);
  });

  test('every namespace but the excluded ones: their pods are dropped before any section sees them', () => {
    expect(appPods({ namespaces: 'all', exclude: ['platform', 'kube-system'] })).toEqual(['both-0', 'ranker-0']);
  });

  test('an explicit list: only those namespaces, plus the stack', () => {
    expect(appPods({ namespaces: ['ai'], exclude: [] })).toEqual(['both-0', 'ranker-0']);
  });
});

describe('Prometheus Operator objects: every target once, across the node collectors and the cluster collector', () => {
  // What ServiceMonitors, PodMonitors and Probes discover in a cluster: targets backed by pods on
  // every node, a Service endpoint no pod backs (the API server), a PodMonitor target on a node
  // whose name has a dot, static and Ingress Probe targets.
  const nodes = [...NODES, { name: 'node-d.eu-west-1.compute.internal', ip: '10.0.0.14' }];
  const onNode = (kind: OperatorTarget['kind'], namespace: string, address: string, node: string): OperatorTarget => ({
    kind,
    objectNamespace: namespace,
    address,
    labels: { __meta_kubernetes_namespace: namespace, __meta_kubernetes_pod_node_name: node },
  });
  const targets: OperatorTarget[] = [
    ...nodes.map((n, i) => onNode('servicemonitors', 'platform', `10.244.1.${i + 1}:8080`, n.name)),
    ...nodes.map((n, i) => onNode('podmonitors', 'ai', `10.244.2.${i + 1}:9090`, n.name)),
    onNode('servicemonitors', 'kube-system', '10.244.3.1:9153', 'node-b'),
    // Pending pods have no node yet; Alloy would not see an address for them either, so they are not modelled.
    { kind: 'servicemonitors', objectNamespace: 'default', address: '10.0.0.1:6443', labels: { __meta_kubernetes_namespace: 'default' } },
    { kind: 'probes', objectNamespace: 'platform', address: 'blackbox:9115/probe?target=https://shop.example', labels: { namespace: 'platform' } },
    { kind: 'probes', objectNamespace: 'ai', address: 'blackbox:9115/probe?target=https://ranker.example', labels: { __meta_kubernetes_namespace: 'ai' } },
  ];

  /** How often each target is scraped, over every node's Alloy and the cluster collector. */
  const scrapeCounts = (collect: Partial<Environment['collect']>) => {
    const env = defineEnvironment({ name: 'operator', cluster: { name: 'operator' }, collect: { prometheusOperator: true, ...collect } });
    const c: SyntheticCluster = { nodes, pods: [], operatorTargets: targets };
    const text = moduleText(env);
    const args = pipelineArguments(env) as Parameters<typeof scrapeTargets>[2];
    const operatorOnly = (t: ScrapeTarget) => t.scraper.includes('prometheus.operator.');
    const scraped = [
      ...nodes.flatMap((n) => scrapeTargets(text, ENTRY_DECLARE, args, { HOSTNAME: n.name }, c).filter(operatorOnly)),
      ...scrapeTargets(text, CLUSTER_ENTRY_DECLARE, args, { HOSTNAME: 'alloy-cluster-0' }, c).filter(operatorOnly),
    ];
    const counts = new Map(targets.map((t) => [t.address, 0]));
    for (const t of scraped) counts.set(t.address, (counts.get(t.address) ?? 0) + 1);
    return counts;
  };
  const addressesIn = (namespaces: string[]) => targets.filter((t) => namespaces.includes(t.objectNamespace)).map((t) => t.address);

  test('every namespace: each target exactly once, the pod-less endpoint and the Probes by the cluster collector', () => {
    expect([...scrapeCounts({}).entries()].filter(([, n]) => n !== 1)).toEqual([]);
  });

  test('every namespace but the excluded ones: excluded targets never, the rest once', () => {
    const counts = scrapeCounts({ namespaces: 'all', exclude: ['platform', 'kube-system'] });
    for (const a of addressesIn(['platform', 'kube-system'])) expect([a, counts.get(a)]).toEqual([a, 0]);
    for (const a of addressesIn(['ai', 'default'])) expect([a, counts.get(a)]).toEqual([a, 1]);
  });

  test('an explicit list: only its targets, once', () => {
    const counts = scrapeCounts({ namespaces: ['ai'], exclude: [] });
    for (const a of addressesIn(['ai'])) expect([a, counts.get(a)]).toEqual([a, 1]);
    for (const a of addressesIn(['platform', 'kube-system', 'default'])) expect([a, counts.get(a)]).toEqual([a, 0]);
  });

  test('off by default: no operator component anywhere in the module', () => {
    const env = defineEnvironment({ name: 'plain', cluster: { name: 'plain' } });
    expect(moduleText(env)).not.toContain('prometheus.operator.');
  });
});
