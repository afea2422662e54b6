// Alert rules for Mimir's ruler and the Alertmanager's routing, loaded GitOps-style: the rule
// files and the Alertmanager configuration ride in ConfigMaps that Mimir reads from local storage
// (apps/mimir mounts them); with collect.prometheusRules, the rules are PrometheusRule objects
// that Alloy loads into the ruler instead. Mimir polls them (ruler.poll_interval, alertmanager.poll_interval), so
// a change in Git reaches it without a restart, and a drift is repaired by Argo CD like any object:
// nothing converges only on a full sync (a PostSync hook would be skipped by self-heal syncs).
//
// Its own app rather than part of mimir: rules and routes change often and are reviewed by the
// teams who own the alerts; Mimir's own sync never waits on them.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { ruleFiles, ruleNamespaces, type RuleNamespace } from './rules';
import { alertmanagerText } from './alertmanager';
import { ALERTMANAGER_CONFIGMAP, MIMIR_TENANT, RULES_CONFIGMAP } from './names';
import { checkRules } from '../../lib/alerting/check';

/**
 * With collect.prometheusRules, each rule file becomes a PrometheusRule in the stack namespace,
 * which Alloy's mimir.rules.kubernetes loads into the ruler like the teams' own (apps/alloy/
 * module/prometheus-rules.ts): one path for every rule, converging from Git through Argo CD.
 */
function prometheusRules(namespaces: readonly RuleNamespace[]): KubeObject[] {
  return namespaces.map((ns) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: ns.namespace },
    spec: { groups: ns.groups },
  }));
}

export function renderAlerting(env: Environment) {
  const namespaces = ruleNamespaces(env);
  const problems = checkRules(namespaces);
  if (problems.length > 0) {
    throw new Error(`alerting (${env.name}): ${problems.length} rule problem(s):\n  ${problems.join('\n  ')}`);
  }
  const alertmanager: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: ALERTMANAGER_CONFIGMAP },
    data: { [`${MIMIR_TENANT}.yaml`]: alertmanagerText(env) },
  };
  if (env.collect.prometheusRules) return { prometheusRules: prometheusRules(namespaces), alertmanager };
  // The local rule store names each ruler namespace after its file, so the keys carry no extension.
  const rules: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: RULES_CONFIGMAP },
    data: Object.fromEntries(ruleFiles(env).map((f) => [f.namespace, f.text])),
  };
  return { rules, alertmanager };
}

export const alerting: App = {
  name: 'alerting',
  description: "Alert rules and Alertmanager routing for Mimir, read from ConfigMaps by Mimir's local storage",
  render: renderAlerting,
  // Recording rules produce series too (none ship today, but a rule file may add one).
  metrics: (env) => ({ sources: [{ name: 'recording rules', names: recordedNames(env) }], disabled: [] }),
  querySites: (env) =>
    ruleNamespaces(env).flatMap((ns) => ns.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert rule ${r.alert} (rule file ${ns.namespace}, group ${g.name})`, kind: 'promql' as const, query: r.expr })))),
};

function recordedNames(env: Environment): string[] {
  return ruleNamespaces(env).flatMap((ns) => ns.groups.flatMap((g) => g.rules.flatMap((r) => {
    const record = (r as { record?: unknown }).record;
    return typeof record === 'string' ? [record] : [];
  })));
}
