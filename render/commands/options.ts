// `util.parseArgs` with the CLI's error contract: a bad command line is a UsageError (exit 2,
// printed with the command's help). Commands call this instead of repeating the try/catch.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './types';

/** The options of every command that renders (render, diff, report): which environments, on how many threads, through the cache or not. */
export const RENDER_OPTIONS = { env: { type: 'string', multiple: true }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' } } as const;

/**
 * An option that counts something (`--jobs 2`, `--runs 3`): a whole number, 1 or more, or undefined
 * when it was not given. `note` ends the message of a bad value.
 */
export function countOption(option: string, value: string | undefined, what: string, note = ''): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`${option} ${JSON.stringify(value)}: give a whole number of ${what}, 1 or more${note}`);
  return Number(value);
}

export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
