// Golden files of what Alloy reads: the bootstrap ConfigMap text and the pipeline module, per
// environment. Regenerate with UPDATE_GOLDEN=1 after an intended change and review the diff.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { bootstrapText } from '../../../apps/alloy/bootstrap';
import { moduleText } from '../../../apps/alloy/pipeline';
import { format } from '../../../lib/alloy/format';
import { vetFiles } from '../../../lib/alloy/vet';
import { REPO } from '../../helpers/tmp-repo';

const GOLDEN = join(REPO, 'test/golden/apps/alloy');

function golden(path: string, actual: string): void {
  const file = join(GOLDEN, path);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each([dev, staging, prod])('Alloy config of $name', (env) => {
  test('bootstrap matches its golden file and is alloy-fmt clean', () => {
    const text = bootstrapText(env);
    golden(`${env.name}/bootstrap.alloy`, text);
    expect(format(text)).toBe(text);
  });

  test('pipeline module matches its golden file and is alloy-fmt clean', () => {
    const text = moduleText(env);
    golden(`${env.name}/pipeline.alloy`, text);
    expect(format(text)).toBe(text);
  });

  test('import.git points at this environment\'s folder and revision', () => {
    const text = bootstrapText(env);
    expect(text).toContain(`path           = "environments/${env.name}/alloy"`);
    expect(text).toContain(`revision       = "${env.git.revision}"`);
  });

  test('the module is clean under lgtm vet', () => {
    const findings = vetFiles([{ path: `environments/${env.name}/alloy/pipeline.alloy`, content: moduleText(env) }], { repoRoot: REPO, module: true });
    expect(findings.map((f) => f.text)).toEqual([]);
  });

  test('pod discovery is node-local', () => {
    expect(moduleText(env)).toContain('field = "spec.nodeName=" + sys.env("HOSTNAME")');
  });
});
