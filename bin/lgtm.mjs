#!/usr/bin/env node
// Entry point of the `lgtm` CLI. It runs the compiled CLI (dist/, rebuilt by bin/compile.mjs when a
// source changes); env.ts files are imported through a cache of bundled modules, so no TypeScript
// loader starts. LGTM_TSX=1 runs the sources through tsx instead (and `bench`, which imports
// bench/*.ts by path, always does).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Source maps are read only when an error needs its place in the sources (below): Node parsing
// every map at load would cost each run tens of milliseconds. --debug maps the whole stack.
if (process.argv.includes('--debug') || process.env.LGTM_DEBUG === '1') process.setSourceMapsEnabled(true);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const debug = process.argv.includes('--debug') || process.env.LGTM_DEBUG === '1';
const argv = process.argv.slice(2).filter((a) => a !== '--debug');

/**
 * An error nothing else handled (an app that throws while it loads, a bug): one line naming where
 * it happened in this repository, exit 3 as for any evaluation failure; the stack with --debug.
 */
/** A stack frame's file and line in this repository's sources: a frame in dist/ through its map. */
function sourceOf(file, line, column) {
  const path = file.replace('file://', '');
  if (!path.includes('/dist/')) return { path, line };
  try {
    const entry = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))).findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    return { path: fileURLToPath(new URL(entry.originalSource, pathToFileURL(path))), line: entry.originalLine + 1 };
  } catch {
    return undefined;
  }
}

function fail(e) {
  if (debug) {
    process.stderr.write(`${e?.stack ?? e}\n`);
  } else {
    const stack = String(e?.stack ?? '');
    const here = stack
      .split('\n')
      .map((l) => /\(?((?:file:\/\/)?\/[^\s()]+):(\d+):(\d+)\)?$/.exec(l.trim()))
      .map((m) => m && sourceOf(m[1], Number(m[2]), Number(m[3])))
      .find((s) => s && s.path.startsWith(`${root}/`) && !s.path.includes('/node_modules/') && !s.path.includes('/dist/'));
    const where = here ? `${here.path.slice(root.length + 1)}:${here.line}: ` : '';
    process.stderr.write(`lgtm: ${where}${e?.message ?? e} (run again with --debug for the stack trace)\n`);
  }
  process.exitCode = 3;
}

// A process that ends with status 0 before the command finished did not check anything: an env.ts
// or app that calls process.exit(0) must not make `render --check` pass.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('lgtm: the process was ended before the command finished (process.exit() called from an env.ts or an app?); nothing was checked\n');
  process.exitCode = 3;
});

try {
  if (process.env.LGTM_TSX === '1' || argv[0] === 'bench') {
    const { register } = await import('tsx/esm/api');
    register();
    const { main, processIo } = await import('../render/cli.ts');
    process.exitCode = await main(argv, processIo(root));
  } else {
    const { compiledCli } = await import('./compile.mjs');
    const dir = await compiledCli(root);
    const { compiledMain } = await import(pathToFileURL(join(dir, 'compiled.mjs')).href);
    process.exitCode = await compiledMain(argv, root);
  }
} catch (e) {
  fail(e);
}
finished = true;
