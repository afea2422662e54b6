// Adding an environment the README's way works end to end: copy an existing env.ts, change name,
// cluster, revision and retention, render, and every check passes. The suite must not depend on
// the shipped environment list.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { environmentNames } from '../../lib/env/load';
import { lgtm, tempRepo } from '../helpers/tmp-repo';

test('a copied environment with its own name, cluster, revision and retention renders, checks and validates clean', async () => {
  const repo = tempRepo();
  try {
    const [source] = environmentNames(repo.root);
    const text = readFileSync(join(repo.root, 'environments', source!, 'env.ts'), 'utf8');
    const added = text
      .replace(new RegExp(`name: '${source}'`, 'g'), "name: 'qa-added'")
      .replace(/server: '[^']*'/, "server: 'https://qa-added.k8s.example.internal:6443'")
      .replace(/defineEnvironment\(\{/, "defineEnvironment({ git: { revision: 'main' }, retention: { metrics: '10d', logs: '5d', traces: '3d' },")
      .replace(/\n  git: \{[^}]*\},/, '')
      .replace(/\n  retention: \{[^}]*\},/, '');
    mkdirSync(join(repo.root, 'environments', 'qa-added'));
    writeFileSync(join(repo.root, 'environments', 'qa-added', 'env.ts'), added);
    const render = await lgtm(repo.root, 'render');
    expect([render.code, render.err.split('\n').filter((l) => !l.startsWith('warning:')).join('\n')]).toEqual([0, '']);
    expect((await lgtm(repo.root, 'render', '--check')).code).toBe(0);
    const validate = await lgtm(repo.root, 'validate');
    expect([validate.code, validate.out.split('\n')[0]]).toEqual([0, expect.stringContaining('0 error(s)')]);
    expect(readFileSync(join(repo.root, 'environments', 'qa-added', 'README.md'), 'utf8')).toContain('10d');
  } finally {
    repo.cleanup();
  }
});

test('two environments aimed at one cluster are refused at render, naming both files', async () => {
  const repo = tempRepo();
  try {
    const [a, b] = environmentNames(repo.root);
    const serverOf = (name: string) => /server: '([^']*)'/.exec(readFileSync(join(repo.root, 'environments', name, 'env.ts'), 'utf8'))![1]!;
    const fileB = join(repo.root, 'environments', b!, 'env.ts');
    writeFileSync(fileB, readFileSync(fileB, 'utf8').replace(/server: '[^']*'/, `server: '${serverOf(a!)}'`));
    const r = await lgtm(repo.root, 'render', '--check');
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toContain(`environments/${a}/env.ts, environments/${b}/env.ts: cluster.server: all name ${serverOf(a!)}; one environment per cluster`);
  } finally {
    repo.cleanup();
  }
});
