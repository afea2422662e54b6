// The rendered rule files pass `promtool check rules`, and every alert fires and stays quiet on
// synthetic series as cases.ts says (`promtool test rules`), for every environment.
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import { renderAlerting } from '../../apps/alerting/index';
import { ruleNamespaces } from '../../apps/alerting/rules';
import { alertCases } from './cases';
import { PROMTOOL_MISSING, promtool, promtoolVersion, unitTestFiles, workDir } from './promtool';

const version = promtoolVersion();
if (!version) console.warn(PROMTOOL_MISSING);
const withPromtool = version ? it : it.skip;

test('promtool is installed, or CI does not require it', () => {
  if (process.env.REQUIRE_PROMTOOL === '1') expect(version).toBeDefined();
});

describe.each([dev, staging, prod])('alert rules of $name', (env) => {
  // promtool wants a .yaml name; the ConfigMap keys are the bare ruler namespaces.
  const files = Object.fromEntries(Object.entries(renderAlerting(env).rules!.data as Record<string, string>).map(([ns, text]) => [`${ns}.yaml`, text]));

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
