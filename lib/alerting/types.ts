// Prometheus alerting rule files as this repository writes them: the shapes the rule check reads.

export type Severity = 'warning' | 'critical';

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: Severity };
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

/** One rule file: a ruler namespace and its groups. */
export interface RuleNamespace {
  namespace: string;
  groups: RuleGroup[];
}
