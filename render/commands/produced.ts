// The content of a file render produces, without rendering it again. A fleet render asked for
// contents keeps those of every owned path that differs from the disk; everywhere else the disk
// holds what render produces (the comparison found it so, through the cache or after rendering).
// Such a file is read from the disk and its digest checked again as it is read, so that a file
// edited meanwhile stops the command instead of passing for render's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './types';
import type { FleetRender } from '../fleet/index';
import { matchesDigest } from '../fleet/keys';

/** A file of the tree; one that went away meanwhile, or cannot be read, is a user error that says so. */
export function readTreeFile(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'went away while it was read; run the command again' : `cannot be read: ${(e as Error).message}`;
    throw new UserError(`${path} ${why}`);
  }
}

/** The content render produces for `path`, whose sha256 is `digest` (from `fleet.produced`). */
export function producedContent(root: string, fleet: FleetRender, path: string, digest: string): string {
  const kept = fleet.contents.get(path);
  if (kept !== undefined) return kept;
  const content = readTreeFile(root, path);
  if (!matchesDigest(content, digest)) throw new UserError(`${path} changed while it was read; run the command again`);
  return content;
}
