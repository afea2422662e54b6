// The database exporters (apps/db-exporters), scraped by the Alloy of the node each runs on. They
// are selected by a label only those Deployments set, never by annotation, so the opt-in pod
// section cannot scrape them a second time. `job` is `<namespace>/<database>`.
import { DATABASE_LABEL, EXPORTER_COMPONENT, EXPORTER_PORT } from '../../db-exporters/index';
import type { SectionBuilder } from './section';
import { POD, copy, literal, rule } from './rules';
import { podScrape } from './scrape';

/** Discovery's name for a pod label: every character outside [a-zA-Z0-9_] becomes `_`. */
export function podLabelMeta(label: string): string {
  return `${POD}label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

export const databaseMetrics: SectionBuilder = (w) =>
  podScrape(w, 'database_metrics', () => [
    rule({
      source_labels: [podLabelMeta('app.kubernetes.io/component'), `${POD}container_port_name`],
      regex: `${literal(EXPORTER_COMPONENT)};${literal(EXPORTER_PORT)}`,
      action: 'keep',
    }),
    rule({ source_labels: [`${POD}phase`], regex: 'Running', action: 'keep' }),
    copy('__meta_kubernetes_namespace', 'namespace'),
    copy(`${POD}name`, 'pod'),
    rule({ source_labels: ['__meta_kubernetes_namespace', podLabelMeta(DATABASE_LABEL)], separator: '/', regex: '(.+/.+)', target_label: 'job' }),
  ]);
