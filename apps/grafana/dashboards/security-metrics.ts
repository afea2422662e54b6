// Security Metrics: Trivy operator reports, pushed to the Pushgateway and scraped with
// `honor_labels`, so the series keep Trivy's own labels (namespace, resource, image, severity).
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, labelVariable, stat, table, timeseries } from './common';

const NS = 'namespace=~"$namespace"';
const bySeverity = (severity: string) => `sum(trivy_image_vulnerabilities{severity="${severity}",${NS}}) or vector(0)`;

export const securityMetrics = defineDashboard(
  { uid: 'lgtm-security', folder: 'Security', title: 'Security Metrics', tags: ['trivy', 'security'] },
  (d) =>
    d
      .withVariable(labelVariable('namespace', 'namespace', 'trivy_image_vulnerabilities'))
      .withRow(new RowBuilder('Image vulnerabilities'))
      .withPanel(stat('Critical', 'short', bySeverity('Critical')))
      .withPanel(stat('High', 'short', bySeverity('High')))
      .withPanel(stat('Medium', 'short', bySeverity('Medium')))
      .withPanel(
        // The Pushgateway stamps every push; a stale report means the scan stopped, not that images are clean.
        stat('Hours since the last Trivy push', 'h', 'min(time() - push_time_seconds{job=~".*trivy.*"}) / 3600'),
      )
      .withPanel(
        timeseries('Vulnerabilities by severity', 'short', [
          [`sum by (severity) (trivy_image_vulnerabilities{${NS}})`, '{{severity}}'],
        ]),
      )
      .withPanel(
        timeseries('Critical and high vulnerabilities by namespace', 'short', [
          [`sum by (namespace) (trivy_image_vulnerabilities{severity=~"Critical|High",${NS}})`, '{{namespace}}'],
        ]),
      )
      .withPanel(
        table(
          'Images with critical or high vulnerabilities',
          `sort_desc(sum by (namespace, resource_kind, resource_name, image_repository, image_tag, severity) (trivy_image_vulnerabilities{severity=~"Critical|High",${NS}}) > 0)`,
        ),
      )
      .withRow(new RowBuilder('Configuration, secrets and RBAC'))
      .withPanel(
        timeseries('Configuration audit findings', 'short', [
          [`sum by (severity) (trivy_resource_configaudits{${NS}})`, '{{severity}}'],
        ], 8),
      )
      .withPanel(
        timeseries('Exposed secrets in images', 'short', [
          [`sum by (severity) (trivy_image_exposedsecrets{${NS}})`, '{{severity}}'],
        ], 8),
      )
      .withPanel(
        timeseries('RBAC assessment findings', 'short', [
          [`sum by (severity) (trivy_role_rbacassessments{${NS}})`, '{{severity}}'],
        ], 8),
      ),
);
