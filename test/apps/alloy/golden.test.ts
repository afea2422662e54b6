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
import { parseFile } from '../../../lib/alloy/parser';
import { blockName, type BlockStmt, type Expr, type Stmt } from '../../../lib/alloy/ast';
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

function allBlocks(body: Stmt[]): BlockStmt[] {
  return body.flatMap((s) => (s.type === 'Block' ? [s, ...allBlocks(s.body)] : []));
}

/** `"spec.nodeName=" + sys.env("HOSTNAME")` (pods) or `"metadata.name=" + sys.env("HOSTNAME")` (nodes). */
function isNodeSelector(e: Expr): boolean {
  if (e.type !== 'Binary' || e.left.type !== 'Literal' || e.right.type !== 'Call') return false;
  const call = e.right;
  const fn = call.value.type === 'Access' && call.value.value.type === 'Identifier' ? `${call.value.value.ident.name}.${call.value.name.name}` : '';
  return ['"spec.nodeName="', '"metadata.name="'].includes(e.left.value) && fn === 'sys.env' && call.args.length === 1 && call.args[0]?.type === 'Literal' && call.args[0].value === '"HOSTNAME"';
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

  test('every Kubernetes discovery in the module is node-local', () => {
    const discoveries = allBlocks(parseFile('pipeline.alloy', moduleText(env)).file.body).filter((b) => blockName(b) === 'discovery.kubernetes');
    expect(discoveries.length).toBeGreaterThan(0);
    for (const d of discoveries) {
      const fields = d.body.flatMap((s) => (s.type === 'Block' && blockName(s) === 'selectors' ? s.body : [])).flatMap((s) => (s.type === 'Attribute' && s.name.name === 'field' ? [s.value] : []));
      expect({ discovery: d.label, nodeLocal: fields.some(isNodeSelector) }).toEqual({ discovery: d.label, nodeLocal: true });
    }
  });
});
