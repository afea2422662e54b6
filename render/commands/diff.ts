import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { GitError, readFilesAt, resolveCommit } from '../../lib/git/read';
import { listFiles } from '../tree';
import { diffMarkdown, type AppChanges, type FileChange } from '../../lib/report/diff-markdown';
import { compare, planAt } from '../../lib/argocd/plan';
import { parseEnvList, renderOrFail } from './common';
import { parseOptions } from './options';
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm diff [--env NAME[,NAME...]] [--base REV] [--format unified|markdown]

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
  -h, --help         This help.

Exit codes: 0 no differences, 1 differences, 2 bad usage, 3 render or git failed.
`;

/** The generated files of the owned folders, as they are on the "before" side. */
function before(root: string, dirs: string[], base: string | undefined): Map<string, string> {
  if (base === undefined) {
    const files = new Map<string, string>();
    for (const d of dirs) for (const p of listFiles(root, d)) files.set(p, readFileSync(join(root, p), 'utf8'));
    return files;
  }
  const commit = resolveCommit(root, base);
  return readFilesAt(root, commit, dirs);
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
  const patch = createTwoFilesPatch(a, b, c.before, c.after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index"-less "===" line; keep git's header form instead.
  return `diff --git a/${c.path} b/${c.path}\n${patch.split('\n').slice(1).join('\n')}`;
}

export const command: Command = {
  name: 'diff',
  summary: 'Show what render would change',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { env: { type: 'string', multiple: true }, base: { type: 'string' }, format: { type: 'string', default: 'unified' } }, strict: true });
    if (values.format !== 'unified' && values.format !== 'markdown') throw new UsageError(`--format must be unified or markdown, not "${values.format}"`);
    if (values.format === 'markdown' && values.base === undefined) throw new UsageError('--format markdown summarises a pull request and needs --base REV (the pull request\'s base)');
    const envs = parseEnvList(values.env, io.root);
    const output = await renderOrFail(io, envs);
    let beforeFiles: Map<string, string>;
    try {
      beforeFiles = before(io.root, output.ownedPaths.filter((d) => values.base !== undefined || existsSync(join(io.root, d))), values.base);
    } catch (e) {
      if (e instanceof GitError) throw new UserError(e.message);
      throw e;
    }
    const list = changes(beforeFiles, output.files);
    if (values.format === 'markdown') {
      let apps: AppChanges | { error: string };
      try {
        const delta = compare(planAt(io.root, values.base!), planAt(io.root, 'HEAD'));
        const only = (a: { path: string }) => !envs || envs.some((e) => a.path.startsWith(`environments/${e}/`));
        apps = { created: delta.created.filter(only), deleted: delta.deleted.filter(only) };
      } catch (e) {
        apps = { error: (e as Error).message };
      }
      io.out(diffMarkdown(list, list.map(unifiedDiff), output.environments.map((r) => r.env), apps, values.base!));
      return list.length > 0 ? EXIT.findings : EXIT.ok;
    }
    for (const c of list) io.out(unifiedDiff(c));
    if (list.length > 0) io.err(`lgtm diff: ${list.length} file(s) differ\n`);
    return list.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
