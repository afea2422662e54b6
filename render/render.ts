// Evaluates environments and apps into an in-memory tree of files: nothing touches the disk here.
import { apps as registeredApps } from '../apps/registry';
import type { App } from '../apps/types';
import { loadEnvironments, type ExtraCheck } from '../lib/env/load';
import { checkStorage } from '../lib/env/storage-check';
import { checkDatabases } from '../lib/env/database-check';
import { OWNED_PATHS, renderEnvironment, type RenderedEnvironment } from './pipeline/index';
import { RenderError } from './pipeline/errors';
import { withHeader } from './pipeline/serialize';
import { environmentReport } from '../lib/report/environment';
import { postRenderChecks, type CheckFinding } from './checks';

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
  const envs = await loadEnvironments(root, options.envs, options.extraChecks ?? ENVIRONMENT_CHECKS);
  const apps = options.apps ?? registeredApps;
  const environments = envs.map((env) => renderEnvironment(env, apps));
  const files = new Map<string, string>();
  const ownedPaths: string[] = [];
  for (const r of environments) {
    for (const dir of OWNED_PATHS) ownedPaths.push(`environments/${r.env.name}/${dir}`);
    for (const o of r.objects) files.set(o.file, o.text);
    for (const f of r.files) files.set(f.path, f.content);
    files.set(`environments/${r.env.name}/README.md`, withHeader(environmentReport(r), 'html'));
  }
  const findings = await postRenderChecks(root, environments);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new RenderError(`${errors.length} check(s) failed; nothing was written:\n${errors.map((f) => `  ${f.text}`).join('\n')}`);
  }
  return { environments, files, ownedPaths, warnings: findings.filter((f) => f.severity === 'warning') };
}
