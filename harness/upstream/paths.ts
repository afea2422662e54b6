import { join } from 'node:path';

/** Where built programs are cached: an ignored folder of the repository unless LGTM_UPSTREAM_CACHE says otherwise. */
export function upstreamCacheRoot(repoRoot: string): string {
  return process.env.LGTM_UPSTREAM_CACHE || join(repoRoot, '.cache', 'upstream');
}
