// Syntax checks for PromQL, LogQL and TraceQL with the grammars Grafana's own editors use. Grafana
// substitutes its macros and template variables before a query reaches the backend, and the
// grammars reject `$__rate_interval` in a range, so the checker substitutes them first, the way
// Grafana would, and parses the result. These are syntax checks only: `rate(up)` (a type error)
// passes, as it does in Grafana's editor.
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as traceqlParser } from '@grafana/lezer-traceql';
import type { Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';

export type QueryLanguage = 'promql' | 'logql' | 'traceql';

const PARSERS: Record<QueryLanguage, LRParser> = {
  promql: promqlParser,
  logql: logqlParser,
  traceql: traceqlParser,
};

export const LANGUAGE_NAMES: Record<QueryLanguage, string> = {
  promql: 'PromQL',
  logql: 'LogQL',
  traceql: 'TraceQL',
};

/** A duration that every backend accepts wherever Grafana would put an interval. */
const SAMPLE_DURATION = '5m';

/**
 * Grafana's global variables and the value each is replaced with for parsing: durations go where
 * a range goes (`[$__rate_interval]`), numbers where a scalar goes (`$__range_s`).
 */
const GLOBALS: Record<string, string> = {
  __rate_interval: SAMPLE_DURATION,
  __interval: SAMPLE_DURATION,
  __range: SAMPLE_DURATION,
  __auto: SAMPLE_DURATION,
  __interval_ms: '300000',
  __rate_interval_ms: '300000',
  __range_ms: '300000',
  __range_s: '300',
  __from: '1700000000000',
  __to: '1700000300000',
  __dashboard: 'dashboard',
  __org: '1',
  __user: 'user',
  __name: 'name',
};

// `${name}`, `${name:format}`, `$name` and the deprecated `[[name]]`, `[[name:format]]`.
const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]/g;

export interface Substitution {
  text: string;
  /** Variables referenced but neither global nor in `variables`, in order of appearance. */
  unknown: string[];
}

/**
 * Replaces Grafana macros and template variables with sample values. `variables` maps each
 * dashboard variable to the sample value it stands for (a duration for interval variables).
 */
export function substituteVariables(query: string, variables: Readonly<Record<string, string>> = {}): Substitution {
  const unknown: string[] = [];
  const text = query.replace(VARIABLE, (whole, braced?: string, bare?: string, bracketed?: string) => {
    const name = (braced ?? bare ?? bracketed)!;
    const value = GLOBALS[name] ?? (Object.hasOwn(variables, name) ? variables[name] : undefined);
    if (value === undefined) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    return value;
  });
  return { text, unknown };
}

export interface SyntaxError {
  /** Offset of the first error in the parsed text. */
  from: number;
}

// The metric catalog check (lib/metrics/promql-names.ts) reads the PromQL that was just checked
// here, in the same environment's render: the last trees are kept for it, and each text is parsed
// once instead of twice. Only the last ones: in a fleet, most texts name their environment.
const TREES_KEPT = 256;
const trees = new Map<string, Tree>();

/** The syntax tree of `text`, shared by the checks that read the same query. */
export function queryTree(language: QueryLanguage, text: string): Tree {
  const key = `${language}\0${text}`;
  let tree = trees.get(key);
  if (tree === undefined) {
    tree = PARSERS[language].parse(text);
    if (trees.size >= TREES_KEPT) trees.delete(trees.keys().next().value!);
    trees.set(key, tree);
  }
  return tree;
}

// Every environment renders the same dashboards and rules: parse each distinct text once.
const parsed = new Map<string, readonly SyntaxError[]>();

/** Offsets of the grammar's error nodes; empty when the text parses. */
export function syntaxErrors(language: QueryLanguage, text: string): SyntaxError[] {
  const key = `${language}\0${text}`;
  const known = parsed.get(key);
  if (known) return [...known];
  const errors: SyntaxError[] = [];
  queryTree(language, text).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push({ from: node.from });
    },
  });
  parsed.set(key, errors);
  return [...errors];
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return line === 1 ? `column ${column}` : `line ${line}, column ${column}`;
}

function near(text: string, offset: number): string {
  const rest = text.slice(offset).trimStart();
  if (rest === '') return 'at the end of the query';
  const snippet = rest.length > 20 ? `${rest.slice(0, 20)}…` : rest;
  return `near ${JSON.stringify(snippet)}`;
}

export interface CheckOptions {
  /**
   * Dashboard variables and their sample values. When given, Grafana macros and these variables
   * are substituted and any other `$name` is an error. Leave it out for text that Grafana never
   * touches, such as Mimir rule expressions.
   */
  variables?: Readonly<Record<string, string>>;
}

/**
 * Checks one query; returns `undefined` when it parses, or a one-line reason. Never throws, for
 * any input.
 */
export function checkQuery(language: QueryLanguage, query: string, options: CheckOptions = {}): string | undefined {
  const name = LANGUAGE_NAMES[language];
  if (query.trim() === '') return `${name} query is empty`;
  let text = query;
  if (options.variables) {
    const substituted = substituteVariables(query, options.variables);
    if (substituted.unknown.length > 0) {
      const list = substituted.unknown.map((v) => `$${v}`).join(', ');
      return `${name} query uses undefined variable${substituted.unknown.length > 1 ? 's' : ''} ${list}; define it on the dashboard or fix the name`;
    }
    text = substituted.text;
  }
  const [first] = syntaxErrors(language, text);
  if (!first) return undefined;
  const where = `${position(text, first.from)} ${near(text, first.from)}`;
  return text === query
    ? `${name} syntax error at ${where}`
    : `${name} syntax error at ${where} (after macro substitution: ${text})`;
}
