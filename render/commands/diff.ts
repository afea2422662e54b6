import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { GitError, readFilesAt, resolveCommit } from '../../lib/git/read';
import { diffMarkdown, type AppChanges, type FileChange } from '../../lib/report/diff-markdown';
import { compare, planAt } from '../../lib/argocd/plan';
import type { FleetRender } from '../fleet/index';
import { matchesDigest } from '../fleet/keys';
import { parseEnvList, parseJobs, renderFleetOrFail } from './common';
import { parseOptions } from './options';
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm diff [--env NAME[,NAME...]] [--base REV] [--format unified|markdown] [--jobs N] [--no-cache]

Without --base: what \`lgtm render\` would change on disk, as a unified diff.
With --base REV: what the current sources render differently from the generated files committed
at REV (a branch, tag or commit), as a unified diff: the change a pull request makes to the
environments' objects.

Options:
  --env NAME[,NAME]  Only these environments. Default: all.
  --base REV         Compare with the generated files at this Git revision instead of the disk.
  --format FORMAT    unified (default): a unified diff. markdown: the pull-request summary, per
                     environment and application the objects added, changed and removed, the
                     move in CPU and memory requests, the Argo CD Applications created or deleted
                     (lgtm plan --base REV against HEAD), and the YAML diff folded. Needs --base.
  --jobs N           Render on N threads, as lgtm render does.
  --no-cache         Render every environment, ignoring the per-environment cache in
                     .cache/render/. The diff is the same either way: an environment answered
                     from the cache is one whose files on disk are what render produces.
  -h, --help         This help.

Exit codes: 0 no differences, 1 differences, 2 bad usage, 3 render or git failed.
`;

/** A file of the tree, read for the diff; one that went away meanwhile (or cannot be read) is a user error, not a crash. */
function readTreeFile(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'went away while lgtm diff read it; run it again' : `cannot be read: ${(e as Error).message}`;
    throw new UserError(`${path} ${why}`);
  }
}

/**
 * What render would change on disk: its differences with the disk, each with the disk's content and
 * render's. Render kept the content of every owned path that differs (`contents`), so only the
 * environments with differences were rendered; the others were answered from the cache.
 */
function diskChanges(root: string, fleet: FleetRender): FileChange[] {
  const rendered = (path: string) => fleet.contents.get(path)!;
  return fleet.drift.map((d): FileChange => {
    if (d.kind === 'missing') return { path: d.path, status: 'added', before: '', after: rendered(d.path) };
    if (d.kind === 'extra') return { path: d.path, status: 'removed', before: readTreeFile(root, d.path), after: '' };
    return { path: d.path, status: 'changed', before: readTreeFile(root, d.path), after: rendered(d.path) };
  });
}

/**
 * Every file render produces, with its content: rendered now, or, where the disk already holds what
 * render produces (an environment answered from the cache, an owned path without differences), read
 * from the disk, and its digest checked again as it is read, so that a file edited meanwhile stops
 * the diff instead of passing for render's output.
 */
function producedFiles(root: string, fleet: FleetRender): Map<string, string> {
  const out = new Map<string, string>();
  for (const { files } of fleet.produced) {
    for (const [path, digest] of files) {
      let content = fleet.contents.get(path);
      if (content === undefined) {
        content = readTreeFile(root, path);
        if (!matchesDigest(content, digest)) throw new UserError(`${path} changed while lgtm diff read it; run it again`);
      }
      out.set(path, content);
    }
  }
  return out;
}


export function changes(beforeFiles: Map<string, string>, afterFiles: Map<string, string>): FileChange[] {
  const out: FileChange[] = [];
  for (const [path, after] of afterFiles) {
    const b = beforeFiles.get(path);
    if (b === undefined) out.push({ path, status: 'added', before: '', after });
    else if (b !== after) out.push({ path, status: 'changed', before: b, after });
  }
  for (const [path, b] of beforeFiles) if (!afterFiles.has(path)) out.push({ path, status: 'removed', before: b, after: '' });
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

export function unifiedDiff(c: FileChange): string {
  const a = c.status === 'added' ? '/dev/null' : `a/${c.path}`;
  const b = c.status === 'removed' ? '/dev/null' : `b/${c.path}`;
  // The digest header changes with every edit; the reviewer reads the YAML, not the digest.
  const body = (text: string) => text.replace(/^(?:# |<!-- )generated by lgtm render, do not edit \(sha256:[0-9a-f]+\)(?: -->)?\n/, '');
  const patch = createTwoFilesPatch(a, b, body(c.before), body(c.after), undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index"-less "===" line; keep git's header form instead.
  return `diff --git a/${c.path} b/${c.path}\n${patch.split('\n').slice(1).join('\n')}`;
}

export const command: Command = {
  name: 'diff',
  summary: 'Show what render would change',
  help,
  async run(args, io) {
    const { values } = parseOptions({
      args,
      options: { env: { type: 'string', multiple: true }, base: { type: 'string' }, format: { type: 'string', default: 'unified' }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' } },
      strict: true,
    });
    if (values.format !== 'unified' && values.format !== 'markdown') throw new UsageError(`--format must be unified or markdown, not "${values.format}"`);
    if (values.format === 'markdown' && values.base === undefined) throw new UsageError('--format markdown summarises a pull request and needs --base REV (the pull request\'s base)');
    const envs = parseEnvList(values.env, io.root);
    const jobs = parseJobs(values.jobs);
    // Through the render cache, as render --check: an environment whose inputs did not change and
    // whose files on disk are as render left them is not rendered again.
    const fleet = await renderFleetOrFail(io, { envs, jobs, cache: !values['no-cache'], contents: true });
    let list: FileChange[];
    try {
      list = values.base === undefined ? diskChanges(io.root, fleet) : changes(readFilesAt(io.root, resolveCommit(io.root, values.base), fleet.ownedPaths), producedFiles(io.root, fleet));
    } catch (e) {
      if (e instanceof GitError) throw new UserError(e.message);
      throw e;
    }
    if (values.format === 'markdown') {
      let apps: AppChanges | { error: string };
      try {
        const delta = compare(planAt(io.root, values.base!), planAt(io.root, 'HEAD'));
        const only = (a: { path: string }) => !envs || envs.some((e) => a.path.startsWith(`environments/${e}/`));
        apps = { created: delta.created.filter(only), deleted: delta.deleted.filter(only) };
      } catch (e) {
        apps = { error: (e as Error).message };
      }
      io.out(diffMarkdown(list, list.map(unifiedDiff), fleet.produced.map((p) => p.env), apps, values.base!));
      return list.length > 0 ? EXIT.findings : EXIT.ok;
    }
    for (const c of list) io.out(unifiedDiff(c));
    if (list.length > 0) io.err(`lgtm diff: ${list.length} file(s) differ\n`);
    return list.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
