// Dashboards ship as one ConfigMap per Grafana folder, mounted (without subPath, so kubelet
// propagates updates) under the file provider's directory; `foldersFromFilesStructure` turns each
// sub-directory into a folder. Grafana re-reads them within `updateIntervalSeconds`, so a changed
// dashboard needs no restart.
import { stringify } from 'yaml';
import type { KubeObject } from '../../lib/k8s/types';
import type { RenderedDashboard } from './dashboards/index';
import { SYNC_OPTIONS_ANNOTATION } from '../../lib/argocd/names';

export const DASHBOARDS_DIR = '/etc/grafana/dashboards';

/**
 * Client-side apply stores the whole object in an annotation capped at 256 KiB; above half of
 * that a folder's ConfigMap is marked for server-side apply, leaving room for growth.
 */
export const SERVER_SIDE_APPLY_BYTES = 128 * 1024;
/** The API server's limit on a ConfigMap's size. */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

export interface FolderMount {
  folder: string;
  configMap: KubeObject;
  volume: Record<string, unknown>;
  mount: Record<string, unknown>;
}

/** Lower-case DNS-label form of a folder name, for object and volume names. */
export function folderSlug(folder: string): string {
  const slug = folder.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!slug) throw new Error(`dashboard folder "${folder}" has no letters or digits to name its ConfigMap after`);
  return slug;
}

/** Deterministic dashboard JSON: the file provider reads it, reviewers diff it. */
export function dashboardJson(d: RenderedDashboard): string {
  return `${JSON.stringify(d.dashboard, null, 2)}\n`;
}

export function folderMounts(dashboards: readonly RenderedDashboard[]): FolderMount[] {
  const byFolder = new Map<string, RenderedDashboard[]>();
  for (const d of dashboards) byFolder.set(d.folder, [...(byFolder.get(d.folder) ?? []), d]);
  return [...byFolder.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, list]) => {
      const slug = folderSlug(folder);
      const name = `grafana-dashboards-${slug}`;
      const data = Object.fromEntries(list.map((d) => [`${d.uid}.json`, dashboardJson(d)]));
      const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
      const size = Buffer.byteLength(JSON.stringify(configMap));
      if (size > CONFIGMAP_MAX_BYTES) {
        throw new Error(
          `dashboard folder "${folder}" renders a ${size}-byte ConfigMap ${name}, over the 1 MiB limit; move dashboards to another folder`,
        );
      }
      if (size > SERVER_SIDE_APPLY_BYTES) configMap.metadata.annotations = { [SYNC_OPTIONS_ANNOTATION]: 'ServerSideApply=true' };
      return {
        folder,
        configMap,
        volume: { name: `dashboards-${slug}`, configMap: { name } },
        mount: { name: `dashboards-${slug}`, mountPath: `${DASHBOARDS_DIR}/${folder}`, readOnly: true },
      };
    });
}

/** `/etc/grafana/provisioning/dashboards/lgtm.yaml`. */
export function dashboardProviderFile(): string {
  return stringify(
    {
      apiVersion: 1,
      providers: [
        {
          name: 'lgtm',
          orgId: 1,
          type: 'file',
          // Dashboards live in Git: the UI may neither delete nor save them.
          disableDeletion: true,
          allowUiUpdates: false,
          updateIntervalSeconds: 30,
          options: { path: DASHBOARDS_DIR, foldersFromFilesStructure: true },
        },
      ],
    },
    { lineWidth: 0 },
  );
}
