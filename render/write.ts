// Writes a render to disk atomically: every changed owned path (a folder, or the README) is first
// written in full beside its target, and only when all of them are complete are they swapped in.
// A failure before the swap leaves the tree untouched; a failure during it rolls the paths already
// swapped back. A process killed during the swap cannot roll back, so before the first rename the
// plan is written to a journal, and the next render finishes it (recoverInterruptedRender): every
// staged path was complete, so rolling forward always gives the new tree whole.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ownerOf } from './owned';
import type { Drift } from './tree';

/** What a write changes: the differences found, and the new content of the owned paths they touch. */
export interface WritePlan {
  /** Every difference between the disk and the render, inside `ownedPaths`. */
  drift: Drift[];
  /** The content of every file under an owned path that has a difference. */
  contents: ReadonlyMap<string, string>;
  ownedPaths: readonly string[];
}

export interface WriteResult {
  /** Owned paths whose content changed (rewritten or removed). */
  changedPaths: string[];
  drift: Drift[];
}

export const JOURNAL = '.render-journal.json';

/**
 * Present while a render has staging folders beside the owned paths: written before the first is made,
 * removed once the last is gone. It lets a check know of a killed render's leftovers without reading
 * every environment's folder (a fleet has thousands).
 */
const STAGING = '.render-staging';

interface Journal {
  /** Swap in `tmp` for `owned`, keeping the previous content at `old` until the end. */
  swaps: { owned: string; tmp: string; old: string | null }[];
  /** Owned paths to remove (environments without env.ts), moved to `old` first. */
  removes: { owned: string; old: string }[];
}

function writeJournal(root: string, journal: Journal): void {
  const tmp = join(root, `${JOURNAL}.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(journal));
  renameSync(tmp, join(root, JOURNAL));
}


/**
 * Render's own leftovers: `.render-tmp-*` and `.render-old-*` next to the owned paths, and a
 * journal that was being written when its render was killed (`.render-journal.json.<pid>`, never
 * renamed into place, so it describes nothing that happened). Only read under the render lock, so
 * none of them belongs to a live render.
 */
function leftovers(root: string): string[] {
  const dirs = [join(root, 'environments'), ...(existsSync(join(root, 'environments')) ? readdirSync(join(root, 'environments'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(root, 'environments', d.name)) : [])];
  return [...unfinishedJournals(root), ...dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((n) => n.startsWith('.render-tmp-') || n.startsWith('.render-old-')).map((n) => join(d, n)) : []))];
}

/** Journals whose render was killed while writing them (never renamed into place). */
function unfinishedJournals(root: string): string[] {
  return readdirSync(root)
    .filter((n) => n.startsWith(`${JOURNAL}.`))
    .map((n) => join(root, n));
}

/** Whether an interrupted render left work behind: a journal, a half-written one, or the staging marker. */
export function interruptedRender(root: string): boolean {
  return existsSync(join(root, JOURNAL)) || existsSync(join(root, STAGING)) || unfinishedJournals(root).length > 0;
}

/**
 * Finishes a render that was killed during its swap (rolls its journal forward), and removes the
 * staging folders of one killed before it. Returns what it did, for the user, or undefined.
 */
export function recoverInterruptedRender(root: string): string | undefined {
  const path = join(root, JOURNAL);
  const hadJournal = existsSync(path);
  let finished = 0;
  if (hadJournal) {
    const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
    for (const { owned, tmp, old } of journal.swaps) {
      if (!existsSync(tmp)) continue; // this path was swapped in before the kill
      const abs = join(root, owned);
      if (old && existsSync(abs) && !existsSync(old)) renameSync(abs, old);
      else if (existsSync(abs)) rmSync(abs, { recursive: true, force: true });
      renameSync(tmp, abs);
      finished++;
    }
    for (const { owned, old } of journal.removes) {
      if (existsSync(join(root, owned))) {
        renameSync(join(root, owned), old);
        finished++;
      }
    }
    rmSync(path);
  }
  const stale = leftovers(root);
  for (const p of stale) rmSync(p, { recursive: true, force: true });
  rmSync(join(root, STAGING), { force: true });
  if (!hadJournal && stale.length === 0) return undefined;
  return `finished an interrupted render (${finished} path(s) swapped in, ${stale.length} leftover(s) removed)`;
}


/** Writes the desired content of one owned path to `tmp`: a single file, or a folder of `files`. */
function stage(owned: string, files: readonly [string, string][], tmp: string): void {
  if (files.length === 1 && files[0]![0] === owned) {
    writeFileSync(tmp, files[0]![1]);
    return;
  }
  mkdirSync(tmp, { recursive: true });
  const made = new Set<string>([tmp]);
  for (const [path, content] of files) {
    const target = join(tmp, path.slice(owned.length + 1));
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(target, content);
  }
}

/**
 * Writes a plan made under the render lock (so that the disk it compared is the disk it changes).
 */
export function writeOutput(root: string, plan: WritePlan, removePaths: string[] = []): WriteResult {
  const { drift } = plan;
  const owner = ownerOf(new Set(plan.ownedPaths));
  const changed = new Set(drift.map((d) => owner(d.path)!));
  const filesOf = new Map<string, [string, string][]>([...changed].map((o) => [o, []]));
  for (const [path, content] of plan.contents) filesOf.get(owner(path)!)?.push([path, content]);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const sibling = (owned: string, kind: 'tmp' | 'old') => join(root, dirname(owned), `.render-${kind}-${tag}-${basename(owned)}`);

  const staged: { owned: string; tmp: string }[] = [];
  const staging = changed.size + removePaths.length > 0;
  if (staging) writeFileSync(join(root, STAGING), `${process.pid}\n`);
  try {
    for (const owned of [...changed].sort()) {
      const tmp = sibling(owned, 'tmp');
      staged.push({ owned, tmp });
      mkdirSync(dirname(tmp), { recursive: true });
      stage(owned, filesOf.get(owned)!, tmp);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    rmSync(join(root, STAGING), { force: true });
    throw e;
  }

  const journal: Journal = {
    swaps: staged.map(({ owned, tmp }) => ({ owned, tmp, old: existsSync(join(root, owned)) ? sibling(owned, 'old') : null })),
    removes: removePaths.map((owned) => ({ owned, old: sibling(owned, 'old') })),
  };
  if (journal.swaps.length + journal.removes.length > 0) writeJournal(root, journal);
  const swapped: { owned: string; old: string | null }[] = [];
  try {
    for (const { owned, tmp, old } of journal.swaps) {
      const abs = join(root, owned);
      if (old) renameSync(abs, old);
      swapped.push({ owned, old });
      renameSync(tmp, abs);
    }
    for (const { owned, old } of journal.removes) {
      renameSync(join(root, owned), old);
      swapped.push({ owned, old });
    }
  } catch (e) {
    for (const { owned, old } of swapped.reverse()) {
      rmSync(join(root, owned), { recursive: true, force: true });
      if (old) renameSync(old, join(root, owned));
    }
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    rmSync(join(root, JOURNAL), { force: true });
    rmSync(join(root, STAGING), { force: true });
    throw e;
  }
  // The new tree is whole: the journal goes first, so a kill while cleaning up leaves only leftovers.
  rmSync(join(root, JOURNAL), { force: true });
  for (const { old } of swapped) if (old) rmSync(old, { recursive: true, force: true });
  if (staging) rmSync(join(root, STAGING), { force: true });
  return { changedPaths: [...changed, ...removePaths].sort(), drift };
}
