// The per-environment render cache and the worker threads change how fast `lgtm render` is, never
// what it writes or finds: a render on threads with the cache gives the bytes of a serial render
// without it, and every input of an environment invalidates the entries that read it. These run
// the compiled CLI (the worker threads run its bundle) in a copy of the repository, with synthetic
// environments added so that there are enough to start threads.
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticEnvironments } from '../../bench/lib/fleet';
import { environmentNames } from '../../lib/env/load';
import { fullCopy, REPO } from '../helpers/tmp-repo';

const copy = fullCopy();
const root = copy.root;
afterAll(() => copy.cleanup());

// The synthetic environments are the ones the tests change; the repository's own stay as shipped.
const synthetic = writeSyntheticEnvironments(REPO, root, 8);
const [first, second] = synthetic as [string, string];
const names = environmentNames(root);

// One of them reads a second file of its own folder, which must count as its input.
writeFileSync(join(root, 'environments', second, 'note.ts'), "export const note = 'first';\n");
writeFileSync(join(root, 'environments', second, 'env.ts'), `import { note } from './note';\nvoid note;\n${readFileSync(join(root, 'environments', second, 'env.ts'), 'utf8')}`);

function run(...args: string[]) {
  const r = copy.run(args);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** What the summary line says about the cache and the threads. */
function how(out: string): { cached: number; rendered: number; on?: string } {
  const m = /\((\d+) from the cache, (\d+) rendered(?: on (.+?))?\)\n$/.exec(out);
  if (!m) throw new Error(`no cache figures in: ${out}`);
  return { cached: Number(m[1]), rendered: Number(m[2]), ...(m[3] ? { on: m[3] } : {}) };
}

/** Every generated file of every environment, with its bytes. */
function generated(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (!readdirSync(join(abs, '..')).includes(rel.split('/').pop()!)) return;
    try {
      for (const e of readdirSync(abs, { withFileTypes: true })) walk(`${rel}/${e.name}`);
    } catch {
      files.set(rel, readFileSync(abs, 'utf8'));
    }
  };
  for (const n of names) for (const owned of ['manifests', 'alloy', 'README.md']) walk(`environments/${n}/${owned}`);
  return files;
}

function removeGenerated(): void {
  for (const n of names) for (const owned of ['manifests', 'alloy', 'README.md']) rmSync(join(root, 'environments', n, owned), { recursive: true, force: true });
}

let serial: Map<string, string>;

beforeAll(() => {
  const r = run('render', '--jobs', '1', '--no-cache');
  expect(r.code).toBe(0);
  expect(how(r.out)).toEqual({ cached: 0, rendered: names.length, on: 'the main thread' });
  serial = generated();
  expect(serial.size).toBeGreaterThan(names.length * 10);
}, 300_000);

test('a render on two worker threads that fills the cache writes the bytes of a serial render without it', () => {
  removeGenerated();
  rmSync(join(root, '.cache', 'render'), { recursive: true, force: true });
  const r = run('render', '--jobs', '2');
  expect(r.code).toBe(0);
  expect(how(r.out)).toEqual({ cached: 0, rendered: names.length, on: '2 worker threads' });
  expect(generated()).toEqual(serial);
  // The next check renders nothing, and agrees.
  const check = run('render', '--check', '--jobs', '2');
  expect(check.code).toBe(0);
  expect(how(check.out)).toEqual({ cached: names.length, rendered: 0 });
}, 300_000);

test('an environment answered from the cache is still compared with the disk, and render repairs it', () => {
  expect(run('render').code).toBe(0);
  const file = join(root, 'environments', first, 'README.md');
  appendFileSync(file, 'hand edit\n');
  const check = run('render', '--check');
  expect(check.code).toBe(1);
  expect(check.err).toContain(`edited   environments/${first}/README.md`);
  const fix = run('render');
  expect(fix.code).toBe(0);
  // Only the edited environment is rendered again: its content is what the write needs.
  expect(how(fix.out)).toEqual({ cached: names.length - 1, rendered: 1, on: 'the main thread' });
  expect(generated()).toEqual(serial);
}, 300_000);

/** A change to one input, and how to undo it. */
interface Change {
  input: string;
  apply: () => void;
  /** The environments whose entries the change must invalidate. */
  invalidates: () => string[];
}

const edit = (path: string, change: (text: string) => string): (() => void) => () => writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));

const changes: Change[] = [
  { input: "an environment's env.ts", apply: edit(`environments/${first}/env.ts`, (t) => `${t}// reviewed\n`), invalidates: () => [first] },
  { input: 'a file only one env.ts imports', apply: edit(`environments/${second}/note.ts`, (t) => t.replace("'first'", "'second'")), invalidates: () => [second] },
  { input: 'the shared defaults', apply: edit('environments/defaults.ts', (t) => `${t}// reviewed\n`), invalidates: () => names },
  // A change of code that changes no output: only the key can tell.
  { input: 'the code of an app', apply: edit('apps/registry.ts', (t) => `${t}\n(globalThis as Record<string, unknown>).lgtmCacheTest = 1;\n`), invalidates: () => names },
  { input: 'the code of lib', apply: edit('lib/versions.ts', (t) => `${t}\n(globalThis as Record<string, unknown>).lgtmCacheTest = 2;\n`), invalidates: () => names },
  { input: 'the lockfile', apply: edit('package-lock.json', (t) => t.replace('"name": "lgtm-gitops"', '"name": "lgtm-gitops-cache-test"')), invalidates: () => names },
];

