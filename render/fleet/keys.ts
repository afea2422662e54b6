// What an environment's render depends on, as one digest: its cache entry is valid only while
// this key is unchanged. Two parts: the code that renders (the program that is running, not the
// sources of the repository it renders: a test may render one repository with another's code),
// and the files the environment's env.ts read, as esbuild saw them when it bundled the module (its
// own folder, the defaults, anything else it imports). The compiled CLI's code is its bundle, whose
// digest bin/compile.mjs records; the TypeScript sources are apps/, lib/, render/ and the
// lockfile beside this file. The clone's Git refs are in no key: the checks that read them run at
// every render.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha } from '../digest';
import { bundleModules } from '../ts-import';


/** Whether a file on disk has the content whose digest the cache holds. */
export const matchesDigest = (content: string, digest: string): boolean => sha(content) === digest;

/** Bumped when the shape of a cache entry changes. */
export const CACHE_FORMAT = 2;

/** Folders whose every file is code that render runs, and single files that decide the rest. */
const CODE_DIRS = ['apps', 'lib', 'render'];
const CODE_FILES = ['package-lock.json'];

function walk(root: string, rel: string, out: string[]): void {
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(root, p, out);
    else out.push(p);
  }
}

let compiledCode: string | undefined;

/** The digest of the compiled program that is running (set by the compiled CLI's entry). */
export function setCompiledCode(digest: string): void {
  compiledCode = digest;
}

/** The repository holding the sources of this program. */
const SOURCE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The digest of the running code: a change anywhere in it misses every entry. `root` is where the
 * TypeScript sources are, when the program runs from them.
 */
export function codeDigest(root = SOURCE_ROOT): string {
  const h = createHash('sha256').update(`format ${CACHE_FORMAT}\0node ${process.version}\0`);
  if (compiledCode !== undefined) return h.update(`compiled ${compiledCode}`).digest('hex');
  const paths: string[] = [];
  for (const d of CODE_DIRS) if (existsSync(join(root, d))) walk(root, d, paths);
  for (const f of CODE_FILES) if (existsSync(join(root, f))) paths.push(f);
  for (const p of paths.sort()) {
    let content: Buffer;
    try {
      content = readFileSync(join(root, p));
    } catch {
      continue; // a dangling link: nothing render could read either
    }
    h.update(p).update('\0').update(createHash('sha256').update(content).digest()).update('\0');
  }
  return h.digest('hex');
}

/** The key of one environment: the code, and each file its env.ts read with its content digest. */
export function environmentKey(code: string, inputs: Readonly<Record<string, string>>): string {
  const h = createHash('sha256').update(code).update('\0');
  for (const p of Object.keys(inputs).sort()) h.update(p).update('\0').update(inputs[p]!).update('\0');
  return h.digest('hex');
}

/**
 * The key of each named environment whose env.ts bundles. With `buildStale` false (the pre-commit
 * hook), an env.ts whose bundle is out of date gets no key rather than a build.
 */
export async function environmentKeys(root: string, names: readonly string[], buildStale = true): Promise<Map<string, string>> {
  const files = names.map((n) => join(root, 'environments', n, 'env.ts'));
  const bundles = await bundleModules(root, files, undefined, buildStale);
  const code = codeDigest();
  const keys = new Map<string, string>();
  names.forEach((name, i) => {
    const bundle = bundles.get(files[i]!);
    if (bundle) keys.set(name, environmentKey(code, bundle.inputs));
  });
  return keys;
}
