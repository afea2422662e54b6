// An app that throws while it loads (or any error nothing handles) is one line naming the source
// file and line, exit 3, as for any evaluation failure; the stack trace only with --debug. A
// process ended early with status 0 never passes for a check.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../../lib/env/load';
import { fullCopy } from '../helpers/tmp-repo';

test('a broken app at load: one line with its file and line, exit 3; --debug shows the stack', () => {
  const copy = fullCopy();
  try {
    const file = join(copy.root, 'apps/pushgateway/index.ts');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('export '));
    lines.splice(at, 0, 'const broken = (() => { throw new Error("the pushgateway app failed to load"); })();');
    writeFileSync(file, lines.join('\n'));
    const r = copy.run(['render', '--check']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`lgtm: apps/pushgateway/index.ts:${at + 1}: the pushgateway app failed to load (run again with --debug for the stack trace)\n`);
    const d = copy.run(['render', '--check', '--debug']);
    expect(d.status).toBe(3);
    expect(d.stderr).toMatch(/^Error: the pushgateway app failed to load\n\s+at .*apps\/pushgateway\/index\.ts:\d+/);
  } finally {
    copy.cleanup();
  }
}, 120_000);

test('an env.ts that calls process.exit(0) does not make render --check pass', () => {
  const copy = fullCopy();
  try {
    const [name] = environmentNames(copy.root);
    // An env.ts that ends the process with success while the check is still running.
    const file = join(copy.root, 'environments', name!, 'env.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nsetTimeout(() => process.exit(0), 0);\n`);
    const r = copy.run(['render', '--check']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('the process was ended before the command finished');
  } finally {
    copy.cleanup();
  }
}, 120_000);

test('no environment at all is an error, not "0 files up to date"', () => {
  const copy = fullCopy();
  try {
    for (const name of environmentNames(copy.root)) rmSync(join(copy.root, 'environments', name), { recursive: true });
    const r = copy.run(['render', '--check']);
    expect([r.status, r.stderr]).toEqual([3, expect.stringContaining('no environment: create environments/<name>/env.ts')]);
  } finally {
    copy.cleanup();
  }
}, 120_000);
