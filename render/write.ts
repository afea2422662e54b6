// Writes a render to disk atomically: every changed owned path (a folder, or the README) is first
// written in full beside its target, and only when all of them are complete are they swapped in.
// A failure before the swap leaves the tree untouched; a failure during it rolls the paths already
// swapped back.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RenderOutput } from './render';
import { compareWithDisk } from './tree';

export interface WriteResult {
  /** Owned paths whose content changed (rewritten or removed). */
  changedPaths: string[];
  drift: ReturnType<typeof compareWithDisk>;
}

const isUnder = (path: string, owned: string) => path === owned || path.startsWith(`${owned}/`);

/** Writes the desired content of one owned path to `tmp` (a folder, or a single file). */
function stage(output: RenderOutput, owned: string, tmp: string): void {
  const single = output.files.get(owned);
  if (single !== undefined) {
    writeFileSync(tmp, single);
    return;
  }
  mkdirSync(tmp, { recursive: true });
  for (const [path, content] of output.files) {
    if (!path.startsWith(`${owned}/`)) continue;
    const target = join(tmp, path.slice(owned.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export function writeOutput(root: string, output: RenderOutput, removePaths: string[] = []): WriteResult {
  const drift = compareWithDisk(root, output.files, output.ownedPaths);
  const changed = new Set(drift.map((d) => output.ownedPaths.find((owned) => isUnder(d.path, owned))!));
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const sibling = (owned: string, kind: 'tmp' | 'old') => join(root, dirname(owned), `.render-${kind}-${tag}-${basename(owned)}`);

  const staged: { owned: string; tmp: string }[] = [];
  try {
    for (const owned of [...changed].sort()) {
      const tmp = sibling(owned, 'tmp');
      staged.push({ owned, tmp });
      mkdirSync(dirname(tmp), { recursive: true });
      stage(output, owned, tmp);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    throw e;
  }

  const swapped: { owned: string; old: string | null }[] = [];
  try {
    for (const { owned, tmp } of staged) {
      const abs = join(root, owned);
      const old = existsSync(abs) ? sibling(owned, 'old') : null;
      if (old) renameSync(abs, old);
      swapped.push({ owned, old });
      renameSync(tmp, abs);
    }
    for (const owned of removePaths) {
      const old = sibling(owned, 'old');
      renameSync(join(root, owned), old);
      swapped.push({ owned, old });
    }
  } catch (e) {
    for (const { owned, old } of swapped.reverse()) {
      rmSync(join(root, owned), { recursive: true, force: true });
      if (old) renameSync(old, join(root, owned));
    }
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    throw e;
  }
  for (const { old } of swapped) if (old) rmSync(old, { recursive: true, force: true });
  return { changedPaths: [...changed, ...removePaths].sort(), drift };
}
