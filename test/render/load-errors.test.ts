// An app that throws while it loads (or any error nothing handles) is one line naming the source
// file and line, exit 3, as for any evaluation failure; the stack trace only with --debug.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

test('a broken app at load: one line with its file and line, exit 3; --debug shows the stack', () => {
  const copy = mkdtempSync(join(tmpdir(), 'lgtm-loaderr-'));
  try {
    for (const d of ['apps', 'lib', 'render', 'harness', 'bin', 'environments']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(copy, f));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const file = join(copy, 'apps/pushgateway/index.ts');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('export '));
    lines.splice(at, 0, 'const broken = (() => { throw new Error("the pushgateway app failed to load"); })();');
    writeFileSync(file, lines.join('\n'));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin/lgtm.mjs'), ...args], { cwd: copy, encoding: 'utf8' });
    const r = run('render', '--check');
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`lgtm: apps/pushgateway/index.ts:${at + 1}: the pushgateway app failed to load (run again with --debug for the stack trace)\n`);
    const d = run('render', '--check', '--debug');
    expect(d.status).toBe(3);
    expect(d.stderr).toMatch(/^Error: the pushgateway app failed to load\n\s+at .*apps\/pushgateway\/index\.ts:\d+/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 120_000);
