// The documented bootstrap is the command the code means: server-side, as Argo CD's own field
// manager, so that Argo CD alone owns the fields it later syncs.
import { readFileSync } from 'node:fs';
import { ARGOCD_FIELD_MANAGER, bootstrapCommand } from '../../lib/argocd/names';

const root = new URL('../..', import.meta.url).pathname;

test.each(['README.md', 'docs/argocd.md', 'docs/operations.md'])('every kubectl apply of an argocd folder in %s is the bootstrap command', (file) => {
  const text = readFileSync(`${root}${file}`, 'utf8');
  const commands = [...text.matchAll(/kubectl apply[^`\n]*manifests\/argocd\/?/g)].map((m) => m[0]);
  for (const c of commands) expect(c).toBe(bootstrapCommand('<env>'));
  if (file !== 'README.md') expect(commands.length).toBeGreaterThan(0);
});

test("the manager is the one Argo CD's server-side apply uses", () => {
  expect(ARGOCD_FIELD_MANAGER).toBe('argocd-controller');
});
