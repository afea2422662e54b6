// Runs a bundle of the compiled CLI (dist/<stamp>/<entry>.cjs, built by bin/compile.mjs) with V8's
// code cache. Node 20 compiles every ES module from its source at each start (module.enableCompileCache
// came with Node 22), which was the largest part of a cold `lgtm render --check`. A script compiled
// with vm.Script can be given the code V8 produced last time instead: the bundles are CommonJS for
// that reason, and the cache is made after the first run that used it, so it holds the functions that
// run actually compiled, not only the top level.
//
// One cache per entry and `key` (the command: `render` compiles other functions than `fmt`), in
// dist/<stamp>/v8/, beside the immutable bundle it belongs to; compile.mjs removes both together.
// A run that took its command's fast path (render/run-extent.ts: everything answered from the render
// cache) makes a partial cache, used until a full run of the command makes the full one: V8 cannot
// add to a cache, and one made from the fast path would leave every full run compiling from source.
// V8 checks a cache against its own version, flags and the source, and rejects one that does not
// fit: then the script compiles from source and the cache is made again. Writing it is best effort
// (a read-only checkout runs as before, without one).
//
// A script has no import(): Node resolves one only through a callback given to vm.Script, and on
// Node 20 that callback is not restored with code from a cache. So esbuild turns every import() of
// a bundle into a require() (bin/compile.mjs), and what must be imported as an ES module at run time
// (an environment's bundled env.ts) goes through the `importUrl` its entry is given.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** An import() made here, in an ES module, for the bundles to call. */
export const importUrl = (url) => import(url);

/**
 * Loads `dir/<entry>.cjs` with its code cache and returns its exports, and `saveCache`, to call when
 * the work is done: it writes the cache when this run can improve on the one it loaded, once. How much
 * the run ran is the bundle's to say (its `runExtent()`, render/run-extent.ts); an entry without
 * one always runs in full.
 */
export function loadCompiled(dir, entry, key = entry) {
  const file = join(dir, `${entry}.cjs`);
  const base = join(dir, 'v8', `${entry}-${/^[a-z][a-z0-9-]{0,30}$/.test(key) ? key : 'other'}`);
  const cacheFiles = { full: `${base}.bin`, partial: `${base}.partial.bin` };
  let cachedData;
  let loaded;
  for (const extent of /** @type {const} */ (['full', 'partial'])) {
    try {
      cachedData = readFileSync(cacheFiles[extent]);
      loaded = extent;
      break;
    } catch {
      // none of this extent
    }
  }
  // Read as Latin-1: a one-byte string, without UTF-8 decoding (about 10 ms for this size). esbuild
  // escapes every non-ASCII character in code (bin/compile.mjs); the few left are in comments, where
  // reading their bytes as Latin-1 changes nothing that runs, nor any line break.
  const source = readFileSync(file, 'latin1');
  // The wrapper on a line of its own, and lineOffset -1, keep stack positions those of the file, so
  // its source map (read by bin/lgtm.mjs for errors) applies.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
  if (script.cachedDataRejected === true) loaded = undefined;
  let saved = false;
  /** Writes the cache this run can improve on: none loaded, or a partial one and this run was full. */
  const saveCache = () => {
    const extent = module.exports.runExtent?.() ?? 'full';
    if (saved || loaded === 'full' || (loaded === 'partial' && extent === 'partial')) return;
    saved = true;
    const target = cacheFiles[extent];
    const tmp = `${target}.${process.pid}-${threadId}.tmp`;
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, target);
      if (extent !== 'partial') rmSync(cacheFiles.partial, { force: true }); // superseded
    } catch {
      // Best effort: the next run compiles from source again. The temporary file may not even be
      // removable (its folder could not be made), which is no reason to fail the command either.
      try {
        rmSync(tmp, { force: true });
      } catch {}
    }
  };
  return { exports: module.exports, saveCache };
}

/** A render worker thread (dist/<stamp>/fleet-worker.mjs calls this with its folder). */
export function runFleetWorker(dirUrl) {
  const { exports, saveCache } = loadCompiled(fileURLToPath(dirUrl), 'fleet-worker');
  // A worker ends by process.exit() when its pool closes it (render/fleet/pool.ts).
  process.on('exit', saveCache);
  exports.serveRenderTasks(importUrl);
}
