// The rendered rule files pass `promtool check rules`, and every alert fires and stays quiet on
// synthetic series as cases.ts says (`promtool test rules`), for every environment.
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { stringify } from 'yaml';
import { renderAlerting } from '../../apps/alerting/index';
import { ruleNamespaces } from '../../apps/alerting/rules';
import { defineEnvironment } from '../../environments/defaults';
import type { KubeObject } from '../../lib/k8s/types';
import { alertCases } from './cases';
import { PROMTOOL_MISSING, promtool, promtoolVersion, unitTestFiles, workDir } from './promtool';

const version = promtoolVersion();
if (!version) console.warn(PROMTOOL_MISSING);
const withPromtool = version ? it : it.skip;

test('promtool is installed, or CI does not require it', () => {
  if (process.env.REQUIRE_PROMTOOL === '1') expect(version).toBeDefined();
});

/**
 * The rule files as Mimir gets them: the rules ConfigMap's keys (the bare ruler namespaces), or,
 * where rules are loaded as PrometheusRules, each object's groups, which is what Alloy sends.
 */
function renderedRuleFiles(env: ReturnType<typeof defineEnvironment>): Record<string, string> {
  const rendered = renderAlerting(env);
  if (rendered.rules) return Object.fromEntries(Object.entries(rendered.rules.data as Record<string, string>).map(([ns, text]) => [`${ns}.yaml`, text]));
  return Object.fromEntries(rendered.prometheusRules!.map((r: KubeObject) => [`${r.metadata.name}.yaml`, stringify({ groups: (r as unknown as { spec: { groups: unknown } }).spec.groups })]));
}

// The repository's environments, and one that loads PrometheusRules (its rules differ).
describe.each([dev, staging, prod, defineEnvironment({ name: 'rules', cluster: { name: 'rules' }, collect: { prometheusRules: true } })])('alert rules of $name', (env) => {
  // promtool wants a .yaml name.
  const files = renderedRuleFiles(env);

  withPromtool.each(Object.keys(files))('promtool check rules %s', (file) => {
    const work = workDir({ [file]: files[file]! });
    try {
      const r = promtool(['check', 'rules', file], work.dir);
      expect(r.output).toContain('SUCCESS');
      expect(r.code).toBe(0);
    } finally {
      work.cleanup();
    }
  });

  withPromtool('promtool test rules: every case fires or stays quiet as expected', () => {
    const tests = unitTestFiles(ruleNamespaces(env), alertCases(env));
    const work = workDir({ ...files, ...tests });
    try {
      for (const testFile of Object.keys(tests)) {
        const r = promtool(['test', 'rules', testFile], work.dir);
        if (r.code !== 0) throw new Error(`promtool test rules ${testFile} failed:\n${r.output}`);
      }
    } finally {
      work.cleanup();
    }
  });
});
