// A cache of what render produces, keyed by everything render reads, so that the pre-commit hook
// can answer `render --check` on an unchanged tree without evaluating any app (Tanka's
// --cache-path idea). The key covers the TypeScript sources, environments, the lockfile and the
// Git refs (the Alloy source check resolves revisions); anything else render reads would have to
// be added here. CI never uses it: a fresh clone has no cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderOutput } from './render';

export interface RenderCache {
  key: string;
  /** sha256 of each expected file's content, by repo-relative path. */
  files: Record<string, string>;
  ownedPaths: string[];
  warnings: string[];
}

const GENERATED = /^environments\/[^/]+\/(manifests|alloy)\/|^environments\/[^/]+\/README\.md$/;
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function cacheFile(root: string): string {
  return join(root, 'node_modules', '.cache', 'lgtm', `render-${sha(root).slice(0, 12)}.json`);
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
}

/** The key, or undefined when it cannot be computed (not a Git work tree): then never cache. */
export function inputsKey(root: string): string | undefined {
  let listed: string;
  let refs: string;
  try {
    listed = git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'apps', 'lib', 'render', 'environments', 'package-lock.json']);
    refs = git(root, ['for-each-ref', '--format=%(refname) %(objectname)']);
  } catch {
    return undefined;
  }
  const h = createHash('sha256');
  h.update(process.version).update('\0').update(refs).update('\0');
  for (const path of listed.split('\0').filter((p) => p !== '' && !GENERATED.test(p)).sort()) {
    const abs = join(root, path);
    if (!existsSync(abs)) continue; // deleted in the work tree but still in the index
    h.update(path).update('\0').update(readFileSync(abs)).update('\0');
  }
  return h.digest('hex');
}

export function readCache(root: string, key: string): RenderCache | undefined {
  try {
    const cache = JSON.parse(readFileSync(cacheFile(root), 'utf8')) as RenderCache;
    return cache.key === key ? cache : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(root: string, key: string, output: RenderOutput): void {
  const cache: RenderCache = {
    key,
    files: Object.fromEntries([...output.files].map(([p, c]) => [p, sha(c)])),
    ownedPaths: output.ownedPaths,
    warnings: output.warnings.map((w) => w.text),
  };
  const file = cacheFile(root);
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(cache));
    renameSync(`${file}.tmp`, file);
  } catch {
    // A read-only node_modules only costs speed.
  }
}

/** Whether a file on disk has the content a cached render expects. */
export const matchesDigest = (content: string, digest: string): boolean => sha(content) === digest;
