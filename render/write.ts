// Writes a render to disk atomically: every changed owned folder is first written in full beside
// its target, and only when all of them are complete are they swapped in. A failure before the
// swap leaves the tree untouched; a failure during it rolls the folders already swapped back.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RenderOutput } from './render';
import { compareWithDisk } from './tree';

export interface WriteResult {
  /** Owned folders whose content changed (rewritten or removed). */
  changedDirs: string[];
  drift: ReturnType<typeof compareWithDisk>;
}

const suffix = () => `${process.pid}-${Date.now().toString(36)}`;

export function writeOutput(root: string, output: RenderOutput, removeDirs: string[] = []): WriteResult {
  const drift = compareWithDisk(root, output);
  const changed = new Set(drift.map((d) => output.ownedDirs.find((dir) => d.path.startsWith(`${dir}/`))!));
  const tag = suffix();
  const staged: { dir: string; tmp: string }[] = [];
  try {
    for (const dir of [...changed].sort()) {
      const tmp = join(root, dirname(dir), `.render-tmp-${tag}-${dir.slice(dir.lastIndexOf('/') + 1)}`);
      staged.push({ dir, tmp });
      mkdirSync(tmp, { recursive: true });
      for (const [path, content] of output.files) {
        if (!path.startsWith(`${dir}/`)) continue;
        const target = join(tmp, path.slice(dir.length + 1));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    throw e;
  }

  // Swap phase: old → .render-old-*, staged → target; roll back on any failure.
  const swapped: { dir: string; old: string | null }[] = [];
  try {
    for (const { dir, tmp } of staged) {
      const abs = join(root, dir);
      const old = existsSync(abs) ? join(root, dirname(dir), `.render-old-${tag}-${dir.slice(dir.lastIndexOf('/') + 1)}`) : null;
      if (old) renameSync(abs, old);
      swapped.push({ dir, old });
      renameSync(tmp, abs);
    }
    for (const dir of removeDirs) {
      const abs = join(root, dir);
      const old = join(root, dirname(dir), `.render-old-${tag}-${dir.slice(dir.lastIndexOf('/') + 1)}`);
      renameSync(abs, old);
      swapped.push({ dir, old });
    }
  } catch (e) {
    for (const { dir, old } of swapped.reverse()) {
      const abs = join(root, dir);
      rmSync(abs, { recursive: true, force: true });
      if (old) renameSync(old, abs);
    }
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    throw e;
  }
  for (const { old } of swapped) if (old) rmSync(old, { recursive: true, force: true });
  // Empty owned folders are not kept (Git cannot track them anyway).
  return { changedDirs: [...changed, ...removeDirs].sort(), drift };
}
