// The pre-commit hook's fast path (bin/precommit.mjs loads it from the compiled CLI, as its own
// small entry): on a tree where every environment's cache entry holds for its inputs, every
// generated file is as the entry says, and the fleet checks' record holds for the refs, the tree
// is current, and no app needs loading. Anything else answers "don't know", and the hook runs
// `lgtm render --check`, which renders what changed and explains.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeShared, type CheckFinding } from '../lib/checks';
import { environmentNames } from '../lib/env/names';
import { codeDigest, environmentKey, matchesDigest, setCompiledCode } from './fleet/keys';
import { fleetDigest, readFleetRecord } from './fleet/record';
import { readEntry, writeEntry } from './fleet/store';
import { OWNED_PATHS } from './owned';
import { orphanedPaths, verifyOnDisk } from './tree';
import { bundleModules } from './ts-import';
import { interruptedRender } from './write';

/** The summary line when the tree is known to be current, else undefined. */
export async function currentTree(root: string): Promise<string | undefined> {
  setCompiledCode(readFileSync(new URL('./digest', import.meta.url), 'utf8').trim());
  const names = environmentNames(root);
  if (names.length === 0 || orphanedPaths(root).length > 0 || interruptedRender(root)) return undefined;
  const files = names.map((n) => join(root, 'environments', n, 'env.ts'));
  const bundles = await bundleModules(root, files, undefined, false);
  const code = codeDigest();
  const keys: [string, string][] = [];
  const findings: CheckFinding[] = [];
  let count = 0;
  for (const [i, name] of names.entries()) {
    const bundle = bundles.get(files[i]!);
    if (!bundle) return undefined;
    const key = environmentKey(code, bundle.inputs);
    const entry = readEntry(root, name, key);
    if (!entry) return undefined;
    const { drift, memo } = verifyOnDisk(root, new Map(entry.files), OWNED_PATHS.map((p) => `environments/${name}/${p}`), matchesDigest, entry.verified);
    if (drift.length > 0) return undefined;
    if (memo.at !== entry.verified?.at) writeEntry(root, name, { ...entry, verified: memo });
    keys.push([name, key]);
    findings.push(...entry.findings);
    count += entry.files.length;
  }
  const record = readFleetRecord(root);
  if (!record || record.digest !== fleetDigest(root, keys)) return undefined;
  // Warnings were printed by the render that found them, and CI prints them again; repeating them
  // at every commit would bury the new ones, so the hook only counts them.
  const warnings = mergeShared([...findings, ...record.findings]).filter((f) => f.severity === 'warning').length;
  const note = warnings ? ` (${warnings} warning(s) from the last render; lgtm render shows them)` : '';
  return `lgtm render --check: ${count} files in ${names.length} environment(s) are up to date${note}\n`;
}
