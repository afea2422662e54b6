// The render's guarantees under faults injected from outside the process with strace, at the
// system-call level (no cooperation from the code under test):
// - SIGKILL at every rename(2) a render makes (its caches, its journal, every swap of a path):
//   the next render finishes or undoes the interrupted one, and the tree ends up exactly as an
//   uninterrupted render leaves it, with nothing beside it;
// - SIGKILL while it stages the new tree: the check says a render was interrupted, the next undoes it;
// - two renders at once on a slow disk (every rename delayed): one waits for the other's lock,
//   both succeed, and the tree is the one render's result, in 20 trials out of 20.
// strace is a Debian package; .ci/run installs it, and this test fails without it rather than skip.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullCopy } from '../helpers/tmp-repo';

const ROOT = new URL('../..', import.meta.url).pathname;
const RENAMES = 'rename,renameat,renameat2';

function requireStrace(): void {
  const r = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('strace is not installed: apt-get install strace (the fault-injection test needs it)');
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Leftovers a render must never leave: its journal, its lock, staging or old copies of paths. */
function leftovers(root: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (/^\.render-|^\.lgtm-render/.test(e.name)) found.push(join(d, e.name).slice(root.length + 1));
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.cache' && e.name !== 'dist') walk(join(d, e.name));
    }
  };
  walk(root);
  return found;
}

describe('render under injected faults', () => {
  const full = fullCopy();
  const copy = full.root;
  /** strace's arguments to run `lgtm <args>` in the copy with the faults `inject` describes. */
  const straced = (inject: string[], args: string[]) => ['-f', '-qq', '-o', '/dev/null', ...inject, process.execPath, join(copy, 'bin/lgtm.mjs'), ...args];
  const node = (args: string[], inject: string[]) => spawnSync('strace', straced(inject, args), { cwd: copy, encoding: 'utf8' });
  const plain = (...args: string[]) => full.run(args);
  // A change every environment renders differently: a default size (manifests and README of each).
  const reset = () => {
    rmSync(join(copy, 'environments'), { recursive: true, force: true });
    cpSync(join(ROOT, 'environments'), join(copy, 'environments'), { recursive: true });
    const defaults = join(copy, 'environments/defaults.ts');
    writeFileSync(defaults, readFileSync(defaults, 'utf8').replace("pushgateway: size('10m', '32Mi', '128Mi')", "pushgateway: size('10m', '48Mi', '128Mi')"));
  };
  let want: Record<string, string>;

  beforeAll(() => {
    requireStrace();
    reset();
    expect(plain('render').status).toBe(0); // builds the compiled CLI too
    want = snapshot(join(copy, 'environments'));
  });
  afterAll(() => full.cleanup());

  test('a SIGKILL at any rename is recovered by the next render', () => {
    let killed = 0;
    for (let n = 1; n < 200; n++) {
      reset();
      // The bundled env.ts modules are rebuilt for the changed defaults: their cache's renames
      // are kill points too, with the render cache's, the journal's and every swap's.
      rmSync(join(copy, '.cache'), { recursive: true, force: true });
      const r = node(['render'], ['-e', `trace=${RENAMES}`, '-e', `inject=${RENAMES}:signal=KILL:when=${n}`]);
      if (r.status === 0) break; // past the last rename
      // strace ends itself with the signal that killed the render (or exits 128 + 9).
      expect([n, r.signal ?? r.status]).toEqual([n, r.signal ? 'SIGKILL' : 137]);
      killed++;
      // Until the next render, the check says the tree is not what Git renders.
      const check = plain('render', '--check');
      expect([n, check.status]).toEqual([n, 1]);
      const again = plain('render');
      expect([n, again.status]).toEqual([n, 0]);
      expect([n, plain('render', '--check').status]).toEqual([n, 0]);
      expect(snapshot(join(copy, 'environments'))).toEqual(want);
      expect([n, leftovers(copy)]).toEqual([n, []]);
    }
    // The module cache, the render cache, the journal and two renames per changed path.
    expect(killed).toBeGreaterThanOrEqual(10);
  }, 600_000);

  test('a SIGKILL while staging the new tree is seen by the check and undone by the next render', () => {
    const MKDIRS = 'mkdir,mkdirat';
    let staged = false;
    for (let n = 1; n < 400 && !staged; n++) {
      reset();
      const r = node(['render'], ['-e', `trace=${MKDIRS}`, '-e', `inject=${MKDIRS}:signal=KILL:when=${n}`]);
      if (r.status === 0) break; // past the last mkdir
      // Only kills after the first staging folder was made count: before it, the tree is merely old.
      staged = leftovers(copy).some((p) => /(^|\/)\.render-tmp-/.test(p));
      if (!staged) continue;
      const check = plain('render', '--check');
      expect([n, check.status, check.stderr]).toEqual([n, 1, expect.stringContaining('a render was interrupted')]);
      expect([n, plain('render').status]).toEqual([n, 0]);
      expect(snapshot(join(copy, 'environments'))).toEqual(want);
      expect([n, leftovers(copy)]).toEqual([n, []]);
    }
    expect(staged).toBe(true);
  }, 600_000);

  test('two renders at once on a slow disk: 20 trials, both succeed, the tree is whole', async () => {
    const slow = ['-e', `trace=${RENAMES}`, '-e', `inject=${RENAMES}:delay_enter=20000`];
    const run = () =>
      new Promise<number | null>((done) => {
        const p = spawn('strace', straced(slow, ['render']), { cwd: copy, stdio: 'ignore' });
        p.on('exit', (code) => done(code));
      });
    for (let trial = 1; trial <= 20; trial++) {
      reset();
      const codes = await Promise.all([run(), run()]);
      expect([trial, codes]).toEqual([trial, [0, 0]]);
      expect(snapshot(join(copy, 'environments'))).toEqual(want);
      expect([trial, leftovers(copy)]).toEqual([trial, []]);
    }
  }, 600_000);
});
