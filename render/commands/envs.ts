import { environmentNames, loadEnvironment, EnvironmentError } from '../../lib/env/load';
import type { Environment } from '../../lib/env/types';
import { parseOptions } from './options';
import { EXIT, UserError, type Command } from './types';

const help = `Usage: lgtm envs [--json]

Lists the environments: name, cluster, API server, stack namespace, Git revision and sync mode.

Options:
  --json      Print JSON instead of a table.
  -h, --help  This help.
`;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export const command: Command = {
  name: 'envs',
  summary: 'List the environments',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { json: { type: 'boolean' } }, strict: true });
    // Each environment on its own: one broken env.ts must not hide the others.
    const results: ({ name: string; env: Environment } | { name: string; error: string })[] = [];
    for (const name of environmentNames(io.root)) {
      try {
        results.push({ name, env: await loadEnvironment(io.root, name) });
      } catch (e) {
        if (!(e instanceof EnvironmentError)) throw e;
        results.push({ name, error: e.message });
      }
    }
    const broken = results.filter((r) => 'error' in r);
    if (values.json) {
      io.out(
        JSON.stringify(
          results.map((r) => ('error' in r ? { name: r.name, error: r.error } : { name: r.name, cluster: r.env.cluster.name, server: r.env.cluster.server, namespace: r.env.namespace, revision: r.env.git.revision, sync: r.env.sync.mode })),
          null,
          2,
        ) + '\n',
      );
    } else {
      const rows = [['NAME', 'CLUSTER', 'SERVER', 'NAMESPACE', 'REVISION', 'SYNC']];
      for (const r of results) rows.push('error' in r ? [r.name, 'BROKEN', '-', '-', '-', '-'] : [r.name, r.env.cluster.name, r.env.cluster.server, r.env.namespace, r.env.git.revision, r.env.sync.mode]);
      io.out(table(rows));
    }
    if (broken.length === 0) return EXIT.ok;
    throw new UserError(`${broken.length} environment(s) could not be loaded:\n${broken.map((b) => `  ${'error' in b ? b.error : ''}`).join('\n')}`);
  },
};
