// Mermaid flowchart of an Alloy configuration: components as nodes, data flow as edges. `forward_to`,
// `output` and `write_to` references point the way telemetry flows (sender → receiver); other references
// (targets, rules, arguments) are drawn dotted from the component that exports the value.
import type { Analysis } from './vet';

const FLOW = /(^|\.)(forward_to|write_to)$|^output\./;

function nodeId(scope: string, id: string): string {
  return (scope === '' ? id : `${scope}/${id}`).replace(/[^A-Za-z0-9_]/g, '_');
}

/** Mermaid `flowchart LR` text; one subgraph per declare or module. */
export function toMermaid(graph: Pick<Analysis, 'nodes' | 'edges'>): string {
  const lines = ['flowchart LR'];
  const scopes = new Map<string, typeof graph.nodes>();
  for (const n of graph.nodes) {
    if (!scopes.has(n.scope)) scopes.set(n.scope, []);
    scopes.get(n.scope)!.push(n);
  }
  const known = new Set(graph.nodes.map((n) => `${n.scope}\u0000${n.id}`));
  for (const [scope, nodes] of scopes) {
    const indent = scope === '' ? '  ' : '    ';
    if (scope !== '') lines.push(`  subgraph ${nodeId('sg', scope)}["${scope}"]`);
    for (const n of nodes) lines.push(`${indent}${nodeId(n.scope, n.id)}["${n.id}"]`);
    if (scope !== '') lines.push('  end');
  }
  for (const e of graph.edges) {
    if (!known.has(`${e.scope}\u0000${e.from}`) || !known.has(`${e.scope}\u0000${e.to}`)) continue;
    const from = nodeId(e.scope, e.from);
    const to = nodeId(e.scope, e.to);
    // The referenced component is `from`; for flow attributes data goes the other way round.
    if (FLOW.test(e.via)) lines.push(`  ${to} -->|${e.via}| ${from}`);
    else lines.push(`  ${from} -.->|${e.via}| ${to}`);
  }
  return lines.join('\n') + '\n';
}
