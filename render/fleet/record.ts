// The fleet checks' last answer: their findings, with the digest of everything they read (every
// environment's key, and the clone's refs and remotes, which the Alloy source check reads). The
// pre-commit hook's fast path trusts the findings while that digest holds; render always runs the
// checks and writes the record afresh.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckFinding } from '../../lib/checks';
import { sha } from '../digest';
import { dirOf, writeCacheFile } from './store';

export interface FleetRecord {
  digest: string;
  findings: CheckFinding[];
}

const FILE = 'fleet.record';

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
  } catch {
    // Not a Git repository, or (for config) no remote at all: recorded as such.
    return '\0none';
  }
}

/** The digest of the fleet checks' inputs: the environments' keys in order, the refs, the remotes. */
export function fleetDigest(root: string, keys: readonly (readonly [string, string])[]): string {
  const refs = git(root, ['for-each-ref', '--format=%(refname) %(objectname)']);
  const remotes = git(root, ['config', '--get-regexp', '^remote\\..*\\.url$']);
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
