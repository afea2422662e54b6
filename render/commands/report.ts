import { reportPathOf } from '../owned';
import { renderFleetOrFail, renderOptionsOf } from './common';
import { parseOptions, RENDER_OPTIONS } from './options';
import { producedContent } from './produced';
import { EXIT, type Command } from './types';

const help = `Usage: lgtm report [--env NAME[,NAME...]] [--jobs N] [--no-cache]

Prints, per environment, the resource table (component, instances, CPU and memory requests and
limits, total), a Mermaid diagram of the topology derived from the rendered objects, where each
signal is retained and for how long, and the Argo CD Applications. Render writes the same report
to environments/<env>/README.md; an environment answered from the render cache, whose README on
disk is what render writes, is not rendered again.

Options:
  --env NAME[,NAME]  Only these environments. Default: all.
  --jobs N           Render on N threads, as lgtm render does.
  --no-cache         Render every environment, ignoring the per-environment cache in .cache/render/.
  -h, --help         This help.
`;

export const command: Command = {
  name: 'report',
  summary: 'Print the resource, topology and retention report',
  help,
  async run(args, io) {
    const { values } = parseOptions({ args, options: RENDER_OPTIONS, strict: true });
    const fleet = await renderFleetOrFail(io, { ...renderOptionsOf(values, io.root), contents: true });
    const reports = fleet.produced.map(({ env, files }) => {
      const path = reportPathOf(env.name);
      const digest = files.find(([p]) => p === path)?.[1];
      if (digest === undefined) throw new Error(`render produced no ${path}`);
      // The README is the report under render's one-line header.
      const readme = producedContent(io.root, fleet, path, digest);
      return readme.slice(readme.indexOf('\n') + 1);
    });
    io.out(reports.join('\n'));
    return EXIT.ok;
  },
};
