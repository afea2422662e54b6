// Drives Prometheus' promtool over the rendered rule files: `check rules` on each file, and
// `test rules` with the synthetic cases of cases.ts. promtool comes from Debian's `prometheus`
// package (2.42); when it is missing the tests say so loudly, and fail if REQUIRE_PROMTOOL=1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { AlertRule, RuleNamespace } from '../../apps/alerting/rules';
import type { AlertCase } from './cases';

export function promtoolVersion(): string | undefined {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : (r.stdout || r.stderr).split('\n')[0];
}

export const PROMTOOL_MISSING = [
  '',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '!!  promtool is NOT installed: the alert rules were NOT checked or unit-tested.  !!',
  '!!  Install it: apt-get install -y --no-install-recommends prometheus           !!',
  '!!  (CI sets REQUIRE_PROMTOOL=1 so a missing promtool fails the build.)          !!',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '',
].join('\n');

export interface RunResult {
  code: number;
  output: string;
}

export function promtool(args: string[], cwd: string): RunResult {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** A temporary directory holding the given files; removed by `cleanup`. */
export function workDir(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lgtm-promtool-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// `{{ $labels.x }}` (optionally `| toUpper`, `| toLower`, `| title`) and `{{ $value }}` (plain, through
// one of Prometheus' humanize functions, or through printf): the functions Prometheus' alert
// templates define (template/template.go) that a rule of this repository may use.
const TEMPLATE =
  /\{\{\s*(?:\$labels\.(\w+)(?:\s*\|\s*(toUpper|toLower|title))?|\$value(?:\s*\|\s*(?:humanize|humanize1024|humanizePercentage|humanizeDuration|humanizeTimestamp|printf\s+"[^"]*"))?|printf\s+"[^"]*"\s+\$value)\s*\}\}/g;

const CASES: Record<string, (s: string) => string> = {
  toUpper: (s) => s.toUpperCase(),
  toLower: (s) => s.toLowerCase(),
  title: (s) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
};

/**
 * The annotations Prometheus renders for one alert: `$labels.x` from the labels, `$value` from the
 * case, which states it exactly as the template prints it (plain, humanized or formatted). Any other
 * template is refused, so the expected text never silently diverges from what the rule would print.
 */
export function renderAnnotations(rule: AlertRule, labels: Record<string, string>, value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(rule.annotations)) {
    const text = template.replace(TEMPLATE, (_all, label?: string, fn?: string) => {
      if (label !== undefined) {
        const v = labels[label] ?? '<no value>';
        return fn ? CASES[fn]!(v) : v;
      }
      if (value === undefined) throw new Error(`${rule.alert}: annotation ${key} prints $value; give the case a value`);
      return value;
    });
    if (text.includes('{{')) throw new Error(`${rule.alert}: annotation ${key} uses a template the test renderer does not know: ${template}`);
    out[key] = text;
  }
  return out;
}

function findRule(namespaces: readonly RuleNamespace[], alert: string): { file: string; rule: AlertRule } {
  for (const ns of namespaces) {
    for (const g of ns.groups) {
      const rule = g.rules.find((r) => r.alert === alert);
      if (rule) return { file: `${ns.namespace}.yaml`, rule };
    }
  }
  throw new Error(`test case names alert ${alert}, which no rule file defines`);
}

/** One promtool test file per rule file, named `<rule file>.test.yaml`. */
export function unitTestFiles(namespaces: readonly RuleNamespace[], cases: readonly AlertCase[]): Record<string, string> {
  const byFile = new Map<string, unknown[]>();
  for (const c of cases) {
    const { file, rule } = findRule(namespaces, c.alert);
    const expAlerts = c.firing.map((labels, i) => {
      const all = { ...labels, ...rule.labels };
      return { exp_labels: all, exp_annotations: renderAnnotations(rule, all, c.values?.[i]) };
    });
    const test = {
      name: `${c.alert}: ${c.name}`,
      interval: '1m',
      input_series: c.series,
      alert_rule_test: [{ eval_time: c.evalTime, alertname: c.alert, exp_alerts: expAlerts }],
    };
    byFile.set(file, [...(byFile.get(file) ?? []), test]);
  }
  return Object.fromEntries(
    [...byFile.entries()].map(([file, tests]) => [
      `${file.replace(/\.yaml$/, '')}.test.yaml`,
      stringify({ rule_files: [file], evaluation_interval: '1m', tests }, { lineWidth: 0 }),
    ]),
  );
}
