// Render-time check that Alloy's `import.git` can find what the bootstrap points at: the revision
// must be a branch, tag or commit of this repository, and the module folder must be in the rendered
// tree. Alloy fails to load its config on a cold start when the first fetch fails, so a typo here
// would leave every node without telemetry; render refuses it instead.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../../lib/env/types';
import type { CheckFinding, FleetCheck } from '../../lib/checks';
import { modulePath } from './names';
import { gitReader, refLines, remoteUrlLines, type GitReader } from '../../lib/git/reader';
import { shellQuote } from '../../lib/git/situation';

/** Revisions Alloy refuses since v1.5 (they move under it). */
const FORBIDDEN = ['HEAD', 'FETCH_HEAD', 'ORIG_HEAD', 'MERGE_HEAD', 'CHERRY_PICK_HEAD'];
const COMMIT = /^[0-9a-f]{7,40}$/;
const CHECK_ID = 'alloy-source';

/** Every ref of a clone with the commit it points at (tags peeled), read with one `git` call. */
interface Refs {
  commits: Map<string, string>;
}

/** The clone's refs, or undefined when it is not a Git repository. */
function refsOf(git: GitReader): Refs | undefined {
  const out = refLines(git);
  if (out === undefined) return undefined;
  const commits = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [ref, sha, type, peeled] = line.split(' ');
    if (!ref || !sha) continue;
    if (peeled) commits.set(ref, peeled);
    else if (type === 'commit') commits.set(ref, sha);
  }
  return { commits };
}

/**
 * The commit `revision` names, looked up in Alloy's order (tag, then branch, then commit), or
 * undefined. A branch counts when it exists locally or as a remote-tracking branch of any remote,
 * since Alloy clones the remote where a pushed branch is what matters.
 */
export function resolveRevision(git: GitReader, revision: string, refs: Refs | undefined = refsOf(git)): string | undefined {
  if (!refs) return undefined;
  const named = refs.commits.get(`refs/tags/${revision}`) ?? refs.commits.get(`refs/heads/${revision}`);
  if (named) return named;
  for (const [ref, sha] of refs.commits) if (ref.startsWith('refs/remotes/') && ref.endsWith(`/${revision}`)) return sha;
  // A commit id: only git knows which objects exist (one call, for hex revisions only).
  return COMMIT.test(revision) ? git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])?.trim() : undefined;
}

/** `github.com/org/repo` from `https://github.com/org/repo.git`, `git@github.com:org/repo`, … */
export function normalizeRepoURL(url: string): string {
  return url
    .trim()
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d+\/)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .toLowerCase();
}

/**
 * The remotes of this clone that point at `repoURL` and whose branches have been fetched: only
 * there can a missing branch be told apart from one this clone simply has not fetched.
 */
function fetchedRemotesOf(git: GitReader, repoURL: string, refs: Refs): string[] {
  const want = normalizeRepoURL(repoURL);
  const config = remoteUrlLines(git) ?? '';
  const remotes = config
    .split('\n')
    .map((line) => /^remote\.(.+)\.url (.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && normalizeRepoURL(m[2]!) === want)
    .map((m) => m[1]!);
  const refNames = [...refs.commits.keys()];
  return remotes.filter((r) => refNames.some((ref) => ref.startsWith(`refs/remotes/${r}/`)));
}

/**
 * Problems with one environment's Alloy source. `renderedFiles` are the repository-relative paths
 * render produced (or is about to write); without them the working tree is read.
 */
export function checkAlloySource(env: Environment, root: string, renderedFiles?: Iterable<string>, git: GitReader = gitReader(root)): CheckFinding[] {
  const file = `environments/${env.name}/env.ts`;
  const error = (field: string, message: string): CheckFinding => ({ severity: 'error', text: `${file}: ${field}: ${message} (${CHECK_ID})` });
  const warning = (field: string, message: string): CheckFinding => ({ severity: 'warning', text: `${file}: ${field}: ${message} (${CHECK_ID})` });
  const out: CheckFinding[] = [];
  const { revision } = env.git;

  const refs = FORBIDDEN.includes(revision) ? undefined : refsOf(git);
  const resolved = refs ? resolveRevision(git, revision, refs) : undefined;
  if (FORBIDDEN.includes(revision)) {
    out.push(error('git.revision', `"${revision}" moves under Alloy, which refuses it; name a branch, tag or commit such as "main"`));
  } else if (!refs) {
    // Rendering from an export (no .git) is legitimate; the check just cannot run there.
    out.push(warning('git.revision', `cannot check revision "${revision}": ${root} is not a Git repository`));
  } else if (resolved === undefined && !COMMIT.test(revision) && fetchedRemotesOf(git, env.git.repoURL, refs).length === 0) {
    // A branch this clone has never seen may well exist where Alloy clones from (a CI checkout of
    // one branch, a clone of a fork): only a clone holding the repository's branches can tell.
    out.push(
      warning(
        'git.revision',
        `cannot verify "${revision}": it is not a branch, tag or commit here and no remote of this clone with fetched branches points at ${env.git.repoURL}; Alloy's import.git fails if it does not exist there (git remote add upstream ${env.git.repoURL} && git fetch upstream to check)`,
      ),
    );
  } else if (resolved === undefined) {
    const fix = COMMIT.test(revision)
      ? 'fetch it (git fetch origin) if it was pushed, or set git.revision to an existing branch, tag or commit'
      : `create and push it (git branch ${shellQuote(revision)} main && git push origin ${shellQuote(revision)}) or set git.revision to an existing one`;
    out.push(error('git.revision', `"${revision}" is not a branch, tag or commit of this repository, so Alloy's import.git cannot fetch its pipeline; ${fix}`));
  }

  const dir = modulePath(env);
  const isModuleFile = (p: string) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/') && p.endsWith('.alloy');
  const present = renderedFiles
    ? [...renderedFiles].some(isModuleFile)
    : existsSync(join(root, dir)) && readdirSync(join(root, dir)).some((n) => isModuleFile(`${dir}/${n}`));
  if (!present) {
    out.push(
      error(
        'name',
        `Alloy's import.git path "${dir}" holds no .alloy file in the rendered tree; Alloy reads only the top-level *.alloy files of that folder. Is the alloy app registered in apps/registry.ts and enabled for "${env.name}"?`,
      ),
    );
  }
  return out;
}

/**
 * The check as render's fleet check (it reads the clone's refs, which no environment's cache key
 * covers, so it runs at every render): every environment, against the files render produced.
 */
export const alloySourceCheck: FleetCheck = (root, environments, git) => environments.flatMap((r) => checkAlloySource(r.env, root, r.paths, git));
