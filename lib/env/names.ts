// Which environments a repository has: the folders of environments/ that hold an env.ts. Its own
// module, importing nothing else, so that the pre-commit hook's fast path can list environments
// without loading the schema that checks them.
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
