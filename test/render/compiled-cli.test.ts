// The compiled CLI (bin/lgtm.mjs running dist/, built by bin/compile.mjs) behaves exactly as the
// TypeScript sources do under tsx: same output, same exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImporter } from '../../render/ts-import';
import { fullCopy } from '../helpers/tmp-repo';

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

describe("V8's code cache of the compiled CLI (bin/load-compiled.mjs)", () => {
  const copy = fullCopy();
  afterAll(() => copy.cleanup());
  const cacheOf = (name: string) => {
    const dist = join(copy.root, 'dist', readdirSync(join(copy.root, 'dist')).find((d) => !d.startsWith('.'))!);
    return join(dist, 'v8', name);
  };
  const check = () => {
    const r = copy.run(['render', '--check', '--no-cache']);
    return { code: r.status, out: r.stdout };
  };

  test('the first run of a command makes its cache; the next runs from it, as V8 keeps it unchanged', () => {
    const first = check();
    expect(first).toEqual({ code: 0, out: expect.stringContaining('are up to date') });
    const made = statSync(cacheOf('compiled-render.bin'));
    expect(made.size).toBeGreaterThan(100_000);
    expect(check()).toEqual(first);
    // Rewritten only when V8 refused it: an accepted cache keeps its bytes and its time.
    expect(statSync(cacheOf('compiled-render.bin')).mtimeMs).toBe(made.mtimeMs);
    // Each command has its own: --help compiles other functions than render.
    expect(copy.run(['--help']).status).toBe(0);
    expect(statSync(cacheOf('compiled-help.bin')).size).toBeLessThan(made.size);
    // A misspelt command (exit 2) leaves none.
    expect(copy.run(['rendr']).status).toBe(2);
    expect(existsSync(cacheOf('compiled-rendr.bin'))).toBe(false);
  }, 120_000);

  test('a run answered from the render cache makes a partial cache, which the next full run replaces', () => {
    const fast = () => copy.run(['render', '--check']);
    expect(fast().status).toBe(0); // fills the render cache
    rmSync(cacheOf(''), { recursive: true, force: true });
    expect(fast().stdout).toMatch(/\(\d+ from the cache, 0 rendered\)/);
    const partial = cacheOf('compiled-render.partial.bin');
    const full = cacheOf('compiled-render.bin');
    expect([existsSync(partial), existsSync(full)]).toEqual([true, false]);
    // Another fast run has nothing to add.
    const made = statSync(partial).mtimeMs;
    expect(fast().status).toBe(0);
    expect(statSync(partial).mtimeMs).toBe(made);
    // A full run makes the full cache, which runs of either kind load from then on.
    expect(check().code).toBe(0);
    expect([existsSync(partial), existsSync(full)]).toEqual([false, true]);
    const fullMade = statSync(full).mtimeMs;
    expect(fast().status).toBe(0);
    expect(statSync(full).mtimeMs).toBe(fullMade);
  }, 120_000);

  test('a cache that cannot be written (no room for its folder) costs nothing but the cache', () => {
    expect(copy.run(['--help']).status).toBe(0); // builds the copy's compiled CLI
    const folder = cacheOf('');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder\n'); // mkdir and every write under it fail, also for root
    try {
      const r = copy.run(['envs']);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(readdirSync(join(folder, '..')).filter((f) => f.includes('.tmp'))).toEqual([]);
    } finally {
      rmSync(folder, { force: true });
    }
  }, 120_000);

  test('a cache V8 refuses (another Node, a damaged file) is compiled past and made again', () => {
    const before = check();
    writeFileSync(cacheOf('compiled-render.bin'), Buffer.alloc(4096, 7));
    expect(check()).toEqual(before);
    expect(statSync(cacheOf('compiled-render.bin')).size).toBeGreaterThan(100_000);
  }, 120_000);
});
