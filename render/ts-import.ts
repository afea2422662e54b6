// Imports a TypeScript module (an environment's env.ts, the shared defaults) without a TypeScript
// loader in the process: esbuild bundles it once into plain JavaScript under .cache/ts-modules,
// keyed by the content of every file it reads, and later runs import that file directly. The
// compiled CLI uses this so that only the environments, not the whole program, are TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Manifest {
  /** Repository-relative input path → sha256 of its content when the bundle was made. */
  inputs: Record<string, string>;
  bundle: string;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function fresh(root: string, m: Manifest): boolean {
  for (const [path, digest] of Object.entries(m.inputs)) {
    const abs = join(root, path);
    if (!existsSync(abs) || sha(readFileSync(abs)) !== digest) return false;
  }
  return true;
}

export function tsImporter(root: string, cacheDir = join(root, '.cache', 'ts-modules')): (file: string) => Promise<unknown> {
  return async (file) => {
    const abs = resolve(file);
    const manifestPath = join(cacheDir, `${sha(relative(root, abs)).slice(0, 16)}.json`);
    let manifest: Manifest | undefined;
    if (existsSync(manifestPath)) {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (existsSync(join(cacheDir, m.bundle)) && fresh(root, m)) manifest = m;
    }
    if (!manifest) {
      const esbuild = (await import('esbuild')) as typeof import('esbuild') & { default?: typeof import('esbuild') };
      const buildSync = esbuild.buildSync ?? esbuild.default!.buildSync;
      const result = buildSync({ entryPoints: [abs], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, packages: 'external', logLevel: 'silent', absWorkingDir: root });
      const code = result.outputFiles[0]!.text;
      const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((p) => [p, sha(readFileSync(join(root, p)))]));
      const bundle = `${sha(code).slice(0, 16)}.mjs`;
      mkdirSync(cacheDir, { recursive: true });
      if (!existsSync(join(cacheDir, bundle))) {
        const tmp = join(cacheDir, `${bundle}.${process.pid}.tmp`);
        writeFileSync(tmp, code);
        renameSync(tmp, join(cacheDir, bundle));
      }
      manifest = { inputs, bundle };
      const tmp = `${manifestPath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(manifest));
      renameSync(tmp, manifestPath);
    }
    return import(pathToFileURL(join(cacheDir, manifest.bundle)).href);
  };
}
