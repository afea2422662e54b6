/**
 * Paths (relative to `environments/<env>/`) that render owns and rewrites whole: two folders and
 * the environment's README. Nothing else in the repository is ever written or removed.
 */
export const OWNED_PATHS = ['manifests', 'alloy', 'README.md'] as const;

/** Where render writes an environment's report (lgtm report prints it), repository-relative. */
export const reportPathOf = (name: string): string => `environments/${name}/README.md`;

/** The owned paths of one environment, repository-relative. */
export function ownedPathsOf(name: string): string[] {
  return OWNED_PATHS.map((p) => `environments/${name}/${p}`);
}

/**
 * The owned path each path lies under, found by its leading segments (an owned path is a folder or
 * a file of an environment folder), so that a fleet of thousands of paths costs one lookup each.
 */
export function ownerOf(owned: ReadonlySet<string>): (path: string) => string | undefined {
  return (path) => {
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) if (owned.has(path.slice(0, i))) return path.slice(0, i);
    return owned.has(path) ? path : undefined;
  };
}
