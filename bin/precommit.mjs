#!/usr/bin/env node
// The pre-commit hook's check, fast on an unchanged tree: when the render cache (render/cache.mjs)
// matches every input and every generated file still has the content that render produced, the
// tree is current and nothing else needs loading. Anything else — a miss, a difference — hands over
// to `lgtm render --check --cached`, which renders and explains. Never decides "stale" by itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsKey, matchesDigest, readCache } from '../render/cache.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} rel @param {string[]} out */
function walk(rel, out) {
  const abs = join(root, rel);
  if (!existsSync(abs)) return;
  if (!statSync(abs).isDirectory()) {
    out.push(rel);
    return;
  }
  for (const name of readdirSync(abs)) walk(`${rel}/${name}`, out);
}

function current() {
  const key = inputsKey(root);
  const cache = key && readCache(root, key);
  if (!cache) return false;
  const onDisk = [];
  for (const owned of cache.ownedPaths) walk(owned, onDisk);
  // Owned paths of removed environments show up as folders the cache does not know.
  const envDirs = readdirSync(join(root, 'environments'), { withFileTypes: true }).filter((d) => d.isDirectory());
  if (envDirs.some((d) => !existsSync(join(root, 'environments', d.name, 'env.ts')) && ['manifests', 'alloy'].some((o) => existsSync(join(root, 'environments', d.name, o))))) return false;
  if (onDisk.length !== Object.keys(cache.files).length) return false;
  for (const path of onDisk) {
    const digest = cache.files[path];
    if (digest === undefined || !matchesDigest(readFileSync(join(root, path), 'utf8'), digest)) return false;
  }
  // Warnings were printed by the render that made this cache, and CI prints them again; repeating
  // them at every commit would bury the new ones, so the hook only counts them.
  const note = cache.warnings.length ? ` (${cache.warnings.length} warning(s) from the last render; lgtm render shows them)` : '';
  process.stdout.write(`lgtm render --check: ${onDisk.length} files are up to date${note}\n`);
  return true;
}

if (!current()) {
  try {
    execFileSync(process.execPath, [join(root, 'bin/lgtm.mjs'), 'render', '--check', '--cached'], { stdio: 'inherit', cwd: root });
  } catch (e) {
    process.exit(/** @type {{ status?: number }} */ (e).status ?? 1);
  }
}
