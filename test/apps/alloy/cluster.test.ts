// The cluster collector: one Alloy pod for events, Probes and pod-less endpoints. What it runs as,
// what it may read, that it imports the same module as the DaemonSet with the same arguments, and
// that an environment with nothing cluster-wide to collect runs none.
import { renderAlloy } from '../../../apps/alloy/index';
import { bootstrapText, pipelineArguments } from '../../../apps/alloy/bootstrap';
import { moduleText } from '../../../apps/alloy/pipeline';
import { EVENT_LABELS, EVENT_METADATA } from '../../../apps/alloy/module/events';
import { defineEnvironment } from '../../../environments/defaults';
import type { Environment } from '../../../lib/env/types';
import type { KubeObject } from '../../../lib/k8s/types';
import { EVENTS_JOB } from '../../../lib/logs/labels';
import { parseFile } from '../../../lib/alloy/parser';
import { vetFiles } from '../../../lib/alloy/vet';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const env = (collect: Partial<Environment['collect']> = {}) => defineEnvironment({ name: 'c1', cluster: { name: 'c1' }, collect });
const objects = (e: Environment): KubeObject[] => renderAlloy(e).clusterCollector;
const find = (e: Environment, kind: string) => objects(e).find((o) => o.kind === kind) as Json | undefined;

describe('the cluster collector', () => {
  test('is one pod of a StatefulSet that never runs two, with a protected volume for its read positions', () => {
    const sts = find(env(), 'StatefulSet')!;
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.volumeClaimTemplates[0].metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(env().sizes.alloyCluster.storage);
    const container = sts.spec.template.spec.containers[0];
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/alloy' });
    expect(container.args).toContain('--storage.path=/var/lib/alloy');
  });

  test('runs restricted: the image\'s own non-root user, read-only root, no capabilities, no host access', () => {
    const spec = find(env(), 'StatefulSet')!.spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 473, fsGroup: 473, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(JSON.stringify(spec)).not.toMatch(/hostPath|hostPort|hostNetwork/);
  });

  test('imports the same module as the DaemonSet and instantiates its cluster declare with the same arguments', () => {
    const e = env();
    const text = bootstrapText(e, 'cluster');
    expect(text).toContain(`path           = "environments/${e.name}/alloy"`);
    const { file } = parseFile('bootstrap.alloy', text);
    const instance = file.body.find((s) => s.type === 'Block' && s.name.join('.') === 'lgtm.cluster') as Json;
    const names = instance.body.map((a: Json) => a.name.name);
    expect(names).toEqual(Object.keys(pipelineArguments(e)));
    expect(moduleText(e)).toContain('declare "cluster" {');
  });

  test('may list and watch events and nothing else by default; never read Secrets', () => {
    const role = find(env(), 'ClusterRole')!;
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] }]);
    const withOperator = find(env({ prometheusOperator: true }), 'ClusterRole')!;
    expect(withOperator.rules).toContainEqual({ apiGroups: ['monitoring.coreos.com'], resources: ['probes', 'servicemonitors'], verbs: ['list', 'watch'] });
    for (const r of withOperator.rules as Json[]) {
      expect(r.verbs).toEqual(['list', 'watch']);
      expect(r.resources).not.toContain('secrets');
    }
  });

  test('binds its role to its own ServiceAccount in the stack namespace only', () => {
    const e = env();
    const binding = find(e, 'ClusterRoleBinding')!;
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'alloy-cluster', namespace: e.namespace }]);
    expect(binding.roleRef.name).toBe(find(e, 'ClusterRole')!.metadata.name);
  });

  test('is not rendered, and its declare not written, when nothing cluster-wide is collected', () => {
    const e = env({ events: false, prometheusOperator: false });
    expect(objects(e)).toEqual([]);
    expect(moduleText(e)).not.toContain('declare "cluster"');
    expect(moduleText(e)).not.toContain('loki.source.kubernetes_events');
  });
});

describe('cluster events', () => {
  const eventsDeclare = (e: Environment) => {
    const text = moduleText(e);
    return text.slice(text.indexOf('declare "cluster_events"'), text.indexOf('\n}\n', text.indexOf('declare "cluster_events"')));
  };

  test('land in Loki with the k8s-monitoring job, bounded labels, and the object name as structured metadata', () => {
    const text = eventsDeclare(env());
    expect(text).toContain(`job_name   = "${EVENTS_JOB}"`);
    expect(text).toContain('log_format = "logfmt"');
    const labels = /stage\.labels \{\s*values = \{([^}]*)\}/.exec(text)![1]!;
    expect([...labels.matchAll(/(\w+)\s+=/g)].map((m) => m[1])).toEqual([...EVENT_LABELS]);
    const metadata = /stage\.structured_metadata \{\s*values = \{([^}]*)\}/.exec(text)![1]!;
    expect([...metadata.matchAll(/(\w+)\s+=/g)].map((m) => m[1])).toEqual([...EVENT_METADATA]);
    expect(EVENT_LABELS).not.toContain('name');
  });

  test('of excluded namespaces are dropped; without exclusions nothing is, so node events (no namespace) stay', () => {
    expect(eventsDeclare(env({ namespaces: 'all', exclude: ['sandbox'] }))).toContain('stage.drop {\n\t\t\tsource              = "namespace"\n\t\t\texpression          = "^(" + string.join(argument.exclude_namespaces.value, "|") + ")$"');
    expect(eventsDeclare(env())).not.toContain('stage.drop');
  });

  test('are not read when the environment turns them off, while Probes still are', () => {
    const text = moduleText(env({ events: false, prometheusOperator: true }));
    expect(text).not.toContain('loki.source.kubernetes_events');
    expect(text).toContain('prometheus.operator.probes "cluster"');
  });
});

