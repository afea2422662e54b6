#!/usr/bin/env node
// The pre-commit hook's check, fast on an unchanged tree: the compiled CLI's small `hook` entry
// (render/hook.ts) answers from the render cache when every environment's inputs, every generated
// file and the Git refs are as the last render left them. Anything else — a miss, a difference —
// hands over to `lgtm render --check`, which renders what changed and explains. Never decides
// "stale" by itself.
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCli } from './compile.mjs';
import { loadCompiled } from './load-compiled.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let line;
try {
  const dir = await compiledCli(root);
  const { exports, saveCache } = loadCompiled(dir, 'hook');
  line = await exports.currentTree(root);
  saveCache();
} catch {
  line = undefined; // the full check below reports whatever went wrong, in its own words
}
if (line) {
  process.stdout.write(line);
} else {
  try {
    execFileSync(process.execPath, [join(root, 'bin/lgtm.mjs'), 'render', '--check'], { stdio: 'inherit', cwd: root });
  } catch (e) {
    process.exit(/** @type {{ status?: number }} */ (e).status ?? 1);
  }
}
