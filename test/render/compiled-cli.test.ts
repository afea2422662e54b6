// The compiled CLI (bin/lgtm.mjs running dist/, built by bin/compile.mjs) behaves exactly as the
// TypeScript sources do under tsx: same output, same exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImporter } from '../../render/ts-import';

const ROOT = new URL('../..', import.meta.url).pathname;
const run = (args: string[], tsx: boolean) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lgtm.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LGTM_TSX: tsx ? '1' : '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test.each([[['--help']], [['render', '--check', '--no-cache']], [['validate']], [['envs', '--json']], [['render', '--env', 'no-such-env']]])('lgtm %j: compiled and TypeScript agree', (args) => {
  expect(run(args, false)).toEqual(run(args, true));
}, 120_000);

describe('importing env.ts without a TypeScript loader', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lgtm-tsimport-'));
    mkdirSync(join(root, 'environments', 'a'), { recursive: true });
    writeFileSync(join(root, 'environments', 'shared.ts'), "export const size: number = 1;\n");
    writeFileSync(join(root, 'environments', 'a', 'env.ts'), "import { size } from '../shared';\nconst n: number = size + 1;\nexport default { n };\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('bundles it once, and again when any file it reads changes', async () => {
    const load = tsImporter(root);
    expect(((await load(join(root, 'environments/a/env.ts'))) as { default: { n: number } }).default.n).toBe(2);
    // A second importer (a new process) finds the cached bundle; a change to an imported file rebuilds it.
    writeFileSync(join(root, 'environments', 'shared.ts'), "export const size: number = 41;\n");
    const again = tsImporter(root);
    expect(((await again(join(root, 'environments/a/env.ts'))) as { default: { n: number } }).default.n).toBe(42);
    expect(JSON.parse(readFileSync(join(root, '.cache/ts-modules', execFileSync('ls', [join(root, '.cache/ts-modules')]).toString().split('\n').find((f) => f.endsWith('.json'))!), 'utf8')).inputs).toHaveProperty(['environments/shared.ts']);
  });
});