describe('the module with every cluster-wide section on', () => {
  test.each<[string, Partial<Environment['collect']>]>([
    ['every namespace', { prometheusOperator: true, prometheusRules: true }],
    ['every namespace but some', { prometheusOperator: true, prometheusRules: true, exclude: ['sandbox'] }],
    ['an explicit list', { prometheusOperator: true, prometheusRules: true, namespaces: ['platform'] }],
  ])('%s: lgtm vet finds every component argument valid for the pinned Alloy', (_scope, collect) => {
    const e = env(collect);
    expect(vetFiles([{ path: `environments/${e.name}/alloy/pipeline.alloy`, content: moduleText(e) }], { repoRoot: new URL('../../..', import.meta.url).pathname, module: true }).map((f) => f.text)).toEqual([]);
  });
});

describe('exactly once per cluster', () => {
  /** Every built-in component an entry declare runs, through the declares it instantiates. */
  const componentsRunBy = (text: string, entry: string): string[] => {
    const { file } = parseFile('module.alloy', text);
    const declares = new Map<string, Json>();
    for (const st of file.body as Json[]) if (st.type === 'Block' && st.name.join('.') === 'declare') declares.set(st.label, st);
    const out: string[] = [];
    const visit = (label: string) => {
      for (const st of declares.get(label)!.body as Json[]) {
        if (st.type !== 'Block') continue;
        const name = st.name.join('.');
        if (declares.has(name)) visit(name);
        else if (name !== 'argument' && name !== 'export') out.push(name);
      }
    };
    visit(entry);
    return out;
  };

  test.each<[string, Partial<Environment['collect']>]>([
    ['events', {}],
    ['events and operator objects', { prometheusOperator: true }],
    ['events, operator objects and rules', { prometheusOperator: true, prometheusRules: true }],
  ])('%s: cluster-wide sources run only in the cluster collector, once; the node pipeline runs none of them', (_what, collect) => {
    const text = moduleText(env(collect));
    const node = componentsRunBy(text, 'pipeline');
    const cluster = componentsRunBy(text, 'cluster');
    for (const source of ['loki.source.kubernetes_events', 'prometheus.operator.probes', 'mimir.rules.kubernetes']) {
      expect([source, node.filter((c) => c === source).length]).toEqual([source, 0]);
    }
    expect(cluster.filter((c) => c === 'loki.source.kubernetes_events')).toHaveLength(1);
    if (collect.prometheusOperator) expect(cluster.filter((c) => c === 'prometheus.operator.probes')).toHaveLength(1);
    // The ruler API has one writer.
    expect(cluster.filter((c) => c === 'mimir.rules.kubernetes')).toHaveLength(collect.prometheusRules ? 1 : 0);
    // Node-local sources never run in the cluster collector.
    for (const source of ['loki.source.file', 'loki.source.journal', 'discovery.kubernetes', 'otelcol.receiver.otlp', 'prometheus.operator.podmonitors']) {
      expect([source, cluster.filter((c) => c === source).length]).toEqual([source, 0]);
    }
  });
});

describe('the environment README', () => {
  test('says what is collected cluster-wide, and that the operator CRDs must exist', async () => {
    const { renderEnvironment } = await import('../../../render/pipeline/index');
    const { environmentReport } = await import('../../../lib/report/environment');
    const { apps } = await import('../../../apps/registry');
    const line = (e: Environment) => environmentReport(renderEnvironment(e, apps)).split('\n').find((l) => l.startsWith('- Also collects:'));
    expect(line(env())).toBe('- Also collects: Kubernetes events');
    expect(line(env({ events: false, prometheusOperator: true }))).toBe('- Also collects: ServiceMonitors, PodMonitors and Probes (their CRDs must be installed)');
    expect(line(env({ events: false }))).toBe('- Also collects: nothing cluster-wide (no events, no Prometheus Operator objects)');
    expect(line(env({ events: false, prometheusRules: true }))).toBe("- Also collects: PrometheusRules, this repository's own included, into Mimir's ruler (the CRD must be installed)");
  });
});
