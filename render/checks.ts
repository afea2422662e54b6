// Checks that run on the rendered tree before anything is written: render, render --check and
// validate all go through here, so they can never disagree. Environment checks read one rendered
// environment and nothing else, so their findings are cached with it; fleet checks read several
// environments, or the clone's Git refs, and run at every render.
import type { App } from '../apps/types';
import { mergeShared, type CheckFinding, type FleetCheck, type FleetEnvironment, type RenderedEnvironment } from '../lib/checks';
import type { GitReader } from '../lib/git/reader';
import { failedChecks } from './pipeline/errors';

export type { CheckFinding } from '../lib/checks';

// Loaded on first use so that commands that never render do not pay for the validators.
async function environmentChecks(apps: readonly App[]) {
  const [{ validateRendered }, { argocdChecks }, { metricCatalogCheck }] = await Promise.all([
    import('../lib/validate/render-check'),
    import('../lib/argocd/render-check'),
    import('../lib/metrics/catalog-check'),
  ]);
  return [validateRendered(apps), argocdChecks, metricCatalogCheck(apps)];
}

async function fleetChecks(): Promise<FleetCheck[]> {
  const { oneEnvironmentPerCluster } = await import('../lib/env/cluster-check');
  const { appFleetChecks } = await import('../apps/fleet-checks');
  return [oneEnvironmentPerCluster, ...appFleetChecks];
}

export async function environmentFindings(rendered: RenderedEnvironment, apps: readonly App[]): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const check of await environmentChecks(apps)) out.push(...(await check(rendered)));
  return out;
}

export async function fleetFindings(root: string, environments: FleetEnvironment[], git: GitReader): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const check of await fleetChecks()) out.push(...(await check(root, environments, git)));
  return out;
}

/** The warnings among all findings, shared ones merged; any error throws, and nothing may be written. */
export function warningsOrFail(findings: readonly CheckFinding[]): CheckFinding[] {
  const merged = mergeShared(findings);
  const errors = merged.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw failedChecks(errors);
  return merged.filter((f) => f.severity === 'warning');
}
