// Every dashboard this repository ships, and the folder it lands in.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Environment } from '../../../lib/env/types';
import type { DashboardDefinition } from './common';
import { kubernetesOverview } from './kubernetes-overview';
import { serviceHealth } from './service-health';
import { databaseMonitoring } from './database-monitoring';
import { traceExplorer } from './trace-explorer';
import { logExplorer } from './log-explorer';
import { securityMetrics } from './security-metrics';
import { lgtmStack } from './lgtm-stack';

export const DASHBOARDS: readonly DashboardDefinition[] = [
  kubernetesOverview,
  serviceHealth,
  databaseMonitoring,
  traceExplorer,
  logExplorer,
  securityMetrics,
  lgtmStack,
];

export interface RenderedDashboard {
  uid: string;
  folder: string;
  dashboard: Dashboard;
}

export function renderDashboards(env: Environment, definitions: readonly DashboardDefinition[] = DASHBOARDS): RenderedDashboard[] {
  return definitions.map((d) => {
    const dashboard = d.build(env);
    if (dashboard.uid !== d.uid) {
      throw new Error(`dashboard module for "${d.uid}" built a dashboard with uid "${dashboard.uid}"; make them equal`);
    }
    return { uid: d.uid, folder: d.folder, dashboard };
  });
}
