// One environment, start to finish: load its env.ts, render every app, write its report, and run
// the checks that read only this environment. The serial render and the render workers both call
// this, so a render on many cores produces what one on a single core does.
import type { App } from '../apps/types';
import { EnvironmentError, loadEnvironment, type ExtraCheck } from '../lib/env/load';
import type { Environment } from '../lib/env/types';
import { environmentReport } from '../lib/report/environment';
import { environmentFindings, type CheckFinding } from './checks';
import { renderEnvironment, type RenderedEnvironment } from './pipeline/index';
import { RenderError } from './pipeline/errors';
import { withHeader } from './pipeline/serialize';
import { ownedPathsOf, reportPathOf } from './owned';

export interface EnvironmentOutput {
  rendered: RenderedEnvironment;
  /** Every file render owns for the environment, by repository-relative path, in a stable order. */
  files: Map<string, string>;
  /** The owned paths (repository-relative) that render rewrites whole. */
  ownedPaths: string[];
  /** Findings of the environment checks. */
  findings: CheckFinding[];
}

/** The files of a rendered environment: its objects, its apps' files and its README. */
export function filesOf(r: RenderedEnvironment): Map<string, string> {
  const files = new Map<string, string>();
  for (const o of r.objects) files.set(o.file, o.text);
  for (const f of r.files) files.set(f.path, f.content);
  files.set(reportPathOf(r.env.name), withHeader(environmentReport(r), 'html'));
  return files;
}

/** Renders a loaded environment; throws RenderError when an app fails. */
export async function renderLoaded(env: Environment, apps: readonly App[]): Promise<EnvironmentOutput> {
  const rendered = renderEnvironment(env, apps);
  return { rendered, files: filesOf(rendered), ownedPaths: ownedPathsOf(env.name), findings: await environmentFindings(rendered, apps) };
}

/**
 * Loads and renders one environment. A mistake of the user (the env.ts, an app that refuses the
 * values) comes back as `{ error }`; anything else is a bug and is thrown.
 */
export async function renderNamed(root: string, name: string, apps: readonly App[], extraChecks: ExtraCheck[]): Promise<EnvironmentOutput | { error: string }> {
  try {
    return await renderLoaded(await loadEnvironment(root, name, extraChecks), apps);
  } catch (e) {
    if (e instanceof EnvironmentError || e instanceof RenderError) return { error: e.message };
    throw e;
  }
}
