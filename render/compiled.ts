// The entry of the compiled CLI (bin/lgtm.mjs builds it into dist/ with esbuild): the same `main`,
// with environments imported through the cache of bundled TypeScript modules instead of a loader.
import { setModuleImporter } from '../lib/env/load';
import { main, processIo } from './cli';
import { tsImporter } from './ts-import';
import { setFleetWorker } from './fleet/index';

export function compiledMain(argv: string[], root: string): Promise<number> {
  setModuleImporter(tsImporter(root));
  // The worker entry is bundled beside this file (bin/compile.mjs).
  setFleetWorker(new URL('./fleet-worker.mjs', import.meta.url));
  return main(argv, processIo(root));
}
