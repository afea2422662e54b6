// A render killed at any point of its swap (SIGKILL, injected after the N-th rename) leaves a
// journal; `render --check` then says so, and the next `render` finishes the swap: the tree ends
// up exactly as a render that was never interrupted, with nothing left beside it.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullCopy } from '../helpers/tmp-repo';

const ROOT = new URL('../..', import.meta.url).pathname;

test('every kill point of the swap is recovered by the next render', () => {
  const full = fullCopy();
  const copy = full.root;
  try {
    const run = (failpoint: string | undefined, ...args: string[]) => full.run(args, { LGTM_FAILPOINT: failpoint ?? '' });
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
    full.cleanup();
  }
}, 300_000);