describe.each(changes)('$input', ({ apply, invalidates }) => {
  const saved = new Map<string, string>();
  const tracked = ['apps/registry.ts', 'lib/versions.ts', 'package-lock.json', 'environments/defaults.ts', `environments/${first}/env.ts`, `environments/${second}/note.ts`];
  beforeAll(() => {
    for (const p of tracked) saved.set(p, readFileSync(join(root, p), 'utf8'));
    expect(run('render').code).toBe(0);
    expect(how(run('render', '--check').out).rendered).toBe(0);
  }, 300_000);
  afterAll(() => {
    for (const [p, t] of saved) writeFileSync(join(root, p), t);
  });

  test('renders again exactly the environments that read it, with the same result', () => {
    apply();
    const check = run('render', '--check');
    expect(check.code).toBe(0);
    expect(how(check.out)).toMatchObject({ cached: names.length - invalidates().length, rendered: invalidates().length });
    expect(generated()).toEqual(serial);
  }, 300_000);
});

test('a changed image version makes every environment stale, though its env.ts did not change', () => {
  const versions = readFileSync(join(root, 'lib/versions.ts'), 'utf8');
  try {
    expect(run('render').code).toBe(0);
    writeFileSync(join(root, 'lib/versions.ts'), versions.replace(/tag: '([^']+)'/, "tag: '$1-cache-test'"));
    const check = run('render', '--check');
    expect(check.code).toBe(1);
    for (const n of names) expect(check.err).toContain(`stale    environments/${n}/`);
  } finally {
    writeFileSync(join(root, 'lib/versions.ts'), versions);
  }
}, 300_000);

test('checks across environments see the cached ones: two on one API server are refused', () => {
  expect(run('render').code).toBe(0);
  const env = `environments/${second}/env.ts`;
  const text = readFileSync(join(root, env), 'utf8');
  try {
    writeFileSync(join(root, env), text.replace(`https://${second}.clusters.example:6443`, `https://${first}.clusters.example:6443`));
    const r = run('render', '--check');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`environments/${first}/env.ts, environments/${second}/env.ts: cluster.server: all name https://${first}.clusters.example:6443`);
  } finally {
    writeFileSync(join(root, env), text);
  }
}, 300_000);

test('the entry of a removed environment goes with it', () => {
  expect(run('render').code).toBe(0);
  const last = synthetic[synthetic.length - 1]!;
  expect(existsSync(join(root, '.cache', 'render', `${last}.json`))).toBe(true);
  rmSync(join(root, 'environments', last), { recursive: true, force: true });
  expect(run('render').code).toBe(0);
  expect(existsSync(join(root, '.cache', 'render', `${last}.json`))).toBe(false);
}, 300_000);

test('--jobs takes a whole number of threads', () => {
  const r = run('render', '--check', '--jobs', 'two');
  expect(r.code).toBe(2);
  expect(r.err).toContain('--jobs "two": give a whole number of threads, 1 or more');
});

describe('comparing cached environments on a worker beside the main thread', () => {
  // The compiled worker of this copy, driven in-process with the thresholds lowered to one.
  const options = { thresholds: { offload: 2, render: 100 }, jobs: 2 };
  let renderFleet: typeof import('../../render/fleet/index').renderFleet;
  let dist: string;
  beforeAll(async () => {
    expect(run('--help').code).toBe(0); // builds the copy's compiled CLI
    dist = join(root, 'dist', readdirSync(join(root, 'dist')).find((d) => !d.startsWith('.'))!);
    ({ renderFleet } = await import('../../render/fleet/index'));
    const { setFleetWorker } = await import('../../render/fleet/worker-script');
    setFleetWorker(new URL(`file://${dist}/fleet-worker.mjs`));
    await renderFleet(root, { contents: false }); // entries for this process's code
  }, 300_000);
  afterAll(async () => (await import('../../render/fleet/worker-script')).setFleetWorker(undefined as unknown as URL));

  test('every environment is answered once, and a hand edit is found whichever thread compares it', async () => {
    // Other tests remove an environment: these read the folder as it is now.
    const live = environmentNames(root);
    const last = live[live.length - 1]!;
    const readme = join(root, 'environments', last, 'README.md');
    const text = readFileSync(readme, 'utf8');
    try {
      appendFileSync(readme, 'hand edit\n');
      const out = await renderFleet(root, { ...options, contents: false });
      expect(out.stats).toEqual({ cached: live.length, rendered: 0, workers: 0 });
      expect(out.drift).toEqual([{ kind: 'edited', path: `environments/${last}/README.md` }]);
    } finally {
      writeFileSync(readme, text);
    }
  }, 300_000);

  test('an environment whose env.ts changed renders on the worker, before it takes its turn at comparing', async () => {
    const live = environmentNames(root);
    const env = join(root, 'environments', live[live.length - 1]!, 'env.ts');
    const text = readFileSync(env, 'utf8');
    try {
      appendFileSync(env, '// reviewed\n');
      const out = await renderFleet(root, { ...options, contents: false });
      expect(out.stats).toEqual({ cached: live.length - 1, rendered: 1, workers: 1 });
      expect(out.drift).toEqual([]);
      // Its bundle was built where it rendered, and its key taken after: the next render answers it.
      const again = await renderFleet(root, { ...options, contents: false });
      expect(again.stats).toEqual({ cached: live.length, rendered: 0, workers: 0 });
      // The pool closed its worker rather than terminating it: its exit saved the worker's code cache.
      expect(existsSync(join(dist, 'v8', 'fleet-worker-fleet-worker.bin'))).toBe(true);
    } finally {
      writeFileSync(env, text);
    }
  }, 300_000);
});
