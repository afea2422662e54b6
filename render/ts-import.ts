// Imports a TypeScript module (an environment's env.ts, the shared defaults) without a TypeScript
// loader in the process: esbuild bundles it into plain JavaScript under .cache/ts-modules, keyed
// by the content of every file it reads, and later runs import that file directly. The compiled
// CLI uses this so that only the environments, not the whole program, are TypeScript. The files a
// bundle read are also what an environment's render cache entry is keyed by (render/fleet/keys.ts).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeAtomic } from './atomic';
import { sha } from './digest';

interface Manifest {
  /** Repository-relative input path → sha256 of its content when the bundle was made. */
  inputs: Record<string, string>;
  bundle: string;
}

export interface ModuleBundle {
  /** Absolute path of the bundled JavaScript. */
  bundle: string;
  /** Every file the module read (repository-relative), with the sha256 of its content. */
  inputs: Record<string, string>;
}


/** Content digests of files, each read once however many bundles share it (the defaults). */
function digester(root: string): (path: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (path) => {
    if (!seen.has(path)) {
      const abs = join(root, path);
      seen.set(path, existsSync(abs) ? sha(readFileSync(abs)) : undefined);
    }
    return seen.get(path);
  };
}


type Esbuild = typeof import('esbuild');

async function loadEsbuild(): Promise<Esbuild> {
  const mod = (await import('esbuild')) as Esbuild & { default?: Esbuild };
  return mod.default ?? mod;
}

/**
 * Every file an entry point read: the files it imports, and theirs, whether or not any of their
 * code is left in the bundle (an import whose value goes unused still decided what the module is).
 */
function readBy(metafile: import('esbuild').Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const imp of metafile.inputs[queue.pop()!]?.imports ?? []) {
      if (imp.external || seen.has(imp.path) || !(imp.path in metafile.inputs)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return [...seen].sort();
}

const defaultCacheDir = (root: string) => join(root, '.cache', 'ts-modules');

/**
 * Bundles for the given TypeScript files (absolute paths), reusing every bundle whose inputs are
 * unchanged and building the others in one esbuild run (unless `buildStale` is false: then only the
 * fresh ones come back). A file esbuild cannot build gets no entry:
 * importing it reports the error in the words of the file that has it.
 */
export async function bundleModules(root: string, files: readonly string[], cacheDir = defaultCacheDir(root), buildStale = true): Promise<Map<string, ModuleBundle>> {
  const digest = digester(root);
  const out = new Map<string, ModuleBundle>();
  const stale: string[] = [];
  for (const file of files) {
    const manifestPath = join(cacheDir, `${sha(relative(root, file)).slice(0, 16)}.json`);
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const fresh = existsSync(join(cacheDir, m.bundle)) && Object.entries(m.inputs).every(([p, d]) => digest(p) === d);
      if (fresh) {
        out.set(file, { bundle: join(cacheDir, m.bundle), inputs: m.inputs });
        continue;
      }
    } catch {
      // No manifest yet, or one cut short: build it.
    }
    stale.push(file);
  }
  if (stale.length === 0 || !buildStale) return out;
  const esbuild = await loadEsbuild();
  const build = (entryPoints: string[]) => {
    return esbuild.buildSync({ entryPoints, bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, packages: 'external', logLevel: 'silent', absWorkingDir: root, outdir: join(cacheDir, '.build'), outbase: root });
  };
  let results: ReturnType<typeof build>[];
  try {
    results = [build(stale)];
  } catch {
    // One file does not build: build the others one by one, so it costs only its own entry.
    results = stale.flatMap((f) => {
      try {
        return [build([f])];
      } catch {
        return [];
      }
    });
  }
  mkdirSync(cacheDir, { recursive: true });
  for (const result of results) {
    for (const output of result.outputFiles) {
      const meta = result.metafile.outputs[relative(root, output.path)];
      if (!meta?.entryPoint) continue;
      const file = resolve(root, meta.entryPoint);
      const inputs = Object.fromEntries(readBy(result.metafile, meta.entryPoint).map((p) => [p, digest(p)!]));
      const bundle = `${sha(output.text).slice(0, 16)}.mjs`;
      if (!existsSync(join(cacheDir, bundle))) writeAtomic(join(cacheDir, bundle), output.text);
      writeAtomic(join(cacheDir, `${sha(relative(root, file)).slice(0, 16)}.json`), JSON.stringify({ inputs, bundle } satisfies Manifest));
      out.set(file, { bundle: join(cacheDir, bundle), inputs });
    }
  }
  return out;
}

/**
 * Imports TypeScript modules through the bundle cache. `importUrl` does the import of the bundle: the
 * compiled CLI passes the import() of an ES module (bin/load-compiled.mjs), as its own code cannot.
 */
export function tsImporter(root: string, cacheDir = defaultCacheDir(root), importUrl: (url: string) => Promise<unknown> = (url) => import(url)): (file: string) => Promise<unknown> {
  return async (file) => {
    const abs = resolve(file);
    const found = (await bundleModules(root, [abs], cacheDir)).get(abs);
    if (found) return importUrl(pathToFileURL(found.bundle).href);
    // esbuild refused it: build once more to report its error in the file's own words.
    (await loadEsbuild()).buildSync({ entryPoints: [abs], bundle: true, platform: 'node', format: 'esm', write: false, packages: 'external', logLevel: 'silent', absWorkingDir: root });
    throw new Error(`${relative(root, abs)}: esbuild produced no bundle`);
  };
}
