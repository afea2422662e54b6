// The pre-commit hook's fast path (bin/precommit.mjs loads it from the compiled CLI, as its own
// small entry): on a tree where every environment's cache entry holds for its inputs, every
// generated file is as the entry says, and the fleet checks' record holds for the refs, the tree
// is current, and no app needs loading. Anything else answers "don't know", and the hook runs
// `lgtm render --check`, which renders what changed and explains.
import { readFileSync } from 'node:fs';
import { mergeShared, type CheckFinding } from '../lib/checks';
import { environmentNames } from '../lib/env/names';
import { answerFromCache } from './fleet/cached';
import { environmentKeys, setCompiledCode } from './fleet/keys';
import { fleetDigest, readFleetRecord } from './fleet/record';
import { gitReader } from '../lib/git/reader';
import { orphanedPaths } from './tree';
import { interruptedRender } from './write';

/** The summary line when the tree is known to be current, else undefined. */
export async function currentTree(root: string): Promise<string | undefined> {
  setCompiledCode(readFileSync(new URL('./digest', import.meta.url), 'utf8').trim());
  const names = environmentNames(root);
  if (names.length === 0 || orphanedPaths(root).length > 0 || interruptedRender(root)) return undefined;
  const keys = await environmentKeys(root, names, false);
  const findings: CheckFinding[] = [];
  let count = 0;
  for (const name of names) {
    const key = keys.get(name);
    const cached = key === undefined ? undefined : answerFromCache(root, name, key, false);
    if (!cached || cached.drift.length > 0) return undefined;
    findings.push(...cached.findings);
    count += cached.files.length;
  }
  const record = readFleetRecord(root);
  if (!record || record.digest !== fleetDigest(gitReader(root), names.map((n) => [n, keys.get(n)!]))) return undefined;
  // Warnings were printed by the render that found them, and CI prints them again; repeating them
  // at every commit would bury the new ones, so the hook only counts them.
  const warnings = mergeShared([...findings, ...record.findings]).filter((f) => f.severity === 'warning').length;
  const note = warnings ? ` (${warnings} warning(s) from the last render; lgtm render shows them)` : '';
  return `lgtm render --check: ${count} files in ${names.length} environment(s) are up to date${note}\n`;
}
