// Synthetic environments for the fleet benchmark and the render cache tests: copies of the
// repository's own environments under new names, each on its own API server (render refuses two
// environments on one), in rotation so that sizes, storage, sync policies and namespaces vary.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentNames } from '../../lib/env/load';

/** The name of the `i`-th synthetic environment. */
export const syntheticName = (i: number) => `synthetic-${String(i).padStart(4, '0')}`;

/**
 * Writes `count` environments into `root` (which already has environments/defaults.ts), modelled
 * on the environments of `source`, one after the other. Returns their names.
 */
export function writeSyntheticEnvironments(source: string, root: string, count: number): string[] {
  const models = environmentNames(source).map((name) => ({ name, text: readFileSync(join(source, 'environments', name, 'env.ts'), 'utf8') }));
  if (models.length === 0) throw new Error(`${source}/environments: no env.ts to model synthetic environments on`);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const model = models[i % models.length]!;
    const name = syntheticName(i);
    const named = model.text.replace(`name: '${model.name}',`, `name: '${name}',\n  namespace: 'observability-${i % 7}',`);
    const env = named.replace(/cluster: \{ name: '[^']*', server: '[^']*'/, `cluster: { name: '${name}', server: 'https://${name}.clusters.example:6443'`);
    if (named === model.text || !env.includes(`server: 'https://${name}.`)) {
      throw new Error(`bench/lib/fleet.ts: environments/${model.name}/env.ts no longer has \`name: '${model.name}',\` and \`cluster: { name: '…', server: '…'\`; update writeSyntheticEnvironments`);
    }
    cpSync(join(source, 'environments', model.name), join(root, 'environments', name), { recursive: true, filter: (src) => !/\/(manifests|alloy)(\/|$)|README\.md$/.test(src) });
    writeFileSync(join(root, 'environments', name, 'env.ts'), env);
    names.push(name);
  }
  return names;
}

/** Copies what `bin/lgtm.mjs` runs (sources, the lockfile; node_modules linked) from `source` to `dest`. */
export function copyProgram(source: string, dest: string): void {
  for (const d of ['apps', 'lib', 'render', 'harness', 'bin']) cpSync(join(source, d), join(dest, d), { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(source, f), join(dest, f));
  symlinkSync(join(source, 'node_modules'), join(dest, 'node_modules'));
}

/**
 * A temporary repository holding the program, the defaults and `count` synthetic environments,
 * committed to Git with a branch for every revision they follow, as a platform team's fleet is.
 */
export function fleetRepository(source: string, count: number): string {
  const root = mkdtempSync(join(tmpdir(), 'lgtm-fleet-'));
  copyProgram(source, root);
  mkdirSync(join(root, 'environments'), { recursive: true });
  cpSync(join(source, 'environments', 'defaults.ts'), join(root, 'environments', 'defaults.ts'));
  const names = writeSyntheticEnvironments(source, root, count);
  const revisions = new Set(names.map((n) => /revision: '([^']+)'/.exec(readFileSync(join(root, 'environments', n, 'env.ts'), 'utf8'))?.[1] ?? 'main'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.cache/\ndist/\n');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'fleet');
  for (const r of revisions) if (r !== 'main') git('branch', r);
  return root;
}
