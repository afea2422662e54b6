/**
 * Paths (relative to `environments/<env>/`) that render owns and rewrites whole: two folders and
 * the environment's README. Nothing else in the repository is ever written or removed.
 */
export const OWNED_PATHS = ['manifests', 'alloy', 'README.md'] as const;

/** The owned paths of one environment, repository-relative. */
export function ownedPathsOf(name: string): string[] {
  return OWNED_PATHS.map((p) => `environments/${name}/${p}`);
}
