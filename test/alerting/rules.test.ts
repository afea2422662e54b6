// What the promtool run cannot see: every alert has cases both ways, a runbook section and a
// runbook link, and the rule check names the rule and the problem.
import { readFileSync } from 'node:fs';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { alertNames, ruleNamespaces, runbookUrl, RUNBOOK_PATH, type RuleNamespace } from '../../lib/alerting/rules';
import { checkRules } from '../../lib/alerting/check';
import { renderAlerting, MIMIR_TENANT, RULES_CONFIGMAP } from '../../apps/alerting/index';
import { defineEnvironment } from '../../environments/defaults';
import { alertCases } from './cases';

const ENVS = [dev, staging, prod];

describe.each(ENVS)('alerts of $name', (env) => {
  const names = alertNames(ruleNamespaces(env));

  test('the issue’s alerts exist', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'ServiceHighLatency',
        'ServiceHighErrorRate',
        'StackComponentDown',
        'MimirIngestionFailures',
        'LokiIngestionFailures',
        'TempoIngestionFailures',
        'PersistentVolumeFillingUp',
        'AlloyMissingOnNode',
      ]),
    );
  });

  test.each(names)('%s has a firing and a quiet promtool case', (alert) => {
    const cases = alertCases(env).filter((c) => c.alert === alert);
    expect(cases.some((c) => c.firing.length > 0)).toBe(true);
    expect(cases.some((c) => c.firing.length === 0)).toBe(true);
  });

  test('every rule passes the render-time check', () => {
    expect(checkRules(ruleNamespaces(env))).toEqual([]);
  });

  test('runbook links point at this repository, at the environment’s revision', () => {
    expect(runbookUrl(env, 'StackComponentDown')).toBe(
      `https://github.com/talent-mesh/lgtm-gitops/blob/${env.git.revision}/docs/runbook.md#stackcomponentdown`,
    );
  });
});

test('the runbook has exactly one section per alert, in the heading the link anchors to', () => {
  const headings = readFileSync(RUNBOOK_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).trim());
  const names = alertNames(ruleNamespaces(dev));
  expect([...headings].sort()).toEqual([...names].sort());
  for (const ns of ruleNamespaces(dev)) {
    for (const r of ns.groups.flatMap((g) => g.rules)) {
      expect(r.annotations.runbook_url.endsWith(`#${r.alert.toLowerCase()}`)).toBe(true);
    }
  }
});

test('StackComponentDown watches MinIO only where MinIO runs', () => {
  const expr = (env: typeof dev) =>
    ruleNamespaces(env).flatMap((n) => n.groups.flatMap((g) => g.rules)).find((r) => r.alert === 'StackComponentDown')!.expr;
  expect(expr(dev)).toBe('up{job=~"observability/(mimir|loki|tempo|grafana|pushgateway|minio)"} == 0');
  expect(expr(prod)).toBe('up{job=~"observability/(mimir|loki|tempo|grafana|pushgateway)"} == 0');
});

test('a repository URL that is not on GitHub is refused with the field to fix', () => {
  const env = defineEnvironment({ name: 'x', git: { repoURL: 'git@github.com:talent-mesh/lgtm-gitops.git' } });
  expect(() => runbookUrl(env, 'A')).toThrow(
    'environment "x": git.repoURL "git@github.com:talent-mesh/lgtm-gitops.git" is not an https://github.com/<owner>/<repo>(.git) URL; alert runbook links are built from it',
  );
});

function withRule(patch: Partial<RuleNamespace['groups'][number]['rules'][number]>): RuleNamespace[] {
  const base = ruleNamespaces(dev);
  const first = base[0]!.groups[0]!;
  return [{ namespace: base[0]!.namespace, groups: [{ ...first, rules: [{ ...first.rules[0]!, ...patch }] }] }];
}

test.each([
  [
    'a syntax error',
    withRule({ expr: 'sum by (service (rate(x[5m]))' }),
    'rule file lgtm-services.yaml, group "service-red", alert ServiceHighLatency: PromQL syntax error at column 17 near "(rate(x[5m]))": sum by (service (rate(x[5m]))',
  ],
  [
    'a Grafana macro, which Mimir never substitutes',
    withRule({ expr: 'rate(x[$__rate_interval]) > 1' }),
    'rule file lgtm-services.yaml, group "service-red", alert ServiceHighLatency: PromQL syntax error at column 8 near "$__rate_interval]) >…": rate(x[$__rate_interval]) > 1',
  ],
  [
    'a bad duration',
    withRule({ for: '5x' }),
    'rule file lgtm-services.yaml, group "service-red", alert ServiceHighLatency: "for: 5x" is not a duration such as 5m',
  ],
  [
    'an empty description',
    withRule({ annotations: { summary: 's', description: ' ', runbook_url: 'u' } }),
    'rule file lgtm-services.yaml, group "service-red", alert ServiceHighLatency: annotation description is empty',
  ],
])('checkRules reports %s', (_what, namespaces, message) => {
  expect(checkRules(namespaces)).toEqual([message]);
});

test('checkRules reports an alert name used twice', () => {
  const ns = ruleNamespaces(dev);
  const dup = [...ns, { namespace: 'copy', groups: ns[0]!.groups }];
  expect(checkRules(dup)).toContain(
    'rule file copy.yaml, group "service-red", alert ServiceHighLatency: the alert name is also used in lgtm-services.yaml; alert names must be unique',
  );
});

describe('the alerting app', () => {
  const rendered = renderAlerting(dev);
  const job = rendered.job as any;
  const container = job.spec.template.spec.containers[0];

  test('ships each rule file as a key of one ConfigMap', () => {
    expect(rendered.configMap.metadata.name).toBe(RULES_CONFIGMAP);
    expect(Object.keys(rendered.configMap.data as object)).toEqual(['lgtm-services.yaml', 'lgtm-stack.yaml', 'lgtm-kubernetes.yaml']);
  });

  test('syncs them into Mimir’s anonymous tenant after every sync, naming every file', () => {
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PostSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    expect(container.image).toBe('docker.io/grafana/mimirtool:3.1.1');
    expect(container.args).toEqual([
      'rules',
      'sync',
      '--address=http://mimir.observability.svc.cluster.local:8080',
      `--id=${MIMIR_TENANT}`,
      '/etc/mimir-rules/lgtm-services.yaml',
      '/etc/mimir-rules/lgtm-stack.yaml',
      '/etc/mimir-rules/lgtm-kubernetes.yaml',
    ]);
  });

  test('runs as a restricted, token-less pod', () => {
    const pod = job.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });
});
