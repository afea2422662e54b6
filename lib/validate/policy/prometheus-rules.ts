// PrometheusRule objects as Mimir's ruler receives them (through Alloy's mimir.rules.kubernetes or
// the operator): each rule records or alerts, its expression is PromQL, and group names are
// unique within the object. Mimir refuses the whole group otherwise, and the operator's admission
// webhook refuses the object, so these are schema findings, not policies.
import { checkQuery } from '../../grafana/query-check';
import type { KubeObject } from '../../k8s/types';
import { isMap, listOf, type ObjectCheck, type ObjectReport } from '../report';

export const prometheusRuleChecks: ObjectCheck = (object, report) => {
  // The rules are checked apart: their closures would cost every other object a context.
  if (object.kind === 'PrometheusRule' && String(object.apiVersion).startsWith('monitoring.coreos.com/')) checkRules(object, report);
};

function checkRules(object: KubeObject, report: ObjectReport): void {
  const spec = isMap(object.spec) ? object.spec : {};
  const names = new Map<string, number>();
  listOf(spec.groups).forEach((group, g) => {
    if (!isMap(group)) return;
    const at = ['spec', 'groups', g];
    if (typeof group.name === 'string') {
      const first = names.get(group.name);
      if (first !== undefined) report('rule-expression', [...at, 'name'], `group "${group.name}" is already spec.groups[${first}]; the ruler keeps one group per name, so rename one`);
      else names.set(group.name, g);
    }
    listOf(group.rules).forEach((rule, r) => {
      if (!isMap(rule)) return;
      const path = [...at, 'rules', r];
      const kinds = ['record', 'alert'].filter((k) => rule[k] !== undefined);
      if (kinds.length !== 1) {
        report('rule-expression', path, kinds.length === 0 ? 'rule has neither record nor alert; set one of them' : 'rule has both record and alert; a rule is one or the other');
      }
      if (typeof rule.expr === 'number') return;
      const reason = typeof rule.expr === 'string' ? checkQuery('promql', rule.expr) : 'expr is missing; write the PromQL expression';
      if (reason) report('rule-expression', [...path, 'expr'], reason);
    });
  });
}
