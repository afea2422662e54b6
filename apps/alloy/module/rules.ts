// Relabel-rule helpers every pipeline section uses (apps/alloy/pipeline.ts and the sections in this
// folder), kept apart so a section module never imports the file that lists the sections.
import { block, raw, type Expr, type NestedBlock, type Value } from '../../../lib/alloy/builder';
import { goQuote } from '../../../lib/alloy/quote';

export interface RuleArgs {
  source_labels?: string[];
  separator?: string;
  regex?: Value;
  action?: 'replace' | 'keep' | 'drop' | 'labelmap';
  target_label?: string;
  replacement?: Value;
}

/** A relabel `rule` block; attributes in the order relabel rules are usually read. */
export function rule(args: RuleArgs): NestedBlock {
  return block({ ...args } as Record<string, Value | undefined>);
}

/** Copy a discovery label to a target label when it is non-empty. */
export function copy(from: string, to: string): NestedBlock {
  return rule({ source_labels: [from], regex: '(.+)', target_label: to });
}

/** Escapes a literal for an RE2 pattern. */
export function literal(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export const POD = '__meta_kubernetes_pod_';
export const NAME_LABEL = `${POD}label_app_kubernetes_io_name`;

/** `<namespace>/<component>`, the mixins' `job`, with the namespace an Alloy expression. */
export function namespacedJob(namespace: Expr, component: string): Expr {
  return raw(`${namespace.text} + ${goQuote(`/${component}`)}`);
}

/**
 * Rules that keep only targets in the collected namespaces, for discovery that cannot be limited
 * to them up front (a ServiceMonitor's namespaceSelector reaches past its own namespace). The
 * values come from the entry declare's arguments; which rule applies is known at render time, and
 * a rule is written only when it has something to do: an empty list in a regex would match the
 * empty namespace of a cluster-scoped target. `labels` are joined without a separator: a target
 * carries its namespace in exactly one of them.
 */
export function scopeRules(scope: { explicit: boolean; excluding: boolean }, labels: string[], namespaces: Expr, exclude: Expr): NestedBlock[] {
  const anyOf = (list: Expr) => raw(`"(" + string.join(${list.text}, "|") + ")"`);
  const source = labels.length > 1 ? { source_labels: labels, separator: '' } : { source_labels: labels };
  if (scope.explicit) return [rule({ ...source, regex: anyOf(namespaces), action: 'keep' })];
  if (scope.excluding) return [rule({ ...source, regex: anyOf(exclude), action: 'drop' })];
  return [];
}
