// Component argument/block schemas (generated table in schema/components.json, loaded on first use) and
// the coarse static types the validator can tell apart in expressions.
import { readFileSync } from 'node:fs';
import type * as ast from './ast';
import { T } from './token';
import type { BlockSchema, ComponentSchema } from './schema/compact';

export type { BlockSchema, ComponentSchema };

let table: Record<string, ComponentSchema> | undefined;

export function componentSchemas(): Record<string, ComponentSchema> {
  table ??= JSON.parse(readFileSync(new URL('./schema/components.json', import.meta.url), 'utf8')) as Record<string, ComponentSchema>;
  return table;
}

/** Schemas of the config blocks whose arguments Alloy checks the same way (alloy-config-blocks.md). */
export const CONFIG_BLOCKS: Record<string, BlockSchema> = {
  logging: { a: { level: 'string', format: 'string', write_to: 'list(LogsReceiver)' } },
  tracing: { a: { sampling_fraction: 'number', write_to: 'list(otelcol.Consumer)', send_traceparent: 'bool' }, b: { sampler: { a: {}, open: true } } },
  livedebugging: { a: { enabled: 'bool' } },
  argument: { a: { comment: 'string', default: 'any', optional: 'bool' } },
  export: { a: { value: 'any' }, r: ['value'] },
  'import.git': {
    a: { repository: 'string', revision: 'string', path: 'string', pull_frequency: 'duration' },
    r: ['repository', 'path'],
    b: { basic_auth: { a: { username: 'string', password: 'secret' }, r: ['username', 'password'] }, ssh_key: { a: { username: 'string', key: 'secret', key_file: 'string', passphrase: 'secret' }, r: ['username'] } },
  },
  'import.file': { a: { filename: 'string', detector: 'string', poll_frequency: 'duration' }, r: ['filename'] },
  'import.http': { a: { url: 'string', method: 'string', headers: 'map(string)', poll_frequency: 'duration', poll_timeout: 'duration' }, r: ['url'], b: { client: { a: {}, open: true } } },
  'import.string': { a: { content: 'secret' }, r: ['content'] },
  foreach: { a: { collection: 'list(any)', var: 'string', id: 'string', enable_metrics: 'bool', hash_string_id: 'bool' }, r: ['collection', 'var'], b: { template: { a: {}, open: true, req: true } } },
  http: { a: {}, open: true },
  remotecfg: { a: {}, open: true },
};

export type StaticType = 'string' | 'number' | 'bool' | 'list' | 'object' | 'null' | 'unknown';

/** What an expression evaluates to, when that is visible without evaluating it. */
export function staticType(e: ast.Expr): StaticType {
  switch (e.type) {
    case 'Literal':
      if (e.kind === T.STRING) return 'string';
      if (e.kind === T.NUMBER || e.kind === T.FLOAT) return 'number';
      if (e.kind === T.BOOL) return 'bool';
      return 'null';
    case 'Array':
      return 'list';
    case 'Object':
      return 'object';
    case 'Unary':
      return e.op === T.NOT ? 'bool' : staticType(e.value) === 'number' ? 'number' : 'unknown';
    case 'Binary':
      if (e.op === T.OR || e.op === T.AND || (e.op >= T.EQ && e.op <= T.GTE)) return 'bool';
      if (e.op === T.ADD) {
        const l = staticType(e.left);
        return l === staticType(e.right) && (l === 'string' || l === 'number') ? l : 'unknown';
      }
      return 'unknown';
    case 'Paren':
      return staticType(e.inner);
    default:
      return 'unknown';
  }
}

/** The static type an argument of a documented type needs, or undefined when any value may fit. */
export function expectedType(documented: string): StaticType | undefined {
  const t = documented.trim();
  if (/^(string|duration|size|units\.Base2Bytes|Duration)$/.test(t)) return 'string';
  if (/^(number|int|uint|uint32|float|float32|float64)$/.test(t)) return 'number';
  if (/^(bool|boolean)$/.test(t)) return 'bool';
  if (/^(list\(|array\(|\[\])/.test(t)) return 'list';
  if (/^(map\(|map\[|object$)/.test(t)) return 'object';
  return undefined; // secret (string or secret), capsules, receivers, any
}

/** Whether a value of static type `got` can be assigned to an argument of `documented` type. */
export function assignable(documented: string, got: StaticType): boolean {
  if (got === 'unknown' || got === 'null') return true;
  const want = expectedType(documented);
  if (want === undefined) {
    // secrets accept strings; capsules and receivers never come from literals other than lists/objects.
    if (/secret/.test(documented)) return got === 'string';
    if (/^any$/.test(documented.trim())) return true;
    return got !== 'string' && got !== 'number' && got !== 'bool';
  }
  return want === got;
}
