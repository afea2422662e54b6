#!/usr/bin/env node
// Entry point of the `lgtm` CLI. It runs the compiled CLI (dist/, rebuilt by bin/compile.mjs when a
// source changes); env.ts files are imported through a cache of bundled modules, so no TypeScript
// loader starts. LGTM_TSX=1 runs the sources through tsx instead (and `bench`, which imports
// bench/*.ts by path, always does).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
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
