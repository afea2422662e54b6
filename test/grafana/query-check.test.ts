// The query checker: Grafana macros and variables are substituted the way Grafana would before
// the official lezer grammars parse the query; bad queries get a one-line reason.
import fc from 'fast-check';
import { checkQuery, queryTree, substituteVariables, type QueryLanguage } from '../../lib/grafana/query-check';

const VARS = { service: 'sample', namespace: 'sample', min_duration: '500ms' };

test.each<[QueryLanguage, string]>([
  ['promql', 'sum by (service) (rate(traces_spanmetrics_calls_total{service=~"$service"}[$__rate_interval]))'],
  ['promql', 'histogram_quantile(0.95, sum by (le) (rate(x_bucket[${__rate_interval}])))'],
  ['promql', 'increase(x[$__range]) / $__range_s'],
  ['promql', 'rate(x{job=~"[[namespace]]/mimir"}[$__interval])'],
  ['promql', 'up{job=~".*/mimir$"} == 0'],
  ['logql', 'sum by (level) (count_over_time({namespace=~"$namespace"} |= "error" [$__auto]))'],
  ['logql', '{namespace=~"${namespace:regex}"} | json | level="error"'],
  ['traceql', '{ resource.service.name =~ "$service" && duration > $min_duration }'],
  ['traceql', '{ status = error } | rate() by (resource.service.name)'],
])('%s query parses: %s', (language, query) => {
  expect(checkQuery(language, query, { variables: VARS })).toBeUndefined();
});

test.each<[QueryLanguage, string, string]>([
  ['promql', 'sum by (service (rate(x[5m]))', 'PromQL syntax error at column 17 near "(rate(x[5m]))"'],
  ['promql', 'rate(x[5m]', 'PromQL syntax error at column 11 at the end of the query'],
  ['promql', 'notafunction(up)', 'PromQL syntax error at column 13 near "(up)"'],
  ['promql', '   ', 'PromQL query is empty'],
  ['promql', 'rate(x[5m])\n  / on (job) rate(y[5m]', 'PromQL syntax error at line 2, column 24 at the end of the query'],
  [
    'promql',
    'rate(x[$__rate_interval)',
    'PromQL syntax error at column 10 near ")" (after macro substitution: rate(x[5m))',
  ],
  ['promql', 'rate(x{job="$jb"}[5m])', 'PromQL query uses undefined variable $jb; define it on the dashboard or fix the name'],
  ['promql', 'topk($n, x{a="$b"})', 'PromQL query uses undefined variables $n, $b; define it on the dashboard or fix the name'],
  ['logql', '{namespace="lgtm" |= "error"', 'LogQL syntax error at column 19 near "|= \\"error\\""'],
  ['logql', 'count_over_time({app="x"}[5m]', 'LogQL syntax error at column 30 at the end of the query'],
  ['traceql', '{ status = = error }', 'TraceQL syntax error at column 12 near "= error }"'],
  ['traceql', '{ duration > 1s', 'TraceQL syntax error at column 16 at the end of the query'],
])('%s query is rejected: %s', (language, query, message) => {
  expect(checkQuery(language, query, { variables: VARS })).toBe(message);
});

test('without variables (rule expressions), a Grafana macro is a syntax error, not substituted', () => {
  expect(checkQuery('promql', 'rate(x[$__rate_interval])')).toBe('PromQL syntax error at column 8 near "$__rate_interval])"');
});

test('substitution reports each unknown variable once, in order', () => {
  expect(substituteVariables('$b ${a} [[b]] ${a:csv} $__interval', {})).toEqual({
    text: '$b ${a} [[b]] ${a:csv} 5m',
    unknown: ['b', 'a'],
  });
});

const LANGUAGES: QueryLanguage[] = ['promql', 'logql', 'traceql'];

test('property: the checker returns a reason or nothing for any input, and never throws', () => {
  fc.assert(
    fc.property(fc.constantFrom(...LANGUAGES), fc.string({ maxLength: 60 }), (language, query) => {
      const r = checkQuery(language, query, { variables: VARS });
      return r === undefined || (typeof r === 'string' && r.length > 0 && !r.includes('\n'));
    }),
    { numRuns: 500 },
  );
});

test('property: text without `$` or `[[` is left untouched', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }).filter((s) => !s.includes('$') && !s.includes('[[')), (text) => {
      expect(substituteVariables(text, VARS)).toEqual({ text, unknown: [] });
    }),
  );
});

const metric = fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/);
const labelValue = fc.stringMatching(/^[a-zA-Z0-9 ._/-]{0,12}$/);
const rangeMacro = fc.constantFrom('$__rate_interval', '${__rate_interval}', '$__interval', '$__range', '$__auto', '[[__interval]]');

test('property: a range selector with any range macro parses after substitution and not before', () => {
  fc.assert(
    fc.property(metric, labelValue, rangeMacro, (name, value, macro) => {
      const query = `sum(rate(${name}{job="${value}"}[${macro}]))`;
      expect(checkQuery('promql', query, { variables: {} })).toBeUndefined();
      expect(checkQuery('promql', query)).toMatch(/^PromQL syntax error at column \d+ /);
    }),
  );
});

test('property: LogQL metric queries over any stream with $__auto parse', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/), labelValue, (label, value) => {
      const query = `sum by (${label}) (count_over_time({${label}="${value}"} |= "x" [$__auto]))`;
      expect(checkQuery('logql', query, { variables: {} })).toBeUndefined();
    }),
  );
});

test('property: deleting the closing brace of a TraceQL filter is always an error', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), labelValue, (attr, value) => {
      const good = `{ span.${attr} = "${value}" }`;
      expect(checkQuery('traceql', good)).toBeUndefined();
      expect(checkQuery('traceql', good.slice(0, -1))).toMatch(/^TraceQL syntax error at column \d+ at the end of the query$/);
    }),
  );
});

describe('syntax trees shared between the checks that read one query', () => {
  test('the same text gives the same tree: the catalog check reads what the syntax check parsed', () => {
    expect(queryTree('promql', 'sum(rate(up[5m]))')).toBe(queryTree('promql', 'sum(rate(up[5m]))'));
    // A text in another language is another tree.
    expect(queryTree('logql', 'sum(rate(up[5m]))')).not.toBe(queryTree('promql', 'sum(rate(up[5m]))'));
  });

  test('only the last 256 are kept: a fleet of environments does not keep every query of every one', () => {
    const first = queryTree('promql', 'first_metric_kept');
    for (let i = 0; i < 255; i++) queryTree('promql', `metric_${i}`);
    expect(queryTree('promql', 'first_metric_kept')).toBe(first);
    for (let i = 0; i < 256; i++) queryTree('promql', `other_metric_${i}`);
    expect(queryTree('promql', 'first_metric_kept')).not.toBe(first);
  });
});
