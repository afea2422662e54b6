// One environment's share of a fleet render, the same on the main thread and in a worker: render
// it, compare its owned paths with the disk, and answer with what the caller keeps (digests,
// findings, the differences, and the content of only the owned paths that must be rewritten).
import type { App } from '../../apps/types';
import type { ExtraCheck } from '../../lib/env/load';
import type { Environment } from '../../lib/env/types';
import { jsonCopy } from '../../lib/json/copy';
import { sha } from '../digest';
import { renderNamed } from '../environment';
import { ownerOf } from '../owned';
import { verifyOnDisk, type DiskMemo } from '../tree';
import type { CachedOutcome, CachedTask } from './cached';

export interface FleetTask {
  kind: 'render';
  root: string;
  name: string;
  /** Whether the caller will write: then the content of every owned path that differs comes back. */
  contents: boolean;
}

/**
 * Tasks one worker runs one after the other, answered together: the worker does not wait for the
 * main thread between them, which may be busy comparing environments with the disk.
 */
export interface SequenceTask {
  kind: 'sequence';
  tasks: (FleetTask | CachedTask)[];
}

/** A rendered environment: what a cached one gives, and what only a render has. */
export type FleetOutcome =
  | { name: string; error: string }
  | (CachedOutcome & {
      /** What the comparison vouches for, for the environment's new cache entry. */
      verified: DiskMemo;
      /** [path, content] of every file under an owned path that differs from the disk. */
      contents: [string, string][];
    });

export async function renderTask(task: FleetTask, apps: readonly App[], extraChecks: ExtraCheck[]): Promise<FleetOutcome> {
  const out = await renderNamed(task.root, task.name, apps, extraChecks);
  if ('error' in out) return { name: task.name, error: out.error };
  const { drift, memo } = verifyOnDisk(task.root, out.files, out.ownedPaths);
  const owner = ownerOf(new Set(out.ownedPaths));
  const changed = new Set(drift.map((d) => owner(d.path)));
  return {
    name: task.name,
    // The values as JSON would carry them, so that an entry read back from the cache is the same.
    env: jsonCopy(out.rendered.env) as Environment,
    files: [...out.files].map(([p, c]) => [p, sha(c)]),
    ownedPaths: out.ownedPaths,
    findings: out.findings,
    drift,
    verified: memo,
    contents: task.contents ? [...out.files].filter(([p]) => changed.has(owner(p))) : [],
  };
}
