// `util.parseArgs` with the CLI's error contract: a bad command line is a UsageError (exit 2,
// printed with the command's help). Commands call this instead of repeating the try/catch.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './types';

export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
