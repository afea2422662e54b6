// `lgtm validate` as a user runs it: paths, formats, externals and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { checkGroup } from '../../lib/validate/checks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../render/cli';

const root = new URL('../..', import.meta.url).pathname;

async function lgtm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { root, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('lgtm validate', () => {
  test('the valid corpus passes with its externals declared', async () => {
    const r = await lgtm('validate', 'test/validate/corpus/valid', '--externals', 'test/validate/corpus/externals.yaml');
    expect(r).toEqual({ code: 0, out: '15 object(s) in 3 file(s): 0 error(s), 0 warning(s)\n', err: '' });
  });

  test('without the externals, the out-of-band Secret is a finding and the exit code is 1', async () => {
    const r = await lgtm('validate', 'test/validate/corpus/valid');
    expect(r.code).toBe(1);
    expect(r.out).toContain('test/validate/corpus/valid/app.yaml:82: Deployment/obs/web spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: Secret "s3-credentials" does not exist in namespace obs');
    expect(r.out).toMatch(/: 1 error\(s\), 0 warning\(s\)\n$/);
  });

  test('github annotations for a bad file outside the repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lgtm-validate-'));
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n');
    const r = await lgtm('validate', join(dir, 'ns.yaml'), '-o', 'github').finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(/^::error file=.*ns\.yaml,line=5,title=yaml::duplicate key "name": YAML maps must have unique keys \(kubectl rejects the file\); remove one$/);
  });

  test('bad usage exits 2 with the reason', async () => {
    expect((await lgtm('validate', '--output', 'xml')).code).toBe(2);
    const missing = await lgtm('validate', 'no/such/folder');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no/such/folder: no such file or folder');
  });

  test('--help lists every check with its rationale and the opt-out annotation', async () => {
    const r = await lgtm('validate', '--help');
    expect(r.out).toContain('lgtm.dev/skip-<check-id>: "<why the check does not apply>"');
    expect(r.out).toMatch(/ {2}image-tag +skippable +Images need a pinned tag/);
    expect(r.out).toMatch(/ {2}schema-unknown-field +always +Unknown fields/);
  });
});

describe('--profile', () => {
  // One finding of each kind: a field the API does not know (schema), a container without a pinned
  // tag (policy), a Service that selects no pod (reference).
  const yaml = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\ndataa: {}\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: n\nspec:\n  selector: {app: nobody}\n  ports: [{port: 80}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: n\nspec:\n  containers: [{name: web, image: nginx}]\n',
  ].join('---\n');
  const checksOf = async (...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'lgtm-profile-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), yaml);
      const r = await lgtm('validate', join(dir, 'a.yaml'), '-o', 'json', ...args);
      return [...new Set((JSON.parse(r.out).findings as { check: string }[]).map((f) => f.check))].sort();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('schema keeps only what a cluster refuses; policies adds the policies; all adds references', async () => {
    const all = await checksOf();
    expect(all).toContain('schema-unknown-field');
    expect(all).toContain('service-selector');
    expect(all).toContain('image-tag');
    const schema = await checksOf('--profile', 'schema');
    expect(schema).toContain('schema-unknown-field');
    expect(schema).toEqual(all.filter((c) => checkGroup(c) === 'schema'));
    const policies = await checksOf('--profile', 'policies');
    expect(policies).toContain('image-tag');
    expect(policies).not.toContain('service-selector');
    expect(policies).toEqual(all.filter((c) => checkGroup(c) !== 'reference'));
    expect(await checksOf('--profile', 'all')).toEqual(all);
  });

  test('an unknown profile is bad usage', async () => {
    const r = await lgtm('validate', '--profile', 'strict');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--profile must be one of schema, policies, all, not "strict"')]);
  });
});

describe('Prometheus Operator objects application teams ship', () => {
  const validate = async (yaml: string, ...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'lgtm-operator-'));
    try {
      writeFileSync(join(dir, 'monitoring.yaml'), yaml);
      const r = await lgtm('validate', join(dir, 'monitoring.yaml'), '-o', 'json', ...args);
      return { code: r.code, findings: (JSON.parse(r.out).findings as { check: string; line: number; path: string; message: string }[]).map((f) => `${f.line} ${f.check} ${f.path}: ${f.message}`) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const monitor = (endpoint: string) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  endpoints:\n    - port: metrics\n      ${endpoint}\n`;

  test('a ServiceMonitor is schema-checked like any Kubernetes kind: a misspelt field is named with its fix', async () => {
    expect(await validate(monitor('interval: 30s'), '--profile', 'schema')).toEqual({ code: 0, findings: [] });
    const r = await validate(monitor('intervall: 30s'), '--profile', 'schema');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([expect.stringMatching(/^11 schema-unknown-field spec\.endpoints\[0\]\.intervall: .*did you mean "interval"\?$/)]);
  });

  test('a PrometheusRule whose expression does not parse, or whose rule neither records nor alerts, is refused', async () => {
    const rule = [
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata:\n  name: web\n  namespace: shop',
      'spec:',
      '  groups:',
      '    - name: web',
      '      rules:',
      '        - alert: WebDown',
      '          expr: up{job="web"} == 0',
      '        - record: job:http:rate5m',
      '          expr: sum by (job) (rate(http_requests_total[5m])',
      '    - name: web',
      '      rules:',
      '        - expr: vector(1)',
      '',
    ].join('\n');
    const r = await validate(rule, '--profile', 'schema');
    expect(r.code).toBe(1);
    expect(r.findings).toEqual([
      expect.stringMatching(/^13 rule-expression spec\.groups\[0\]\.rules\[1\]\.expr: PromQL syntax error/),
      '14 rule-expression spec.groups[1].name: group "web" is already spec.groups[0]; the ruler keeps one group per name, so rename one',
      '16 rule-expression spec.groups[1].rules[0]: rule has neither record nor alert; set one of them',
    ]);
    const fixed = rule.replace('[5m])\n', '[5m]))\n').replace('    - name: web\n      rules:\n        - expr: vector(1)\n', '');
    expect(await validate(fixed, '--profile', 'schema')).toEqual({ code: 0, findings: [] });
  });
});
