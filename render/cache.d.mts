export interface RenderCache {
  key: string;
  /** sha256 of each expected file's content, by repo-relative path. */
  files: Record<string, string>;
  /** Owned paths (repo-relative) the render covered. */
  ownedPaths: string[];
  warnings: string[];
}
export function sha(text: string | Buffer): string;
export function inputsKey(root: string): string | undefined;
export function readCache(root: string, key: string): RenderCache | undefined;
export function writeCache(root: string, cache: RenderCache): void;
export function matchesDigest(content: string, digest: string): boolean;
