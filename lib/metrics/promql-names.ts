// Metric names a PromQL expression reads, from the lezer-promql syntax tree: every vector
// selector's name, written either as `name{…}` or as `{__name__="name"}`. A `__name__` regex
// cannot be resolved to names and is skipped.
import type { SyntaxNode } from '@lezer/common';
import { queryTree } from '../grafana/query-check';

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function selectorName(node: SyntaxNode, text: string): string | undefined {
  const ident = node.getChild('Identifier');
  if (ident) return text.slice(ident.from, ident.to);
  const matchers = node.getChild('LabelMatchers');
  for (let m = matchers?.firstChild; m; m = m.nextSibling) {
    const label = m.getChild('LabelName');
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (!label || !op || !value || text.slice(label.from, label.to) !== '__name__') continue;
    if (op.getChild('EqlSingle')) return unquote(text.slice(value.from, value.to));
  }
  return undefined;
}

// Every environment checks the same queries: extract each distinct expression's names once.
const extracted = new Map<string, readonly string[]>();

/** The metric names `expr` selects, in order of first appearance. */
export function metricNames(expr: string): string[] {
  const known = extracted.get(expr);
  if (known) return [...known];
  const names: string[] = [];
  queryTree('promql', expr).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const name = selectorName(ref.node, expr);
      if (name !== undefined && !names.includes(name)) names.push(name);
    },
  });
  extracted.set(expr, names);
  return [...names];
}

/**
 * Metric names of a Grafana Prometheus variable query: `label_values(selector, label)`,
 * `query_result(expr)`, or a bare series selector. `label_values(label)`, `label_names()` and
 * `metrics(regex)` read no particular metric.
 */
export function variableMetricNames(query: string): string[] {
  const q = query.trim();
  const labelValues = /^label_values\(\s*(.+?)\s*,\s*[A-Za-z_][\w.]*\s*\)$/s.exec(q);
  if (labelValues) return metricNames(labelValues[1]!);
  const result = /^query_result\(\s*(.+)\s*\)$/s.exec(q);
  if (result) return metricNames(result[1]!);
  if (/^(label_values|label_names|metrics)\(/.test(q)) return [];
  return metricNames(q);
}
