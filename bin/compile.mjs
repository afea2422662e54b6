// Builds the compiled CLI: render/compiled.ts and everything it imports, bundled by esbuild into
// dist/<stamp>/ (code split, so a command loads only its own modules), rebuilt when any source
// file changes. Plain JavaScript: it runs before anything is compiled.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['apps', 'lib', 'render', 'harness'];

/** A digest of every source file's path, size and modification time: cheap, and changes with any edit. */
export function sourceStamp(root) {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|json)$/.test(e.name)) {
        // A symlink counts by where it points and, when that exists, by what is there; a dangling
        // one (an untracked leftover) must not stop the CLI.
        const link = e.isSymbolicLink() ? readlinkSync(p) : '';
        let s;
        try {
          s = statSync(p);
        } catch {
          s = { size: -1, mtimeMs: -1 };
        }
        h.update(`${p}\0${link}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of SOURCES) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of ['package-lock.json', 'bin/compile.mjs']) if (existsSync(join(root, f))) h.update(`${f}\0${statSync(join(root, f)).mtimeMs}\n`);
  return h.digest('hex').slice(0, 16);
}

/** sha256 over every file of a folder, by relative path and content. */
function treeDigest(dir) {
  const h = createHash('sha256');
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else h.update(`${p}\0`).update(createHash('sha256').update(readFileSync(join(dir, p))).digest()).update('\0');
    }
  };
  walk('');
  return h.digest('hex');
}

/** The folder of the compiled CLI for the current sources, building it first when needed. */
export async function compiledCli(root) {
  const stamp = sourceStamp(root);
  const dir = join(root, 'dist', stamp);
  if (existsSync(join(dir, 'compiled.mjs'))) return dir;
  const { build } = await import('esbuild');
  const tmp = join(root, 'dist', `.tmp-${process.pid}-${stamp}`);
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { compiled: join(root, 'render/compiled.ts'), 'fleet-worker': join(root, 'render/fleet/worker.ts'), hook: join(root, 'render/hook.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // Stack traces name the TypeScript source (bin/lgtm.mjs turns source maps on).
    sourcemap: true,
    // Maps without the sources in them: Node parses every map at load, and only needs positions.
    sourcesContent: false,
    // CommonJS dependencies bundled into ESM still call require().
    banner: { js: "import { createRequire as __lgtmRequire } from 'node:module'; const require = __lgtmRequire(import.meta.url);" },
    // esbuild finds its native binary next to its own package; it stays a dependency, not bundled.
    external: ['esbuild'],
    logLevel: 'error',
  });
  // Files that read data next to themselves (new URL('./…', import.meta.url)) find it beside the bundle.
  mkdirSync(join(tmp, 'schema'), { recursive: true });
  cpSync(join(root, 'lib/alloy/schema/components.json'), join(tmp, 'schema/components.json'));
  // The digest of everything the program runs (the render cache's key for the code), taken before
  // the stamp goes in: the stamp follows modification times, the digest only content.
  // The lockfile counts too: it names the dependencies the bundle was built from.
  writeFileSync(join(tmp, 'digest'), `${treeDigest(tmp)} ${createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex')}\n`);
  writeFileSync(join(tmp, 'stamp'), `${stamp}\n`);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process built the same stamp first
  }
  for (const old of readdirSync(join(root, 'dist'))) if (old !== stamp && !old.startsWith('.tmp-')) rmSync(join(root, 'dist', old), { recursive: true, force: true });
  return dir;
}
