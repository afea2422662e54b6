// Checks that run on the rendered tree before anything is written: render, render --check and
// validate all go through here, so they can never disagree.
import type { CheckFinding, PostRenderCheck, RenderedEnvironment } from '../lib/checks';

export type { CheckFinding, PostRenderCheck } from '../lib/checks';

// Loaded on first use so that commands that never render do not pay for the validators.
const CHECKS: (() => Promise<PostRenderCheck>)[] = [
  async () => (await import('../lib/validate/render-check')).validateRendered((await import('../apps/registry')).apps),
  async () => (await import('../lib/argocd/render-check')).argocdChecks,
  async () => (await import('../lib/env/cluster-check')).oneEnvironmentPerCluster,
  // Each app's own checks (the Alloy module's Git source, for one).
  async () => {
    const { apps } = await import('../apps/registry');
    const checks = apps.flatMap((a) => a.checks ?? []);
    return async (root, environments) => (await Promise.all(checks.map((c) => c(root, environments)))).flat();
  },
  async () => {
    const { checkMetricCatalog } = await import('../lib/metrics/catalog-check');
    const { apps } = await import('../apps/registry');
    return (_root, environments) => checkMetricCatalog(environments.map((r) => r.env), apps);
  },
];

export async function postRenderChecks(root: string, environments: RenderedEnvironment[]): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const load of CHECKS) out.push(...(await (await load())(root, environments)));
  return out;
}
