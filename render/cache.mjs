// A cache of what render produces, keyed by everything render reads, so that the pre-commit hook
// can answer `render --check` on an unchanged tree without evaluating any app (Tanka's
// --cache-path idea). The key covers the TypeScript sources, environments, the lockfile, the Node
// version and the Git refs (the Alloy source check resolves revisions); anything else render reads
// would have to be added here. CI never uses it: a fresh clone has no cache.
//
// Plain JavaScript on purpose: bin/precommit.mjs reads it without starting the TypeScript loader.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED = /^environments\/[^/]+\/(manifests|alloy)\/|^environments\/[^/]+\/README\.md$/;

/** @param {string | Buffer} text */
export const sha = (text) => createHash('sha256').update(text).digest('hex');

/** @param {string} root */
function cacheFile(root) {
  return join(root, 'node_modules', '.cache', 'lgtm', `render-${sha(root).slice(0, 12)}.json`);
}

/** @param {string} root @param {string[]} args */
function git(root, args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
}

/**
 * The key, or undefined when it cannot be computed (not a Git work tree): then never cache.
 * @param {string} root
 * @returns {string | undefined}
 */
export function inputsKey(root) {
  let listed;
  let refs;
  try {
    listed = git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'apps', 'lib', 'render', 'environments', 'package-lock.json']);
    refs = git(root, ['for-each-ref', '--format=%(refname) %(objectname)']);
  } catch {
    return undefined;
  }
  // The Alloy source check also reads which remotes point at the repository (its warnings change).
  let remotes = '';
  try {
    remotes = git(root, ['config', '--get-regexp', '^remote\\..*\\.url$']);
  } catch {
    // No remote at all: git exits 1, and the key records that as empty.
  }
  const h = createHash('sha256');
  h.update(process.version).update('\0').update(refs).update('\0').update(remotes).update('\0');
  for (const path of listed.split('\0').filter((p) => p !== '' && !GENERATED.test(p)).sort()) {
    const abs = join(root, path);
    let stat;
    try {
      stat = lstatSync(abs);
    } catch {
      continue; // deleted in the work tree but still in the index
    }
    h.update(path).update('\0');
    // A symlink (git tracks its target text) counts by its target and, through it, by the file it
    // reaches; one that dangles or reaches a folder must not stop the check.
    if (stat.isSymbolicLink()) h.update(`link:${readlinkSync(abs)}\0`);
    try {
      if (statSync(abs).isFile()) h.update(readFileSync(abs));
    } catch {
      // Dangling: the link text above is all there is.
    }
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * @param {string} root @param {string} key
 * @returns {import('./cache.d.mts').RenderCache | undefined}
 */
export function readCache(root, key) {
  try {
    const cache = JSON.parse(readFileSync(cacheFile(root), 'utf8'));
    return cache.key === key ? cache : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} root @param {import('./cache.d.mts').RenderCache} cache */
export function writeCache(root, cache) {
  const file = cacheFile(root);
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(cache));
    renameSync(`${file}.tmp`, file);
  } catch {
    // A read-only node_modules only costs speed.
  }
}

/** Whether a file on disk has the content a cached render expects. @param {string} content @param {string} digest */
export const matchesDigest = (content, digest) => sha(content) === digest;
