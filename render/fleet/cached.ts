// An environment answered from its cache entry: the entry holds for the environment's key, so its
// files' digests and its checks' findings stand, and only the disk is compared (through the
// entry's memo of what it verified before). Runs on the main thread and, for a large fleet, on a
// worker beside it; it loads no app.
import type { CheckFinding } from '../../lib/checks';
import type { Environment } from '../../lib/env/types';
import { ownedPathsOf } from '../owned';
import { verifyOnDisk, type Drift } from '../tree';
import { matchesDigest } from './keys';
import { readEntry, writeEntry } from './store';

export interface CachedOutcome {
  name: string;
  env: Environment;
  /** [path, sha256] of every file, in render's order. */
  files: [string, string][];
  ownedPaths: string[];
  findings: CheckFinding[];
  drift: Drift[];
}

/**
 * The environment's outcome from its entry, or undefined when it must be rendered: no entry for
 * this key, or (for a caller that writes) a difference on disk, whose new content only a render has.
 */
export function answerFromCache(root: string, name: string, key: string, writing: boolean): CachedOutcome | undefined {
  const entry = readEntry(root, name, key);
  if (!entry) return undefined;
  const ownedPaths = ownedPathsOf(name);
  const { drift, memo } = verifyOnDisk(root, new Map(entry.files), ownedPaths, matchesDigest, entry.verified);
  if (writing && drift.length > 0) return undefined;
  if (memo !== entry.verified) writeEntry(root, name, { ...entry, verified: memo });
  return { name, env: entry.env, files: entry.files, ownedPaths, findings: entry.findings, drift };
}

/** A batch of environments to answer from the cache, as a worker receives it. */
export interface CachedTask {
  kind: 'cached';
  root: string;
  environments: [name: string, key: string][];
  writing: boolean;
  /**
   * Shared by the main thread and a worker answering the same batch: the index of the next
   * environment to take, so that both finish together however late the worker starts.
   */
  next?: SharedArrayBuffer;
}

export interface CachedResult {
  answered: CachedOutcome[];
  misses: string[];
}

export function cachedTask(task: CachedTask): CachedResult {
  const answered: CachedOutcome[] = [];
  const misses: string[] = [];
  const next = task.next ? new Int32Array(task.next) : undefined;
  for (let own = 0; ; own++) {
    const i = next ? Atomics.add(next, 0, 1) : own;
    if (i >= task.environments.length) break;
    const [name, key] = task.environments[i]!;
    const o = answerFromCache(task.root, name, key, task.writing);
    if (o) answered.push(o);
    else misses.push(name);
  }
  return { answered, misses };
}
