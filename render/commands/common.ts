// Option handling shared by the commands that render.
import { EnvironmentError, environmentNames } from '../../lib/env/names';
import { didYouMean } from '../../lib/alloy/suggest';
import { RenderError } from '../pipeline/errors';
import { renderFleet, type FleetOptions, type FleetRender } from '../fleet/index';
import { UsageError, UserError, type Io } from './types';
import { countOption } from './options';

/**
 * `--env a,b` (repeatable) → names, or undefined for every environment. A name that is not an
 * environment folder is a bad command line (exit 2), with the closest name suggested.
 */
function parseEnvList(values: string[] | undefined, root: string): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  const names = values.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError('--env takes environment names separated by commas, such as --env dev,staging');
  const known = environmentNames(root);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`--env ${JSON.stringify(n)}: no environment of that name${didYouMean(n, known)} (known: ${known.join(', ') || 'none'})`);
  }
  return [...new Set(names)];
}

/** Runs a render; prints its warnings; environment and app errors become user errors (exit 3) with their message. */
async function orFail<T extends { warnings: readonly { text: string }[] }>(io: Io, render: () => Promise<T>): Promise<T> {
  try {
    const out = await render();
    for (const w of out.warnings) io.err(`warning: ${w.text}\n`);
    return out;
  } catch (e) {
    if (e instanceof EnvironmentError || e instanceof RenderError) throw new UserError(e.message);
    throw e;
  }
}

/** Runs a fleet render (render, render --check, diff, report: through the cache and the workers). */
export const renderFleetOrFail = (io: Io, options: FleetOptions): Promise<FleetRender> => orFail(io, () => renderFleet(io.root, options));

/** `--jobs N`: a whole number of threads, at least 1. */
function parseJobs(value: string | undefined): number | undefined {
  return countOption('--jobs', value, 'threads', ' (1 renders on the main thread)');
}

/** What the values of RENDER_OPTIONS (options.ts) ask of a fleet render; a bad name or count is a usage error. */
export function renderOptionsOf(values: { env?: string[]; jobs?: string; 'no-cache'?: boolean }, root: string): { envs: string[] | undefined; jobs: number | undefined; cache: boolean } {
  return { envs: parseEnvList(values.env, root), jobs: parseJobs(values.jobs), cache: !values['no-cache'] };
}

export function fixCommand(envs: string[] | undefined): string {
  return envs ? `lgtm render --env ${envs.join(',')}` : 'lgtm render';
}
