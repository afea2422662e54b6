// Reading the owned part of the tree on disk and comparing it with a render.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../lib/env/names';
import { OWNED_PATHS } from './owned';
import { inspectGenerated } from './pipeline/header';

/** Every file under a repo-relative folder (or the file itself), as repo-relative paths, sorted. */
export function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [dir];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Owned paths of environment folders that no longer have an env.ts: the environment was
 * removed, so its generated output is stale. Only looked for when every environment is rendered.
 */
export function orphanedPaths(root: string): string[] {
  const dir = join(root, 'environments');
  if (!existsSync(dir)) return [];
  const live = new Set(environmentNames(root));
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || live.has(d.name)) continue;
    for (const owned of OWNED_PATHS) {
      if (existsSync(join(dir, d.name, owned))) out.push(`environments/${d.name}/${owned}`);
    }
  }
  return out.sort();
}

export type Drift =
  | { kind: 'missing'; path: string }
  | { kind: 'stale'; path: string }
  | { kind: 'edited'; path: string }
  | { kind: 'extra'; path: string };

/**
 * What a comparison learnt about the files it found as expected: each one's stat signature (size,
 * modification and change times, inode), and when it looked. A later comparison may trust a file
 * whose signature is the same instead of reading it, as Git trusts its index; but not a file that
 * was modified within RACY_MS of that look, since a second write within the same clock tick could
 * leave the signature as it was (Git's "racy clean" case).
 */
export interface DiskMemo {
  at: number;
  stats: Record<string, string>;
}

const RACY_MS = 2000;

function signature(abs: string): { sig: string; mtimeMs: number } | undefined {
  try {
    const st = statSync(abs);
    return { sig: `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Differences between the expected files and the disk, inside the owned paths only. `expected`
 * maps each path to its content, or to anything `same` can compare the disk content with (the
 * render cache stores digests). With `memo` (from an earlier comparison against the same
 * expectations), files it vouches for are not read; the memo returned vouches for every file
 * found as expected this time.
 */
export function verifyOnDisk(
  root: string,
  expected: ReadonlyMap<string, string>,
  owned: readonly string[],
  same: (actual: string, expected: string) => boolean = (a, b) => a === b,
  memo?: DiskMemo,
): { drift: Drift[]; memo: DiskMemo } {
  const at = Date.now();
  const drift: Drift[] = [];
  const stats: Record<string, string> = {};
  const onDisk = new Set(owned.flatMap((d) => listFiles(root, d)));
  for (const [path, content] of expected) {
    if (!onDisk.has(path)) {
      drift.push({ kind: 'missing', path });
      continue;
    }
    onDisk.delete(path);
    const abs = join(root, path);
    const before = signature(abs);
    const known = memo?.stats[path];
    if (before && known === before.sig && before.mtimeMs < memo!.at - RACY_MS) {
      stats[path] = known;
      continue;
    }
    const actual = readFileSync(abs, 'utf8');
    if (same(actual, content)) {
      // Vouch only for what was read: a file that changed while it was read is looked at next time.
      if (before && signature(abs)?.sig === before.sig) stats[path] = before.sig;
      continue;
    }
    drift.push({ kind: inspectGenerated(actual).edited ? 'edited' : 'stale', path });
  }
  for (const path of onDisk) drift.push({ kind: 'extra', path });
  return { drift: drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), memo: { at: memo && sameKeys(memo.stats, stats) ? memo.at : at, stats } };
}

/** Whether two memos vouch for the same files with the same signatures. */
function sameKeys(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

export function compareWithDisk(
  root: string,
  expected: ReadonlyMap<string, string>,
  owned: readonly string[],
  same: (actual: string, expected: string) => boolean = (a, b) => a === b,
): Drift[] {
  return verifyOnDisk(root, expected, owned, same).drift;
}
