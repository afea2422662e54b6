// Evaluates environments and apps into an in-memory tree of files, one environment after the
// other, every file's content at hand: what `diff` and `report` need. Nothing touches the disk.
// `render` and `render --check` go through render/fleet/, which adds the cache and the workers on
// top of the same steps.
import type { App } from '../apps/types';
import { selectEnvironments, type ExtraCheck } from '../lib/env/load';
import { checkStorage } from '../lib/env/storage-check';
import { checkDatabases } from '../lib/env/database-check';
import type { CheckFinding, FleetEnvironment, RenderedEnvironment } from '../lib/checks';
import { gitReader } from '../lib/git/reader';
import { RenderError } from './pipeline/errors';
import { fleetFindings, warningsOrFail } from './checks';
import { renderNamed } from './environment';

export interface RenderOutput {
  environments: RenderedEnvironment[];
  /** Desired content of every owned file, by repository-relative path. */
  files: Map<string, string>;
  /** Owned folders and files (repo-relative) that render rewrites whole; anything else in them is stale. */
  ownedPaths: string[];
  /** Non-fatal findings (warnings) to print. */
  warnings: CheckFinding[];
}

export interface RenderOptions {
  envs?: string[];
  apps?: readonly App[];
  extraChecks?: ExtraCheck[];
}

/** Load-time checks beyond the environment's own shape, contributed by the apps that read the values. */
export const ENVIRONMENT_CHECKS: ExtraCheck[] = [checkStorage, checkDatabases];

export async function renderAll(root: string, options: RenderOptions = {}): Promise<RenderOutput> {
  const apps = options.apps ?? (await import('../apps/registry')).apps;
  const environments: RenderedEnvironment[] = [];
  const files = new Map<string, string>();
  const ownedPaths: string[] = [];
  const findings: CheckFinding[] = [];
  const fleet: FleetEnvironment[] = [];
  const failures: string[] = [];
  for (const name of selectEnvironments(root, options.envs)) {
    const out = await renderNamed(root, name, apps, options.extraChecks ?? ENVIRONMENT_CHECKS);
    if ('error' in out) {
      failures.push(out.error);
      continue;
    }
    environments.push(out.rendered);
    fleet.push({ env: out.rendered.env, paths: [...out.files.keys()] });
    ownedPaths.push(...out.ownedPaths);
    for (const [p, c] of out.files) files.set(p, c);
    findings.push(...out.findings);
  }
  if (failures.length > 0) throw new RenderError(failures.join('\n'));
  findings.push(...(await fleetFindings(root, fleet, gitReader(root))));
  return { environments, files, ownedPaths, warnings: warningsOrFail(findings) };
}
