import type { Command } from './types';

// Commands load lazily so `lgtm render --check` in the pre-commit hook pays only for what it runs.
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  render: { summary: 'Render every environment into environments/<env>/ (or --check that the tree is current)', load: async () => (await import('./render')).command },
  diff: { summary: 'Show what render would change, or what changed since a Git revision', load: async () => (await import('./diff')).command },
  report: { summary: 'Print the resource table, topology diagram and retention per environment', load: async () => (await import('./report')).command },
  validate: { summary: 'Validate manifests offline: strict schemas, policies and cross-object references', load: async () => (await import('./validate')).command },
  envs: { summary: 'List the environments: name, cluster, namespace and revision', load: async () => (await import('./envs')).command },
  plan: { summary: 'List the Argo CD Applications a revision produces; with --base, those created and deleted', load: async () => (await import('./plan')).command },
  fmt: { summary: 'Format an Alloy file exactly as alloy fmt does (-w to write, --test to check)', load: async () => (await import('./fmt')).command },
  vet: { summary: 'Check Alloy configurations and modules: references, cycles, component arguments', load: async () => (await import('./vet')).command },
  up: { summary: 'Start an environment in a local cluster (real API server, rendered pods) until Ctrl-C', load: async () => (await import('./up')).command },
  bench: { summary: 'Print speed and memory figures for render, validation and the Alloy syntax', load: async () => (await import('./bench')).command },
};
