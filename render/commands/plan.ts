// `lgtm plan`: the Applications Argo CD would create from a Git revision, and with --base the
// ones a change creates and deletes: the mass-deletion guard a reviewer needs on a folder rename.
import { GitError } from '../../lib/git/read';
import { snapshotWorkTree, uncommitted } from '../../lib/git/snapshot';
import { compare, planAt, type Plan, type PlanOptions, type PlannedApp } from '../../lib/argocd/plan';
import { parseOptions } from './options';
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm plan [--rev REV] [--base REV [--allow-delete]]

Reads this repository at REV with git (committed files only, no checkout), expands every
ApplicationSet under environments/*/manifests/argocd/ as Argo CD's Git directory generator does,
and prints one line per Application: name, project, source path, destination, sync mode and the
number of objects in its folder. Argo CD follows the revision named in each environment
(env.git.revision); plan shows what it would do once that revision points at REV.

Errors reported (exit 1):
  missing-path         the source path does not exist (Argo CD cannot build the app; a vanished app
                       folder leaves its Application behind, unable to sync: see --base)
  empty-path           the path holds no Kubernetes object
  not-plain-directory  the folder would not be read as plain YAML (a kustomization.yaml read as an
                       object, a .jsonnet file evaluated, .argocd-source*.yaml overrides, ...)
  template             a template key that does not resolve (missingkey=error), a bad index
  duplicate-name       two Applications with one name
  shared-resource      one object rendered by two Applications for the same cluster
  invalid-name, glob, empty-generator, project, parse, unsupported
Warnings (exit 0):
  unprotected-namespace  a Namespace that deleting or pruning its Application would delete
  not-an-object        a YAML document without apiVersion and kind, which Argo CD skips

Committed files only: uncommitted changes under environments/ are named in a warning and not
planned, unless --worktree plans the work tree as it is (a snapshot commit, your index untouched).

Options:
  --rev REV        The revision to plan. Default: HEAD.
  --worktree       Plan the work tree, uncommitted changes included, instead of a revision.
  --base REV       Also list the Applications created since REV and those whose folder is gone
                   (the ApplicationSet keeps them: create-update). A rename, where a new
                   Application renders every object of the old one, passes with the steps to
                   finish it; exits 1 when objects would be left running with no Application.
  --allow-delete   With --base: report left-behind objects without failing.
  --include-hidden-directories
                   Plan as a repo server started with --include-hidden-directories does: hidden
                   folders (.name) become Applications too. Default: skipped, as Argo CD does.
  -h, --help       This help.

Exit codes: 0 ok, 1 errors or a deletion, 2 bad usage, 3 git failed (unknown revision).
`;

function table(apps: PlannedApp[]): string {
  const rows = [
    ['NAME', 'PROJECT', 'PATH', 'DESTINATION', 'SYNC', 'OBJECTS'],
    ...apps.map((a) => [a.name, a.project, a.path, `${a.namespace}@${a.server}`, a.sync, String(a.objects)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function snapshot(root: string): string {
  try {
    return snapshotWorkTree(root);
  } catch (e) {
    throw new UserError(`cannot snapshot the work tree: ${(e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0] ?? (e as Error).message}`);
  }
}

function uncommittedUnder(root: string): string[] {
  try {
    return uncommitted(root, ['environments']);
  } catch {
    return []; // not a Git work tree: planAt says so
  }
}

function plan(root: string, rev: string, options: PlanOptions): Plan {
  try {
    return planAt(root, rev, options);
  } catch (e) {
    if (e instanceof GitError) throw new UserError(e.message);
    throw e;
  }
}

export const command: Command = {
  name: 'plan',
  summary: 'List the Argo CD Applications a Git revision produces, and those a change creates or deletes',
  help,
  async run(args, io) {
    const { values } = parseOptions({
      args,
      options: { rev: { type: 'string' }, base: { type: 'string' }, 'allow-delete': { type: 'boolean' }, worktree: { type: 'boolean' }, 'include-hidden-directories': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (values['allow-delete'] && values.base === undefined) throw new UsageError('--allow-delete only makes sense with --base REV');
    if (values.worktree && values.rev !== undefined) throw new UsageError('--worktree and --rev name two different trees; give one');
    let rev = values.rev ?? 'HEAD';
    if (values.worktree) {
      rev = snapshot(io.root);
    } else if (values.rev === undefined) {
      const dirty = uncommittedUnder(io.root);
      if (dirty.length) io.err(`warning: uncommitted: ${dirty.length} file(s) under environments/ differ from HEAD and are not planned (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit them, or plan them with --worktree\n`);
    }
    const options: PlanOptions = { includeHiddenDirectories: values['include-hidden-directories'] === true };
    const head = plan(io.root, rev, options);
    io.out(`Applications at ${values.worktree ? 'the work tree' : rev} (${head.commit.slice(0, 12)}):\n`);
    io.out(table(head.applications));
    let failed = head.findings.length > 0;
    for (const f of head.findings) io.err(`error: ${f.class}: ${f.message}\n`);
    for (const w of head.warnings) io.err(`warning: ${w.class}: ${w.message}\n`);

    if (values.base !== undefined) {
      const base = plan(io.root, values.base, options);
      const change = compare(base, head);
      io.out(`\nSince ${values.base} (${base.commit.slice(0, 12)}): ${change.created.length} created, ${change.deleted.length} without a folder\n`);
      for (const a of change.created) io.out(`  + ${a.name}  ${a.path}\n`);
      for (const a of change.deleted) io.out(`  - ${a.name}  ${a.path}\n`);
      // The ApplicationSet keeps an Application whose folder is gone (create-update); it can no
      // longer build its manifests, so it neither syncs nor prunes and cannot fight the new one.
      for (const t of change.takeovers) {
        io.out(
          `  ${t.to.name} takes over ${t.resources} object(s) of ${t.from.name}: a rename. ${t.from.name} stays, unable to build its folder; ` +
            `once ${t.to.name} has synced, delete it without cascade: argocd app delete ${t.from.name} --cascade=false\n`,
        );
      }
      for (const { from, resources } of change.abandoned) {
        const what = `${from.name}'s folder is gone and no Application renders ${resources.length} of its object(s) (${resources.slice(0, 3).join(', ')}${resources.length > 3 ? ', …' : ''}): they stay in the cluster, unmanaged, until ${from.name} is deleted with cascade (argocd app delete ${from.name})`;
        if (values['allow-delete']) {
          io.err(`warning: ${what}; allowed by --allow-delete\n`);
        } else {
          io.err(`error: ${what}; pass --allow-delete if removing them is intended\n`);
          failed = true;
        }
      }
    }
    return failed ? EXIT.findings : EXIT.ok;
  },
};
