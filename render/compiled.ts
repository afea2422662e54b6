// The entry of the compiled CLI (bin/lgtm.mjs builds it into dist/ with esbuild): the same `main`,
// with environments imported through the cache of bundled TypeScript modules instead of a loader.
import { setModuleImporter } from '../lib/env/importer';
import { main, processIo } from './cli';
import { tsImporter } from './ts-import';
import { setFleetWorker } from './fleet/worker-script';
import { setCompiledCode } from './fleet/keys';
import { readFileSync } from 'node:fs';

/** How much of its command the run ran, for bin/load-compiled.mjs's code cache (render/run-extent.ts). */
export { runExtent } from './run-extent';

/** `importUrl`: the import() of an ES module, which the compiled bundle cannot make itself (bin/load-compiled.mjs). */
export function compiledMain(argv: string[], root: string, importUrl: (url: string) => Promise<unknown>): Promise<number> {
  setModuleImporter(tsImporter(root, undefined, importUrl));
  // The worker entry is bundled beside this file (bin/compile.mjs).
  setFleetWorker(new URL('./fleet-worker.mjs', import.meta.url));
  // What the render cache keys the code by: the digest of this bundle, recorded when it was built.
  setCompiledCode(readFileSync(new URL('./digest', import.meta.url), 'utf8').trim());
  return main(argv, processIo(root));
}
