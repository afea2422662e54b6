import { inputsKey, matchesDigest, readCache, sha, writeCache } from '../cache.mjs';
import { compareWithDisk, orphanedPaths, type Drift } from '../tree';
import { interruptedRender, recoverInterruptedRender, writeOutput } from '../write';
import { LockBusyError, withRenderLock } from '../lock';
import { parseOptions } from './options';
import { EXIT, UserError, type Command, type Io } from './types';

const help = `Usage: lgtm render [--env NAME[,NAME...]] [--check [--cached]]

Evaluates environments/<env>/env.ts with every app in apps/registry.ts, validates the objects, and
writes one YAML file per object to environments/<env>/manifests/<app>/, plus the Alloy pipeline
module to environments/<env>/alloy/, and the environment's report to environments/<env>/README.md.
Render owns only those paths: files there that it did not produce are removed, nothing outside
them is touched. Everything is rendered and checked in memory first and swapped in atomically, so
a failure leaves every file as it was.

Options:
  --env NAME[,NAME]  Render only these environments (repeatable). Default: all.
  --check            Write nothing. Exit 1 and list every file that is stale, missing, extra or
                     edited by hand, with the command that fixes it.
  --cached           With --check: when no source, environment, lockfile or Git ref changed since
                     the last render on this machine, compare the files with that render's digests
                     instead of rendering again (the pre-commit hook uses this; CI does not).
  -h, --help         This help.

Exit codes: 0 up to date / written, 1 --check found differences, 2 bad usage, 3 an environment or
app failed (nothing written).
`;

function describe(d: Drift, fix: string): string {
  switch (d.kind) {
    case 'missing':
      return `missing  ${d.path}  (not rendered yet; run: ${fix})`;
    case 'stale':
      return `stale    ${d.path}  (out of date with the TypeScript sources; run: ${fix})`;
    case 'edited':
      return `edited   ${d.path}  (edited by hand; generated files are overwritten: make the change in apps/ or environments/*/env.ts, then run: ${fix})`;
    case 'extra':
      return `extra    ${d.path}  (not produced by render; run: ${fix} to remove it, or move it outside manifests/ and alloy/)`;
  }
}

function report(io: Io, drift: Drift[], files: number, envs: number, fix: string): number {
  if (drift.length === 0) {
    io.out(`lgtm render --check: ${files} files in ${envs} environment(s) are up to date\n`);
    return EXIT.ok;
  }
  io.err(`lgtm render --check: ${drift.length} file(s) differ from what render produces:\n`);
  for (const d of drift) io.err(`  ${describe(d, fix)}\n`);
  return EXIT.findings;
}

export const command: Command = {
  name: 'render',
  summary: 'Render every environment',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { env: { type: 'string', multiple: true }, check: { type: 'boolean' }, cached: { type: 'boolean' } }, strict: true, allowPositionals: false });
    // Rendering loads every app; the cached check must not, so it is imported only when needed.
    const { fixCommand, parseEnvList, renderOrFail } = await import('./common');
    const envs = parseEnvList(values.env, io.root);
    const fix = fixCommand(envs);
    // Only a whole-tree render is cached: that is what the hook checks.
    const key = envs ? undefined : inputsKey(io.root);
    const orphans = envs ? [] : orphanedPaths(io.root);
    const orphanDrift = orphans.map((p): Drift => ({ kind: 'extra', path: p }));
    if (values.check && interruptedRender(io.root)) {
      io.err('lgtm render --check: a render was interrupted while it replaced files, so the tree may be half old, half new; run lgtm render to finish it\n');
      return EXIT.findings;
    }

    if (values.check && values.cached && key) {
      const cache = readCache(io.root, key);
      if (cache) {
        for (const w of cache.warnings) io.err(`warning: ${w}\n`);
        const expected = new Map(Object.entries(cache.files));
        const drift = [...compareWithDisk(io.root, expected, cache.ownedPaths, matchesDigest), ...orphanDrift];
        return report(io, drift, expected.size, new Set(cache.ownedPaths.map((p) => p.split('/')[1])).size, fix);
      }
    }

    const output = await renderOrFail(io, envs);
    if (key) {
      const files = Object.fromEntries([...output.files].map(([p, c]) => [p, sha(c)]));
      writeCache(io.root, { key, files, ownedPaths: output.ownedPaths, warnings: output.warnings.map((w) => w.text) });
    }
    if (values.check) {
      const drift = [...compareWithDisk(io.root, output.files, output.ownedPaths), ...orphanDrift];
      return report(io, drift, output.files.size, output.environments.length, fix);
    }
    let result;
    try {
      result = await withRenderLock(io.root, () => {
        const recovered = recoverInterruptedRender(io.root);
        if (recovered) io.err(`lgtm render: ${recovered}\n`);
        return writeOutput(io.root, output, orphans);
      });
    } catch (e) {
      if (e instanceof LockBusyError) throw new UserError(e.message);
      throw e;
    }
    for (const d of result.drift.filter((x) => x.kind === 'edited')) io.err(`warning: overwrote a hand edit in ${d.path}\n`);
    for (const path of orphans) io.out(`removed ${path} (its environment has no env.ts)\n`);
    const counts = (k: Drift['kind']) => result.drift.filter((d) => d.kind === k).length;
    io.out(
      result.changedPaths.length === 0
        ? `lgtm render: ${output.files.size} files in ${output.environments.length} environment(s), no changes\n`
        : `lgtm render: ${output.files.size} files in ${output.environments.length} environment(s): ${counts('missing')} added, ${counts('stale') + counts('edited')} changed, ${counts('extra')} removed\n`,
    );
    return EXIT.ok;
  },
};
