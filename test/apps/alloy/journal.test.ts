// Node journal logs: every Alloy reads its own node's journal once, keeps the kubelet and the
// container runtime, and labels the streams as k8s-monitoring does. The relabel rules are read
// from the rendered module and applied to journal entries shaped as loki.source.journal shapes
// them (`__journal_<field>` labels, `job` preset to the component name).
import { defineEnvironment } from '../../../environments/defaults';
import { moduleText } from '../../../apps/alloy/pipeline';
import { renderAlloy } from '../../../apps/alloy/index';
import { JOURNAL_DIR, JOURNAL_JOB } from '../../../apps/alloy/module/journal';
import { parseFile } from '../../../lib/alloy/parser';
import type * as ast from '../../../lib/alloy/ast';
import { relabel, unquote, type RelabelRule } from '../../helpers/alloy-discovery';

const env = defineEnvironment({ name: 'journal', cluster: { name: 'journal' } });
const file = parseFile('pipeline.alloy', moduleText(env)).file;

const blocks = (stmts: readonly ast.Stmt[], name: string): ast.BlockStmt[] =>
  stmts.filter((s): s is ast.BlockStmt => s.type === 'Block' && s.name.join('.') === name);
const declare = blocks(file.body, 'declare').find((b) => b.label === 'journal_logs')!;

/** Literal strings and lists, and sys.env(NAME) as the node's value. */
function value(e: ast.Expr, nodeEnv: Record<string, string>): unknown {
  if (e.type === 'Literal') return unquote(e.value);
  if (e.type === 'Array') return e.elements.map((x) => value(x, nodeEnv));
  if (e.type === 'Call') return nodeEnv[value(e.args[0]!, nodeEnv) as string] ?? '';
  throw new Error(`unexpected ${e.type} in the journal rules`);
}
function rules(nodeEnv: Record<string, string>): RelabelRule[] {
  const relabelBlock = blocks(declare.body, 'loki.relabel').find((b) => b.label === 'journal')!;
  return blocks(relabelBlock.body, 'rule').map((r) => Object.fromEntries(r.body.map((a) => [(a as ast.AttributeStmt).name.name, value((a as ast.AttributeStmt).value, nodeEnv)])) as RelabelRule);
}

/** What Loki receives for one journal entry on one node: labels without the `__` ones, or dropped. */
function stream(fields: Record<string, string>, node: string): Record<string, string> | undefined {
  const labels: Record<string, string> = { job: 'loki.source.journal.node' };
  for (const [k, v] of Object.entries(fields)) labels[`__journal_${k.toLowerCase()}`] = v;
  if (fields.PRIORITY === '3') labels.__journal_priority_keyword = 'error';
  const out = relabel(labels, rules({ HOSTNAME: node }));
  return out && Object.fromEntries(Object.entries(out).filter(([k]) => !k.startsWith('__')));
}

test('the kubelet and the container runtime are kept, with unit, level, job and the node as instance', () => {
  expect(stream({ _SYSTEMD_UNIT: 'kubelet.service', PRIORITY: '3', MESSAGE: 'failed to pull image' }, 'node-a')).toEqual({ unit: 'kubelet.service', level: 'error', job: JOURNAL_JOB, instance: 'node-a' });
  expect(stream({ _SYSTEMD_UNIT: 'containerd.service', MESSAGE: 'starting' }, 'node-b')).toEqual({ unit: 'containerd.service', job: JOURNAL_JOB, instance: 'node-b' });
});

test('every other unit is dropped', () => {
  for (const unit of ['sshd.service', 'kubelet.service.bak', 'systemd-journald.service', '']) {
    expect({ unit, stream: stream({ _SYSTEMD_UNIT: unit, MESSAGE: 'x' }, 'node-a') }).toEqual({ unit, stream: undefined });
  }
});

test('read once per node: one journal source, no targets to share, in the module every Alloy runs', () => {
  const sources = file.body.flatMap((d) => (d.type === 'Block' ? blocks(d.body, 'loki.source.journal') : []));
  expect(sources).toHaveLength(1);
  const args = Object.fromEntries(sources[0]!.body.map((a) => [(a as ast.AttributeStmt).name.name, (a as ast.AttributeStmt).value]));
  expect(Object.keys(args).sort()).toEqual(['forward_to', 'max_age', 'path', 'relabel_rules']);
  expect(value(args.path!, {})).toBe(JOURNAL_DIR);
  const instances = blocks(blocks(file.body, 'declare').find((b) => b.label === 'pipeline')!.body, 'journal_logs');
  expect(instances).toHaveLength(1);
});

test('the journal folder is inside a read-only host mount of the DaemonSet', () => {
  const spec = (renderAlloy(env).daemonSet as unknown as { spec: { template: { spec: { containers: { volumeMounts: { mountPath: string; readOnly?: boolean }[] }[] } } } }).spec.template.spec;
  const mount = spec.containers[0]!.volumeMounts.find((m) => JOURNAL_DIR.startsWith(`${m.mountPath}/`));
  expect(mount).toMatchObject({ mountPath: '/var/log', readOnly: true });
});
