// Reading the owned part of the tree on disk and comparing it with a render.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../lib/env/load';
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
 * Differences between the expected files and the disk, inside the owned paths only. `expected`
 * maps each path to its content, or to anything `same` can compare the disk content with (the
 * render cache stores digests).
 */
export function compareWithDisk(
  root: string,
  expected: ReadonlyMap<string, string>,
  owned: readonly string[],
  same: (actual: string, expected: string) => boolean = (a, b) => a === b,
): Drift[] {
  const drift: Drift[] = [];
  const onDisk = new Set(owned.flatMap((d) => listFiles(root, d)));
  for (const [path, content] of expected) {
    if (!onDisk.has(path)) {
      drift.push({ kind: 'missing', path });
      continue;
    }
    onDisk.delete(path);
    const actual = readFileSync(join(root, path), 'utf8');
    if (same(actual, content)) continue;
    drift.push({ kind: inspectGenerated(actual).edited ? 'edited' : 'stale', path });
  }
  for (const path of onDisk) drift.push({ kind: 'extra', path });
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
