import type { FleetRender } from '../fleet/index';
import { orphanedPaths, type Drift } from '../tree';
import { interruptedRender, recoverInterruptedRender, writeOutput } from '../write';
import { LockBusyError, withRenderLock } from '../lock';
import { parseOptions, RENDER_OPTIONS } from './options';
import { EXIT, UserError, type Command, type Io } from './types';

const help = `Usage: lgtm render [--env NAME[,NAME...]] [--check] [--jobs N] [--no-cache]

Evaluates environments/<env>/env.ts with every app in apps/registry.ts, validates the objects, and
writes one YAML file per object to environments/<env>/manifests/<app>/, plus the Alloy pipeline
module to environments/<env>/alloy/, and the environment's report to environments/<env>/README.md.
Render owns only those paths: files there that it did not produce are removed, nothing outside
them is touched. Everything is rendered and checked in memory first and swapped in atomically, so
a failure leaves every file as it was.

An environment whose inputs (its env.ts and every file it imports, apps/, lib/, render/, the
lockfile, the Node version) are unchanged since its last render on this machine is not rendered
again: its cache entry in .cache/render/ gives its files' digests and its checks' findings, and
only the disk is compared. Checks across environments (one per cluster, the Alloy module's Git
revision) run over every environment every time.

Options:
  --env NAME[,NAME]  Render only these environments (repeatable). Default: all.
  --check            Write nothing. Exit 1 and list every file that is stale, missing, extra or
                     edited by hand, with the command that fixes it.
  --jobs N           Render on N threads (default: the machine's cores; 1 renders on the main
                     thread). Threads start only when enough environments need rendering.
  --no-cache         Render every environment, ignoring the per-environment cache in
                     .cache/render/ (and do not fill it). The output is the same either way.
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

/** How the environments were answered, for the summary line: ` (2 from the cache, 1 rendered on 2 threads)`. */
function howRendered(stats: FleetRender['stats']): string {
  const threads = stats.workers === 1 ? 'a worker thread' : stats.workers > 1 ? `${stats.workers} worker threads` : 'the main thread';
  return ` (${stats.cached} from the cache, ${stats.rendered} rendered${stats.rendered > 0 ? ` on ${threads}` : ''})`;
}

function report(io: Io, drift: Drift[], files: number, envs: number, fix: string, stats: FleetRender['stats']): number {
  if (drift.length === 0) {
    io.out(`lgtm render --check: ${files} files in ${envs} environment(s) are up to date${howRendered(stats)}\n`);
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
    const { values } = parseOptions({
      args,
      options: { ...RENDER_OPTIONS, check: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    // Rendering loads every app, so it is imported only when the command runs.
    const { fixCommand, renderFleetOrFail, renderOptionsOf } = await import('./common');
    const options = renderOptionsOf(values, io.root);
    const { envs } = options;
    const fix = fixCommand(envs);
    const orphans = envs ? [] : orphanedPaths(io.root);
    const orphanDrift = orphans.map((p): Drift => ({ kind: 'extra', path: p }));
    if (values.check && interruptedRender(io.root)) {
      io.err('lgtm render --check: a render was interrupted while it replaced files, so the tree may be half old, half new; run lgtm render to finish it\n');
      return EXIT.findings;
    }

    if (values.check) {
      const fleet = await renderFleetOrFail(io, { ...options, contents: false });
      return report(io, [...fleet.drift, ...orphanDrift], fleet.files, fleet.environments, fix, fleet.stats);
    }
    let fleet: FleetRender;
    let result;
    try {
      // The whole render runs under the lock: the disk it compares is the disk it changes.
      ({ fleet, result } = await withRenderLock(io.root, async () => {
        const recovered = recoverInterruptedRender(io.root);
        if (recovered) io.err(`lgtm render: ${recovered}\n`);
        const rendered = await renderFleetOrFail(io, { ...options, contents: true });
        return { fleet: rendered, result: writeOutput(io.root, rendered, orphans) };
      }));
    } catch (e) {
      if (e instanceof LockBusyError) throw new UserError(e.message);
      throw e;
    }
    for (const d of result.drift.filter((x) => x.kind === 'edited')) io.err(`warning: overwrote a hand edit in ${d.path}\n`);
    for (const path of orphans) io.out(`removed ${path} (its environment has no env.ts)\n`);
    const counts = (k: Drift['kind']) => result.drift.filter((d) => d.kind === k).length;
    io.out(
      result.changedPaths.length === 0
        ? `lgtm render: ${fleet.files} files in ${fleet.environments} environment(s), no changes${howRendered(fleet.stats)}\n`
        : `lgtm render: ${fleet.files} files in ${fleet.environments} environment(s): ${counts('missing')} added, ${counts('stale') + counts('edited')} changed, ${counts('extra')} removed${howRendered(fleet.stats)}\n`,
    );
    return EXIT.ok;
  },
};
