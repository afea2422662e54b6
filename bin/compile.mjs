// Builds the compiled CLI: render/compiled.ts and everything it imports, bundled by esbuild into
// dist/<stamp>/ (one CommonJS file per entry, run with V8's code cache by bin/load-compiled.mjs),
// rebuilt when any source file changes. Plain JavaScript: it runs before anything is compiled.
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
  for (const f of ['package-lock.json', 'bin/compile.mjs', 'bin/load-compiled.mjs']) if (existsSync(join(root, f))) h.update(`${f}\0${statSync(join(root, f)).mtimeMs}\n`);
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
  if (existsSync(join(dir, 'compiled.cjs'))) return dir;
  const { build } = await import('esbuild');
  const tmp = join(root, 'dist', `.tmp-${process.pid}-${stamp}`);
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { compiled: join(root, 'render/compiled.ts'), 'fleet-worker': join(root, 'render/fleet/worker.ts'), hook: join(root, 'render/hook.ts') },
    bundle: true,
    platform: 'node',
    // CommonJS, one self-contained file per entry: bin/load-compiled.mjs runs it with V8's code cache,
    // which Node 20 offers for scripts, not ES modules.
    format: 'cjs',
    target: 'node20',
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    // Non-ASCII characters in strings, templates and regular expressions as escapes (esbuild's
    // default, stated because bin/load-compiled.mjs reads the bundle as Latin-1); only comments keep theirs.
    charset: 'ascii',
    // No import() left in a bundle (bin/load-compiled.mjs says why): esbuild makes each a require().
    supported: { 'dynamic-import': false },
    // The module's own URL, for code that finds files next to itself (new URL('./…', import.meta.url)).
    banner: { js: 'var __lgtmModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__lgtmModuleUrl', 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
    // Stack traces name the TypeScript source (bin/lgtm.mjs maps them).
    sourcemap: true,
    // Maps without the sources in them: only positions are needed.
    sourcesContent: false,
    // esbuild finds its native binary next to its own package; it stays a dependency, not bundled.
    external: ['esbuild'],
    logLevel: 'error',
  });
  // Worker threads start from an ES module file: this one runs the worker bundle as the CLI runs its own.
  writeFileSync(join(tmp, 'fleet-worker.mjs'), "import { runFleetWorker } from '../../bin/load-compiled.mjs';\nrunFleetWorker(new URL('.', import.meta.url));\n");
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
