import { environmentNames } from '../../lib/env/load';
import { parseOptions } from './options';
import { EXIT, UsageError, UserError, type Command } from './types';

const help = `Usage: lgtm up --env NAME [--nodes N]

Starts the environment in a local cluster on this machine and keeps it running until Ctrl-C: a real
kube-apiserver and etcd, every rendered object server-side applied, synthetic Nodes, and every
workload whose upstream program can be built here started from its rendered pod spec (npm run
upstream builds them; the first run takes minutes). Prints a table of pods, addresses and the
kubeconfig to reach the API server. Needs root (network namespaces, mounts) and Go 1.26 or newer.

Options:
  --env NAME   The environment to start.
  --nodes N    Synthetic nodes (default 3).
  -h, --help   This help.
`;

export const command: Command = {
  name: 'up',
  summary: 'Start an environment in a local cluster until Ctrl-C',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { env: { type: 'string' }, nodes: { type: 'string' } }, strict: true });
    const known = environmentNames(io.root);
    if (!values.env) throw new UsageError(`--env is required; one of ${known.join(', ')}`);
    if (!known.includes(values.env)) throw new UsageError(`unknown environment "${values.env}"; one of ${known.join(', ')}`);
    const nodes = values.nodes === undefined ? undefined : Number(values.nodes);
    if (nodes !== undefined && !(Number.isInteger(nodes) && nodes >= 1 && nodes <= 20)) throw new UsageError(`--nodes ${values.nodes}: give a whole number from 1 to 20`);
    const { withCluster } = await import('../../harness/session');
    const { podTable, waitForPods, checkServicePorts } = await import('../../harness/cluster-checks');
    try {
      await withCluster({ repoRoot: io.root, envName: values.env, ...(nodes ? { nodes } : {}), log: (l) => io.out(`${l}\n`) }, async (cluster) => {
        const problems = await waitForPods(cluster, 180_000);
        if (problems.length === 0) problems.push(...(await checkServicePorts(cluster)));
        io.out(`\n${podTable(cluster.runner.pods)}\n\n`);
        for (const p of problems) io.err(`problem: ${p}\n`);
        const grafana = cluster.runner.pods.find((p) => p.plan.name.startsWith('grafana-') && p.state === 'ready');
        io.out(grafana ? `Grafana: http://${grafana.ip}:3000\n` : 'Grafana: not running here (see the table)\n');
        io.out(`API server: ${cluster.controlPlane.server}   kubeconfig: ${cluster.stateDir}/control-plane/kubeconfig\n`);
        io.out(`Pod logs: ${cluster.stateDir}/nodes/<node>/var/log/pods/\nRunning until Ctrl-C.\n`);
        await new Promise(() => undefined);
      });
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    return EXIT.ok;
  },
};
