// The render cache of each environment: one JSON file per environment under .cache/render/, with
// the key it was made for, the environment's values (for the fleet checks), the digest of every
// file render produced, and the findings of the environment checks. An entry is replaced whole
// (written beside, then renamed), so a reader sees the old entry or the new, never half of one.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../atomic';
import type { CheckFinding } from '../../lib/checks';
import type { Environment } from '../../lib/env/types';
import type { DiskMemo } from '../tree';

export interface CacheEntry {
  key: string;
  env: Environment;
  /** [repository-relative path, sha256 of the content] of every file, in render's order. */
  files: [string, string][];
  findings: CheckFinding[];
  /** What the last comparison with the disk vouches for (render/tree.ts), so unchanged files are not read again. */
  verified?: DiskMemo;
}

export const dirOf = (root: string) => join(root, '.cache', 'render');
const fileOf = (root: string, name: string) => join(dirOf(root), `${name}.json`);

/** The entry for `name` when it was made for `key`; anything else (none, another key, unreadable) is a miss. */
export function readEntry(root: string, name: string, key: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(fileOf(root, name), 'utf8')) as CacheEntry;
    return entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

const KEY_PREFIX = '{"key":"';

/**
 * The key an entry was made for, from the head of its file alone (writeEntry puts it first): a
 * cheap look to tell which environments changed before any entry is read whole.
 */
export function entryKey(root: string, name: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(fileOf(root, name), 'r');
    const head = Buffer.alloc(KEY_PREFIX.length + 65);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.toString('latin1', 0, n);
    const end = text.indexOf('"', KEY_PREFIX.length);
    return text.startsWith(KEY_PREFIX) && end > 0 ? text.slice(KEY_PREFIX.length, end) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces a file of the cache whole: written beside, then renamed. */
export function writeCacheFile(root: string, file: string, text: string): void {
  try {
    mkdirSync(dirOf(root), { recursive: true });
    writeAtomic(join(dirOf(root), file), text);
  } catch {
    // A read-only checkout only costs speed.
  }
}

export function writeEntry(root: string, name: string, entry: CacheEntry): void {
  // The key first: entryKey reads it from the head of the file.
  const { key, ...rest } = entry;
  writeCacheFile(root, `${name}.json`, JSON.stringify({ key, ...rest }));
}

/** Removes the entries of environments that no longer exist. */
export function pruneEntries(root: string, live: readonly string[]): void {
  const keep = new Set(live.map((n) => `${n}.json`));
  let names: string[];
  try {
    names = readdirSync(dirOf(root));
  } catch {
    return;
  }
  for (const n of names) if (n.endsWith('.json') && !keep.has(n)) rmSync(join(dirOf(root), n), { force: true });
}
