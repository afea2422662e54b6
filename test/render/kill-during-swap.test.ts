// A render killed at any point of its swap (SIGKILL, injected after the N-th rename) leaves a
// journal; `render --check` then says so, and the next `render` finishes the swap: the tree ends
// up exactly as a render that was never interrupted, with nothing left beside it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

test('every kill point of the swap is recovered by the next render', () => {
  const copy = mkdtempSync(join(tmpdir(), 'lgtm-kill-'));
  try {
    for (const d of ['apps', 'lib', 'render', 'harness', 'bin']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(copy, f));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const run = (failpoint: string | undefined, ...args: string[]) =>
      spawnSync(process.execPath, [join(copy, 'bin/lgtm.mjs'), ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, LGTM_FAILPOINT: failpoint ?? '' } });
    // A change every environment renders differently: a default size (manifests and README of each).
    const reset = () => {
      rmSync(join(copy, 'environments'), { recursive: true, force: true });
      cpSync(join(ROOT, 'environments'), join(copy, 'environments'), { recursive: true });
      const defaults = join(copy, 'environments/defaults.ts');
      writeFileSync(defaults, readFileSync(defaults, 'utf8').replace("pushgateway: size('10m', '32Mi', '128Mi')", "pushgateway: size('10m', '48Mi', '128Mi')"));
    };
    reset();
    const expected = run(undefined, 'render');
    expect(expected.status).toBe(0);
    const snapshot = (dir: string): Record<string, string> => {
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
    };
    const want = snapshot(join(copy, 'environments'));

    let killed = 0;
    for (let n = 1; ; n++) {
      reset();
      const r = run(`swap:${n}`, 'render');
      if (r.signal !== 'SIGKILL') {
        expect(r.status).toBe(0); // past the last rename: nothing to kill
        break;
      }
      killed++;
      const check = run(undefined, 'render', '--check');
      expect([n, check.status, check.stderr]).toEqual([n, 1, expect.stringContaining('a render was interrupted while it replaced files')]);
      const again = run(undefined, 'render');
      expect([n, again.status, again.stderr]).toEqual([n, 0, expect.stringContaining('finished an interrupted render')]);
      expect([n, run(undefined, 'render', '--check').status]).toEqual([n, 0]);
      expect(snapshot(join(copy, 'environments'))).toEqual(want);
      expect(existsSync(join(copy, '.render-journal.json'))).toBe(false);
    }
    // Two renames per changed path, and every environment changed.
    expect(killed).toBeGreaterThanOrEqual(4);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 300_000);
