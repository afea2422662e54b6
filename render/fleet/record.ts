// The fleet checks' last answer: their findings, with the digest of everything they read (every
// environment's key, and the clone's refs and remotes, which the Alloy source check reads). The
// pre-commit hook's fast path trusts the findings while that digest holds; render always runs the
// checks and writes the record afresh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckFinding } from '../../lib/checks';
import { refLines, remoteUrlLines, type GitReader } from '../../lib/git/reader';
import { sha } from '../digest';
import { dirOf, writeCacheFile } from './store';

export interface FleetRecord {
  digest: string;
  findings: CheckFinding[];
}

const FILE = 'fleet.record';

/**
 * The digest of the fleet checks' inputs: the environments' keys in order, the refs, the remotes
 * (the questions the Alloy source check asks, so a render's reader answers both from one spawn).
 */
export function fleetDigest(git: GitReader, keys: readonly (readonly [string, string])[]): string {
  // Not a Git repository, or (for the remotes) none at all: recorded as such.
  const refs = refLines(git) ?? '\0none';
  const remotes = remoteUrlLines(git) ?? '\0none';
  return sha(`${keys.map(([n, k]) => `${n} ${k}`).join('\n')}\0${refs}\0${remotes}`);
}

export function readFleetRecord(root: string): FleetRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dirOf(root), FILE), 'utf8')) as FleetRecord;
  } catch {
    return undefined;
  }
}

export function writeFleetRecord(root: string, record: FleetRecord): void {
  writeCacheFile(root, FILE, JSON.stringify(record));
}
