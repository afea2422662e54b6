// PrometheusRules into Mimir's ruler (collect.prometheusRules): Alloy's mimir.rules.kubernetes in
// the cluster collector writes them through the ruler API; Mimir keeps rules in the object store
// instead of the read-only local store; this repository's own rules become PrometheusRule objects
// on the same path; and everything it needs, and only that, is permitted.
import { parse } from 'yaml';
import { renderAlerting } from '../../apps/alerting/index';
import { RULES_CONFIGMAP } from '../../apps/alerting/names';
import { ruleNamespaces } from '../../apps/alerting/rules';
import { renderAlloy } from '../../apps/alloy/index';
import { pipelineArguments } from '../../apps/alloy/bootstrap';
import { moduleText } from '../../apps/alloy/pipeline';
import { RULES_NAMESPACE_PREFIX } from '../../apps/alloy/module/prometheus-rules';
import { renderMimir } from '../../apps/mimir/index';
import { RULER_STORAGE_PREFIX } from '../../apps/mimir/config';
import { apps } from '../../apps/registry';
import { defineEnvironment } from '../../environments/defaults';
import { argocdChecks } from '../../lib/argocd/render-check';
import { checkMetricCatalog, querySites } from '../../lib/metrics/catalog-check';
import { appProject } from '../../lib/argocd/project';
import type { Environment } from '../../lib/env/types';
import { validateRendered } from '../../lib/validate/render-check';
import { renderEnvironment } from '../../render/pipeline/index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const env = (collect: Partial<Environment['collect']> = {}) => defineEnvironment({ name: 'r1', cluster: { name: 'r1' }, collect: { prometheusRules: true, ...collect } });

/** The module's `prometheus_rules` declare, as formatted text (undefined when there is none). */
function rulesDeclare(e: Environment): string | undefined {
  const text = moduleText(e);
  const start = text.indexOf('declare "prometheus_rules" {');
  return start < 0 ? undefined : text.slice(start, text.indexOf('\n}\n', start) + 2);
}
/** `name = value` in formatted Alloy, whatever the alignment. */
const assigns = (block: string, name: string, value: string) => new RegExp(`\\n\\s*${name}\\s+= ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`).test(block);

describe('the cluster collector', () => {
  test('writes rules to the Mimir of its environment, under its own prefix, with no tenant header (Mimir runs single-tenant)', () => {
    const e = env();
    const d = rulesDeclare(e)!;
    expect(d).toContain('mimir.rules.kubernetes "cluster" {');
    expect(assigns(d, 'address', 'argument.mimir_url.value')).toBe(true);
    expect(assigns(d, 'mimir_namespace_prefix', JSON.stringify(RULES_NAMESPACE_PREFIX))).toBe(true);
    expect(d).not.toContain('tenant_id');
    expect(pipelineArguments(e).mimir_url).toBe(`http://mimir.${e.namespace}.svc.cluster.local:8080`);
    expect(moduleText(e)).toMatch(/prometheus_rules "default" \{\n\s*mimir_url\s+= argument\.mimir_url\.value/);
  });

  test.each<[string, Partial<Environment['collect']>, string | undefined]>([
    ['every namespace: no selector', {}, undefined],
    ['every namespace but some: NotIn the exclusions', { exclude: ['sandbox'] }, 'NotIn'],
    ['an explicit list: In the list', { namespaces: ['platform'] }, 'In'],
  ])('reads the collected namespaces only — %s', (_what, collect, operator) => {
    const d = rulesDeclare(env(collect))!;
    if (operator === undefined) {
      expect(d).not.toContain('rule_namespace_selector');
      return;
    }
    expect(d).toContain('rule_namespace_selector {');
    expect(assigns(d, 'key', '"kubernetes.io/metadata.name"')).toBe(true);
    expect(assigns(d, 'operator', JSON.stringify(operator))).toBe(true);
    expect(assigns(d, 'values', `argument.${operator === 'In' ? 'namespaces' : 'exclude_namespaces'}.value`)).toBe(true);
  });

  test('may list and watch Namespaces and PrometheusRules, only when the environment loads rules', () => {
    const role = (e: Environment) => renderAlloy(e).clusterCollector.find((o) => o.kind === 'ClusterRole') as Json;
    const on = role(env({ events: false })).rules as Json[];
    expect(on).toContainEqual({ apiGroups: ['monitoring.coreos.com'], resources: ['prometheusrules'], verbs: ['list', 'watch'] });
    expect(on).toContainEqual({ apiGroups: [''], resources: ['namespaces'], verbs: ['list', 'watch'] });
    expect(JSON.stringify(role(env({ prometheusRules: false })).rules)).not.toContain('prometheusrules');
    expect(rulesDeclare(env({ prometheusRules: false }))).toBeUndefined();
  });
});

describe("this repository's rules", () => {
  test('become one PrometheusRule per rule file, with the same groups, and no rules ConfigMap', () => {
    const e = env();
    const rendered = renderAlerting(e);
    expect(rendered.rules).toBeUndefined();
    expect(rendered.prometheusRules!.map((r) => [r.kind, r.metadata.name, (r as Json).spec.groups])).toEqual(ruleNamespaces(e).map((ns) => ['PrometheusRule', ns.namespace, ns.groups]));
    expect(renderAlerting(env({ prometheusRules: false })).rules!.metadata.name).toBe(RULES_CONFIGMAP);
  });

  test("Mimir keeps rules in the metrics bucket under their own prefix and mounts no rule files", () => {
    const e = env();
    const mimir = renderMimir(e) as Json;
    const config = parse(mimir.configMap.data['mimir.yaml']);
    expect(config.ruler_storage).toEqual({ s3: { bucket_name: e.buckets.metrics }, storage_prefix: RULER_STORAGE_PREFIX });
    // Mimir refuses a ruler storage with the blocks' bucket and prefix (validateBucketConfig); and the prefix is letters and digits only.
    expect(config.blocks_storage.storage_prefix).toBeUndefined();
    expect(RULER_STORAGE_PREFIX).toMatch(/^[\da-zA-Z]+$/);
    expect(JSON.stringify(mimir)).not.toContain(RULES_CONFIGMAP);
  });
});

test('an environment that loads rules renders without a finding: validation, the Argo CD project, the metric catalog', async () => {
  const e = env({ prometheusOperator: true, exclude: ['sandbox'] });
  const rendered = renderEnvironment(e, apps);
  expect(rendered.objects.filter((o) => o.object.kind === 'PrometheusRule').map((o) => o.app)).toEqual(ruleNamespaces(e).map(() => 'alerting'));
  expect((await validateRendered(apps)(rendered)).filter((f) => f.severity === 'error')).toEqual([]);
  expect(await argocdChecks(rendered)).toEqual([]);
  // Its alert on the sync is checked, and reads a metric the cluster collector's Alloy reports.
  expect(querySites(e, apps).filter((s) => s.where.includes('PrometheusRulesNotLoaded'))).toHaveLength(1);
  expect(checkMetricCatalog([e], apps).filter((w) => w.text.includes('PrometheusRulesNotLoaded'))).toEqual([]);
  // The project permits PrometheusRules only where they are rendered.
  const kinds = (x: Environment) => ((appProject(x) as Json).spec.namespaceResourceWhitelist as Json[]).map((k) => `${k.group}/${k.kind}`);
  expect(kinds(e)).toContain('monitoring.coreos.com/PrometheusRule');
  expect(kinds(env({ prometheusRules: false }))).not.toContain('monitoring.coreos.com/PrometheusRule');
});
