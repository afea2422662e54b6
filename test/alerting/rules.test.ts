// What the promtool run cannot see: every alert has cases both ways, a runbook section and a
// runbook link, and the rule check names the rule and the problem.
import { readFileSync } from 'node:fs';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { alertNames, ruleNamespaces, runbookUrl, RUNBOOK_PATH, type RuleNamespace } from '../../apps/alerting/rules';
import { checkRules } from '../../lib/alerting/check';
import { renderAlerting } from '../../apps/alerting/index';
import { alertmanagerText } from '../../apps/alerting/alertmanager';
import { ALERTMANAGER_ROOT, MIMIR_TENANT, RECEIVER_SECRETS_ROOT, RULES_CONFIGMAP, RULES_ROOT } from '../../apps/alerting/names';
import { mimir, renderMimir } from '../../apps/mimir/index';
import type { Environment } from '../../lib/env/types';
import { parse } from 'yaml';
import { defineEnvironment } from '../../environments/defaults';
import { alertCases } from './cases';

// The repository's environments, and one that loads PrometheusRules (its rules differ).
const ENVS = [dev, staging, prod, defineEnvironment({ name: 'rules', cluster: { name: 'rules' }, collect: { prometheusRules: true } })];

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
  // Every alert any environment can have (some exist only where a collect option is on).
  const names = [...new Set(ENVS.flatMap((e) => alertNames(ruleNamespaces(e))))];
  expect([...headings].sort()).toEqual([...names].sort());
  for (const ns of ENVS.flatMap((e) => ruleNamespaces(e))) {
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
  const mimirPod = (renderMimir(dev).statefulSet.spec as any).template.spec;
  const mimirMounts = mimirPod.containers[0].volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[];
  const mimirCfg = parse((renderMimir(dev).configMap!.data as Record<string, string>)['mimir.yaml']!);

  test('ships each rule file as a key of one ConfigMap, named after its ruler namespace', () => {
    expect(rendered.rules!.metadata.name).toBe(RULES_CONFIGMAP);
    expect(Object.keys(rendered.rules!.data as object)).toEqual(['lgtm-services', 'lgtm-stack', 'lgtm-kubernetes']);
  });

  test('Mimir reads rules from the ConfigMap through local storage (<root>/<tenant>/<namespace>): no hook, no API, converges like any object', () => {
    expect(mimirCfg.ruler_storage).toEqual({ backend: 'local', local: { directory: RULES_ROOT } });
    const vol = mimirPod.volumes.find((v: any) => v.configMap?.name === RULES_CONFIGMAP);
    expect(mimirMounts.find((m) => m.name === vol.name)).toEqual({ name: vol.name, mountPath: `${RULES_ROOT}/${MIMIR_TENANT}`, readOnly: true });
    // Optional: Mimir starts before the alerting app's first sync.
    expect(vol.configMap.optional).toBe(true);
    expect(JSON.stringify(rendered)).not.toContain('argocd.argoproj.io/hook');
  });

  test('Mimir reads the tenant\'s Alertmanager configuration the same way, and mounts each receiver Secret', () => {
    expect(mimirCfg.alertmanager_storage).toEqual({ backend: 'local', local: { path: ALERTMANAGER_ROOT } });
    expect(Object.keys(rendered.alertmanager.data as object)).toEqual([`${MIMIR_TENANT}.yaml`]);
    const am = parse((rendered.alertmanager.data as Record<string, string>)[`${MIMIR_TENANT}.yaml`]!);
    for (const r of dev.alerting.receivers) {
      const secretVol = mimirPod.volumes.find((v: any) => v.secret?.secretName === r.secret);
      expect(mimirMounts.find((m) => m.name === secretVol.name)?.mountPath).toBe(`${RECEIVER_SECRETS_ROOT}/${r.secret}`);
      expect(JSON.stringify(am.receivers)).toContain(`${RECEIVER_SECRETS_ROOT}/${r.secret}/`);
    }
  });
});

describe('alert routing', () => {
  const routing = (alerting: Environment['alerting']) => parse(alertmanagerText({ ...dev, alerting }));

  test('every alert goes to the default receiver; criticals to their own when one is named; warnings inhibited by criticals', () => {
    const am = routing({
      receivers: [
        { name: 'team-slack', type: 'slack', channel: '#alerts', secret: 'am-slack' },
        { name: 'oncall', type: 'pagerduty', secret: 'am-pd' },
      ],
      defaultReceiver: 'team-slack',
      criticalReceiver: 'oncall',
    });
    expect(am.route).toMatchObject({ receiver: 'team-slack', routes: [{ receiver: 'oncall', matchers: ['severity="critical"'] }] });
    expect(am.inhibit_rules).toEqual([{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'namespace'] }]);
    expect(am.receivers).toEqual([
      { name: 'team-slack', slack_configs: [{ api_url_file: `${RECEIVER_SECRETS_ROOT}/am-slack/api-url`, channel: '#alerts', send_resolved: true }] },
      { name: 'oncall', pagerduty_configs: [{ routing_key_file: `${RECEIVER_SECRETS_ROOT}/am-pd/routing-key`, send_resolved: true }] },
    ]);
  });

  test('no credential is in the configuration: each comes from a mounted Secret file', () => {
    const am = routing({
      receivers: [
        { name: 'hook', type: 'webhook', secret: 'am-hook' },
        { name: 'mail', type: 'email', to: 'ops@example.org', from: 'alerts@example.org', smarthost: 'smtp.example.org:587', username: 'alerts', secret: 'am-mail' },
      ],
      defaultReceiver: 'hook',
    });
    expect(am.route.routes).toBeUndefined();
    expect(am.receivers[0].webhook_configs[0].url_file).toBe(`${RECEIVER_SECRETS_ROOT}/am-hook/url`);
    expect(am.receivers[1].email_configs[0]).toMatchObject({ auth_password_file: `${RECEIVER_SECRETS_ROOT}/am-mail/password`, auth_username: 'alerts' });
  });

  test('the receivers\' Secrets are declared as made out of band, with the key each one needs', () => {
    const prodSecrets = mimir.externals!(prod).secrets.filter((s) => s.name.startsWith('alertmanager-'));
    expect(prodSecrets).toEqual([
      { namespace: prod.namespace, name: 'alertmanager-pagerduty', keys: ['routing-key'] },
      { namespace: prod.namespace, name: 'alertmanager-slack', keys: ['api-url'] },
    ]);
  });
});

describe('the annotation renderer of the promtool cases', () => {
  const rule = (description: string) => ({ alert: 'X', expr: 'up == 0', for: '5m', labels: { severity: 'warning' as const }, annotations: { summary: 's', description, runbook_url: 'u' } });
  test.each([
    ['{{ $value }} failures', '3 failures'],
    ['{{ $value | humanize }} req/s on {{ $labels.job }}', '3 req/s on ns/app'],
    ['{{ $value | humanize1024 }}B free', '3B free'],
    ['{{ printf "%.2f" $value }}s', '3s'],
    ['{{ $value | printf "%.1f" }}', '3'],
    ['{{ $labels.job | toUpper }}', 'NS/APP'],
  ])('renders %s', async (template, expected) => {
    const { renderAnnotations } = await import('./promtool');
    expect(renderAnnotations(rule(template), { job: 'ns/app' }, '3').description).toBe(expected);
  });

  test('refuses a template it does not know, instead of guessing', async () => {
    const { renderAnnotations } = await import('./promtool');
    expect(() => renderAnnotations(rule('{{ with query "up" }}x{{ end }}'), {}, '1')).toThrow('uses a template the test renderer does not know');
  });
});
