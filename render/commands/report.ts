import { environmentReport } from '../../lib/report/environment';
import { parseEnvList, renderOrFail } from './common';
import { parseOptions } from './options';
import { EXIT, type Command } from './types';

const help = `Usage: lgtm report [--env NAME[,NAME...]]

Prints, per environment, the resource table (component, instances, CPU and memory requests and
limits, total), a Mermaid diagram of the topology derived from the rendered objects, where each
signal is retained and for how long, and the Argo CD Applications. Render writes the same report
to environments/<env>/README.md.

Options:
  --env NAME[,NAME]  Only these environments. Default: all.
  -h, --help         This help.
`;

export const command: Command = {
  name: 'report',
  summary: 'Print the resource, topology and retention report',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: { env: { type: 'string', multiple: true } }, strict: true });
    const output = await renderOrFail(io, parseEnvList(values.env, io.root));
    io.out(output.environments.map((r) => environmentReport(r)).join('\n'));
    return EXIT.ok;
  },
};
