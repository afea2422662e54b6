#!/usr/bin/env node
// Entry point of the `lgtm` CLI. It runs the compiled CLI (dist/, rebuilt by bin/compile.mjs when a
// source changes); env.ts files are imported through a cache of bundled modules, so no TypeScript
// loader starts. LGTM_TSX=1 runs the sources through tsx instead (and `bench`, which imports
// bench/*.ts by path, always does).
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Source maps are read only when an error needs its place in the sources (below): Node parsing
// every map at load would cost each run tens of milliseconds. Node does not apply them to the
// compiled bundles (scripts run by bin/load-compiled.mjs), so sourceStack maps those frames itself.
if (process.argv.includes('--debug') || process.env.LGTM_DEBUG === '1') process.setSourceMapsEnabled(true);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const debug = process.argv.includes('--debug') || process.env.LGTM_DEBUG === '1';
const argv = process.argv.slice(2).filter((a) => a !== '--debug');

const maps = new Map();
/** A stack frame's file, line and column in this repository's sources: a frame in dist/ through its map. */
function sourceOf(file, line, column) {
  const path = file.replace('file://', '');
  if (!path.includes('/dist/')) return { path, line, column };
  try {
    if (!maps.has(path)) maps.set(path, new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))));
    const entry = maps.get(path).findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    return { path: fileURLToPath(new URL(entry.originalSource, pathToFileURL(path))), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined;
  }
}

/** A stack trace with its frames in dist/ pointing at the TypeScript sources. */
function sourceStack(stack) {
  return stack.replace(/((?:file:\/\/)?\/[^\s()]*\/dist\/[^\s()]+):(\d+):(\d+)/g, (frame, file, line, column) => {
    const s = sourceOf(file, Number(line), Number(column));
    return s ? `${s.path}:${s.line}:${s.column}` : frame;
  });
}

/**
 * An error nothing else handled (an app that throws while it loads, a bug): one line naming where
 * it happened in this repository, exit 3 as for any evaluation failure; the stack with --debug.
 */
function fail(e) {
  if (debug) {
    process.stderr.write(`${sourceStack(String(e?.stack ?? e))}\n`);
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
    const { importUrl, loadCompiled } = await import('./load-compiled.mjs');
    const dir = await compiledCli(root);
    // One code cache per command: each compiles its own part of the bundle.
    const { exports, saveCache } = loadCompiled(dir, 'compiled', argv[0]?.startsWith('-') || argv[0] === undefined ? 'help' : argv[0]);
    process.exitCode = await exports.compiledMain(argv, root, importUrl);
    // Not after a bad command line (exit 2): a misspelt command would leave a cache of its own.
    if (process.exitCode <= 1) saveCache();
  }
} catch (e) {
  fail(e);
}
finished = true;
