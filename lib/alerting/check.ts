// Render-time checks of the alert rules: every expression parses with the PromQL grammar (rule
// expressions reach Mimir verbatim, so no Grafana macro is substituted), and every alert has the
// annotations on-call needs.
import { checkQuery } from '../grafana/query-check';
import type { RuleNamespace } from './types';

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** All problems in the rule files, one line each; empty when they are fine. */
export function checkRules(namespaces: readonly RuleNamespace[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const ns of namespaces) {
    for (const group of ns.groups) {
      for (const rule of group.rules) {
        const where = `rule file ${ns.namespace}.yaml, group "${group.name}", alert ${rule.alert}`;
        const earlier = seen.get(rule.alert);
        if (earlier) errors.push(`${where}: the alert name is also used in ${earlier}; alert names must be unique`);
        else seen.set(rule.alert, `${ns.namespace}.yaml`);
        const problem = checkQuery('promql', rule.expr);
        if (problem) errors.push(`${where}: ${problem}: ${rule.expr}`);
        if (!DURATION.test(rule.for)) errors.push(`${where}: "for: ${rule.for}" is not a duration such as 5m`);
        for (const key of ['summary', 'description', 'runbook_url'] as const) {
          if (!rule.annotations[key]?.trim()) errors.push(`${where}: annotation ${key} is empty`);
        }
      }
    }
  }
  return errors;
}
