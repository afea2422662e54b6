// Alloy reads its pipeline the way import.git does: from a commit of this repository. This test
// commits the rendered tree into a throwaway repository with real `git`, reads the module and the
// bootstrap back from the environment's revision, and checks that every custom component the
// bootstrap (and the module itself) instantiates is declared there with exactly the arguments given.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { alloy } from '../../../apps/alloy/index';
import { hasClusterCollector } from '../../../apps/alloy/names';
import { checkAlloySource } from '../../../apps/alloy/source-check';
import type { Environment } from '../../../lib/env/types';
import { renderEnvironment } from '../../../render/pipeline/index';
import { parseFile } from '../../../lib/alloy/parser';
import { vetFiles } from '../../../lib/alloy/vet';
import { blockName, type BlockStmt, type Expr, type Stmt } from '../../../lib/alloy/ast';

const ENVS: Environment[] = [dev, staging, prod];
let root: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lgtm-alloy-git-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'test');
  for (const env of ENVS) {
    const rendered = renderEnvironment(env, [alloy]);
    for (const f of [...rendered.files.map((x) => ({ path: x.path, text: x.content })), ...rendered.objects.map((o) => ({ path: o.file, text: o.text }))]) {
      mkdirSync(dirname(join(root, f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.text);
    }
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'rendered tree');
  // staging and prod follow their own branches; here they point at the same commit.
  for (const env of ENVS) if (env.git.revision !== 'main') git('branch', env.git.revision);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function parse(name: string, text: string): Stmt[] {
  const { file, diagnostics } = parseFile(name, text);
  expect(diagnostics).toEqual([]);
  return file.body;
}

const blocks = (body: Stmt[]) => body.filter((s): s is BlockStmt => s.type === 'Block');
const attrs = (b: BlockStmt) => b.body.flatMap((s) => (s.type === 'Attribute' ? [s.name.name] : []));

function stringValue(b: BlockStmt, name: string): string {
  const a = b.body.find((s) => s.type === 'Attribute' && s.name.name === name);
  const v = a?.type === 'Attribute' ? (a.value as Expr) : undefined;
  if (v?.type !== 'Literal') throw new Error(`${blockName(b)} has no literal ${name}`);
  return JSON.parse(v.value) as string;
}

interface Declared {
  required: Set<string>;
  all: Set<string>;
}

/** Declares of a module: label → its arguments (required unless `optional = true`). */
function declaresOf(module: Stmt[]): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const d of blocks(module)) {
    const args = blocks(d.body).filter((b) => blockName(b) === 'argument');
    const optional = (a: BlockStmt) => a.body.some((s) => s.type === 'Attribute' && s.name.name === 'optional' && s.value.type === 'Literal' && s.value.value === 'true');
    out.set(d.label, { all: new Set(args.map((a) => a.label)), required: new Set(args.filter((a) => !optional(a)).map((a) => a.label)) });
  }
  return out;
}

function expectArgumentsMatch(where: string, instance: BlockStmt, declared: Declared | undefined): void {
  expect({ where, declared: declared !== undefined }).toEqual({ where, declared: true });
  const passed = attrs(instance);
  expect({ where, unknown: passed.filter((a) => !declared!.all.has(a)) }).toEqual({ where, unknown: [] });
  expect({ where, missing: [...declared!.required].filter((a) => !passed.includes(a)) }).toEqual({ where, missing: [] });
}

describe.each(ENVS)('$name: the committed tree is what import.git needs', (env) => {
  const show = (path: string) => git('show', `${env.git.revision}:${path}`);

  // The DaemonSet's bootstrap and the cluster collector's import the same module, each its own declare.
  const bootstraps: [configMap: string, entry: string][] = [
    ['configmap-alloy-bootstrap.yaml', 'pipeline'],
    ...(hasClusterCollector(env) ? [['configmap-alloy-cluster-bootstrap.yaml', 'cluster'] as [string, string]] : []),
  ];
  test.each(bootstraps)('%s instantiates only declared components, with their arguments', (configMap, entry) => {
    const manifest = parseYaml(show(`environments/${env.name}/manifests/alloy/${configMap}`)) as { data: Record<string, string> };
    const bootstrap = parse('bootstrap.alloy', manifest.data['bootstrap.alloy']!);
    const [imp, ...rest] = blocks(bootstrap);
    expect(blockName(imp!)).toBe('import.git');
    expect(stringValue(imp!, 'revision')).toBe(env.git.revision);
    const path = stringValue(imp!, 'path');
    expect(path).toBe(`environments/${env.name}/alloy`);

    // import.git reads every top-level *.alloy file of the folder as one module.
    const files = git('ls-tree', '--name-only', `${env.git.revision}:${path}`).split('\n').filter((n) => n.endsWith('.alloy'));
    expect(files).toEqual(['pipeline.alloy']);
    const module = files.flatMap((f) => parse(f, show(`${path}/${f}`)));
    expect(module.every((s) => s.type === 'Block' && blockName(s) === 'declare')).toBe(true);
    const declares = declaresOf(module);

    const instances = rest.filter((b) => b.name[0] === imp!.label);
    expect(instances.map(blockName)).toEqual([`${imp!.label}.${entry}`]);
    expect(rest).toEqual(instances);
    for (const i of instances) expectArgumentsMatch(`bootstrap ${blockName(i)}`, i, declares.get(i.name.slice(1).join('.')));

    // Inside the module, declares instantiate each other: same rule.
    let nested = 0;
    for (const d of blocks(module)) {
      for (const b of blocks(d.body)) {
        if (b.name.length === 1 && declares.has(b.name[0]!)) {
          nested++;
          expectArgumentsMatch(`declare "${d.label}" > ${b.name[0]} "${b.label}"`, b, declares.get(b.name[0]!));
        }
      }
    }
    expect(nested).toBeGreaterThanOrEqual(6);

    // lgtm vet follows the bootstrap's import.git into the committed module and checks the
    // instantiation against the declare, as well as every component inside it.
    const vetted = vetFiles([{ path: `environments/${env.name}/bootstrap.alloy`, content: manifest.data['bootstrap.alloy']! }], { repoRoot: root });
    expect(vetted.map((f) => f.text)).toEqual([]);
  });

  test('the render-time source check accepts the committed tree', () => {
    expect(checkAlloySource(env, root)).toEqual([]);
  });
});
