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
  /** [path, signature] of the files found as expected, in the order of the expectations. */
  stats: [string, string][];
  /**
   * [folder, signature] of every folder that holds an expected file (and of each owned folder),
   * sorted, taken when the disk held exactly the expected files: while they stand, so does the
   * listing (adding, removing or renaming an entry changes its folder's times), and no folder needs
   * reading.
   */
  dirs?: [string, string][];
}

const RACY_MS = 2000;

function signature(abs: string): { sig: string; mtimeMs: number } | undefined {
  const st = statSync(abs, { throwIfNoEntry: false });
  return st && { sig: `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`, mtimeMs: st.mtimeMs };
}

/** The folders whose listings decide which of the expected files exist: each owned folder and every folder between it and a file. */
function foldersOf(expected: ReadonlyMap<string, string>, owned: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const o of owned) if (!expected.has(o)) dirs.add(o);
  for (const path of expected.keys()) {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      const dir = path.slice(0, i);
      if (dirs.has(dir) || !owned.some((o) => dir === o || dir.startsWith(`${o}/`))) break;
      dirs.add(dir);
    }
  }
  return [...dirs].sort();
}

/** [folder, signature] of each folder ('-' for one that is not there), and the newest modification time. */
function folderSignatures(root: string, dirs: readonly string[]): { sigs: [string, string][]; newest: number } {
  const sigs: [string, string][] = [];
  let newest = 0;
  for (const d of dirs) {
    const s = signature(join(root, d));
    sigs.push([d, s?.sig ?? '-']);
    newest = Math.max(newest, s?.mtimeMs ?? 0);
  }
  return { sigs, newest };
}

/** Whether two lists of [name, signature] pairs are the same. */
function samePairs(a: readonly (readonly [string, string])[], b: readonly (readonly [string, string])[]): boolean {
  return a.length === b.length && a.every(([n, sig], i) => b[i]![0] === n && b[i]![1] === sig);
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
  const stats: [string, string][] = [];
  // A memo made against the same expectations lists their folders already.
  const folders = memo?.dirs ? memo.dirs.map(([d]) => d) : foldersOf(expected, owned);
  const { sigs, newest } = folderSignatures(root, folders);
  const listingHolds = memo?.dirs !== undefined && newest < memo.at - RACY_MS && samePairs(memo.dirs, sigs);
  // Whether this comparison looked at the disk itself (a listing or a file): then the memo it returns
  // must carry this look's time, or a file verified once within the racy window of an old memo
  // would be read again at every comparison after it.
  let looked = !listingHolds;
  // With the listing vouched for, the expected files are exactly what is there.
  const onDisk = listingHolds ? undefined : new Set(owned.flatMap((d) => listFiles(root, d)));
  // The memo lists files in the order of the same expectations: looked up by position, by path otherwise.
  let byPath: Map<string, string> | undefined;
  const known = (path: string, i: number): string | undefined => {
    if (!memo) return undefined;
    const entry = memo.stats[i];
    if (entry?.[0] === path) return entry[1];
    byPath ??= new Map(memo.stats);
    return byPath.get(path);
  };
  let i = -1;
  for (const [path, content] of expected) {
    i++;
    if (onDisk) {
      if (!onDisk.has(path)) {
        drift.push({ kind: 'missing', path });
        continue;
      }
      onDisk.delete(path);
    }
    const abs = `${root}/${path}`;
    const before = signature(abs);
    if (!before) {
      // Listed from the memo, but gone (an owned file, such as the README, has no folder of its own to tell).
      drift.push({ kind: 'missing', path });
      continue;
    }
    const sig = known(path, i);
    if (sig === before.sig && before.mtimeMs < memo!.at - RACY_MS) {
      stats.push([path, sig]);
      continue;
    }
    looked = true;
    const actual = readFileSync(abs, 'utf8');
    if (same(actual, content)) {
      // Vouch only for what was read: a file that changed while it was read is looked at next time.
      if (signature(abs)?.sig === before.sig) stats.push([path, before.sig]);
      continue;
    }
    drift.push({ kind: inspectGenerated(actual).edited ? 'edited' : 'stale', path });
  }
  for (const path of onDisk ?? []) drift.push({ kind: 'extra', path });
  // Folder signatures vouch for the listing only when the disk held exactly the expected files.
  const exact = !drift.some((d) => d.kind === 'missing' || d.kind === 'extra');
  const dirs = exact ? (listingHolds ? memo!.dirs! : sigs) : undefined;
  const unchanged = memo !== undefined && !looked && samePairs(memo.stats, stats) && (dirs === memo.dirs || (dirs !== undefined && memo.dirs !== undefined && samePairs(memo.dirs, dirs)));
  return { drift: drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), memo: unchanged ? memo : { at, stats, ...(dirs ? { dirs } : {}) } };
}

