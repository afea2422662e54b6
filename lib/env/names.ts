// Which environments a repository has: the folders of environments/ that hold an env.ts. Its own
// module, importing nothing else, so that the pre-commit hook's fast path and a render answered
// from its cache can list environments without loading the schema that checks them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Names of the environment folders that hold an env.ts, sorted. */
export function environmentNames(root: string): string[] {
  const dir = join(root, 'environments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'env.ts')))
    .map((d) => d.name)
    .sort();
}

/** A problem with an environment; the message names its file and the fix. */
export class EnvironmentError extends Error {}

/**
 * The named environments (all when `only` is undefined), checked to exist. An unknown name is an
 * error listing the known ones; so is a repository without any.
 */
export function selectEnvironments(root: string, only?: string[]): string[] {
  const known = environmentNames(root);
  if (known.length === 0) {
    throw new EnvironmentError('no environment: create environments/<name>/env.ts (see "Adding an environment" in the README); with none, there is nothing to render or check');
  }
  const wanted = only ?? known;
  const unknown = wanted.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new EnvironmentError(`unknown environment ${unknown.map((u) => `"${u}"`).join(', ')}; known environments: ${known.join(', ')}`);
  }
  return wanted;
}
