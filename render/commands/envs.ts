import { loadEnvironments, EnvironmentError } from '../../lib/env/load';
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
    let envs;
    try {
      envs = await loadEnvironments(io.root);
    } catch (e) {
      if (e instanceof EnvironmentError) throw new UserError(e.message);
      throw e;
    }
    if (values.json) {
      io.out(JSON.stringify(envs.map((e) => ({ name: e.name, cluster: e.cluster.name, server: e.cluster.server, namespace: e.namespace, revision: e.git.revision, sync: e.sync.mode })), null, 2) + '\n');
      return EXIT.ok;
    }
    const rows = [['NAME', 'CLUSTER', 'SERVER', 'NAMESPACE', 'REVISION', 'SYNC']];
    for (const e of envs) rows.push([e.name, e.cluster.name, e.cluster.server, e.namespace, e.git.revision, e.sync.mode]);
    io.out(table(rows));
    return EXIT.ok;
  },
};
