// Checks across environments: one environment per cluster. Two environments that name the same API
// server would be synced by Argo CD into one cluster, each pruning and overwriting the other's
// objects (same namespace, same names), and their series would carry two cluster labels.
import type { CheckFinding, FleetCheck } from '../checks';

export const oneEnvironmentPerCluster: FleetCheck = (_root, environments) => {
  const byServer = new Map<string, string[]>();
  for (const { env } of environments) byServer.set(env.cluster.server, [...(byServer.get(env.cluster.server) ?? []), env.name]);
  const out: CheckFinding[] = [];
  for (const [server, names] of byServer) {
    if (names.length < 2) continue;
    const files = names.map((n) => `environments/${n}/env.ts`).join(', ');
    out.push({ severity: 'error', text: `${files}: cluster.server: all name ${server}; one environment per cluster, so give each its own API server (or merge them) (one-environment-per-cluster)` });
  }
  return out;
};
