// The provisioned datasources: fixed uids, URLs from lib/endpoints, the correlation links the
// seed's latency → exemplar → trace → logs walk needs, and `$` escaped for Grafana's env expansion.
import { parse } from 'yaml';
import dev from '../../environments/dev/env';
import staging from '../../environments/staging/env';
import prod from '../../environments/prod/env';
import {
  datasources,
  datasourcesFile,
  escapeDollars,
  TRACE_ID_IN_LINE,
  TRACES_TO_METRICS_QUERIES,
} from '../../lib/grafana/datasources';
import { checkCorrelationQueries } from '../../lib/grafana/dashboard-check';
import { expectGolden } from '../helpers/golden';
import { images } from '../../lib/versions';

test.each([dev, staging, prod])('golden datasources file: $name', (env) => {
  expectGolden(`grafana/datasources/${env.name}.yaml`, datasourcesFile(env));
});

type Json = Record<string, any>;
const byUid = (list: Json[]) => Object.fromEntries(list.map((d) => [d.uid, d]));

describe('datasources of dev', () => {
  const ds = byUid(datasources(dev));

  test('are Mimir, Loki, Tempo and Mimir\'s Alertmanager at the URLs of their Services', () => {
    expect(Object.keys(ds)).toEqual(['mimir', 'loki', 'tempo', 'mimir-alertmanager']);
    // Grafana's Mimir implementation adds /alertmanager and the API paths to the Service root.
    expect(ds['mimir-alertmanager']).toMatchObject({ type: 'alertmanager', url: 'http://mimir.observability.svc.cluster.local:8080', jsonData: { implementation: 'mimir' } });
    expect(ds.mimir.url).toBe('http://mimir.observability.svc.cluster.local:8080/prometheus');
    expect(ds.loki.url).toBe('http://loki.observability.svc.cluster.local:3100');
    expect(ds.tempo.url).toBe('http://tempo.observability.svc.cluster.local:3200');
    expect(ds.mimir.isDefault).toBe(true);
  });

  test('metrics → traces: exemplars with `traceID` (Tempo) and `trace_id` (OTel) open Tempo', () => {
    expect(ds.mimir.jsonData.exemplarTraceIdDestinations.map((e: Json) => [e.name, e.datasourceUid])).toEqual([
      ['traceID', 'tempo'],
      ['trace_id', 'tempo'],
    ]);
  });

  test('logs → traces: trace_id as structured metadata and in the line open Tempo', () => {
    const fields = ds.loki.jsonData.derivedFields as Json[];
    expect(fields.map((f) => [f.matcherType, f.datasourceUid, f.url])).toEqual([
      ['label', 'tempo', '${__value.raw}'],
      ['regex', 'tempo', '${__value.raw}'],
    ]);
    // Grafana tests the regex against each label key: only the exact key may match.
    const matches = (key: string) => new RegExp(fields[0]!.matcherRegex).test(key);
    expect([matches('trace_id'), matches('otel_trace_id'), matches('parent_trace_id')]).toEqual([true, false, false]);
  });

  test('traces → logs, metrics and the service map', () => {
    const j = ds.tempo.jsonData;
    // trace_id is structured metadata, so the query filters on it instead of searching the line.
    expect(j.tracesToLogsV2).toMatchObject({ datasourceUid: 'loki', customQuery: true, query: '{${__tags}} | trace_id="${__trace.traceId}"' });
    expect(j.tracesToLogsV2.filterByTraceID).toBeUndefined();
    expect(j.tracesToMetrics.datasourceUid).toBe('mimir');
    expect(j.serviceMap).toEqual({ datasourceUid: 'mimir' });
    expect(j.nodeGraph).toEqual({ enabled: true });
    // The legacy "search traces via Loki" key is gone; TraceQL metrics are not offered while Tempo
    // runs without the local-blocks processor (they would fail with "localblocks processor not found").
    expect(j.lokiSearch).toBeUndefined();
    expect(j.streamingEnabled).toEqual({ search: true, metrics: false });
  });

  test('the Mimir datasource states its flavour and version, which gate the labels-match API in Grafana', () => {
    expect(ds.mimir.jsonData).toMatchObject({ prometheusType: 'Mimir', prometheusVersion: images.mimir.tag });
  });
});

test.each([
  ['logfmt', 'level=info trace_id=4bf92f3577b34da6a3ce929d0e0e4736 msg="GET /"', '4bf92f3577b34da6a3ce929d0e0e4736'],
  ['JSON', '{"level":"error","trace_id":"00f067aa0ba902b74bf92f3577b34da6","msg":"x"}', '00f067aa0ba902b74bf92f3577b34da6'],
  ['Tempo style', 'traceID=4bf92f3577b34da6 done', '4bf92f3577b34da6'],
  ['traceId', 'traceId: 4bf92f3577b34da6a3ce929d0e0e4736', '4bf92f3577b34da6a3ce929d0e0e4736'],
])('the in-line trace id regex finds a %s trace id', (_style, line, id) => {
  expect(new RegExp(TRACE_ID_IN_LINE).exec(line)?.[1]).toBe(id);
});

test.each([
  ['no id', 'trace_id= msg=x'],
  ['too short', 'trace_id=abc123'],
  ['not hex', 'trace_id=zzzzzzzzzzzzzzzzzzzz'],
])('the in-line trace id regex ignores %s', (_what, line) => {
  expect(new RegExp(TRACE_ID_IN_LINE).exec(line)).toBeNull();
});

test('every literal $ is doubled in the file, and parsing it back and un-doubling gives the datasources', () => {
  const text = datasourcesFile(dev);
  expect(text).not.toMatch(/(?<!\$)\$(?!\$)/);
  expect(text).toContain('$${__value.raw}');
  expect(text).toContain('{$$__tags}');
  const parsed = parse(text.replaceAll('$$', '$')) as Json;
  expect(parsed).toEqual({ apiVersion: 1, prune: true, datasources: datasources(dev) });
});

test('escapeDollars doubles $ in nested strings only', () => {
  expect(escapeDollars({ a: ['$x', 1, { b: 'y$' }], c: true })).toEqual({ a: ['$$x', 1, { b: 'y$$' }], c: true });
});

test('the traces → metrics queries parse as PromQL once $__tags is expanded', () => {
  expect(checkCorrelationQueries(TRACES_TO_METRICS_QUERIES)).toEqual([]);
  expect(checkCorrelationQueries([{ name: 'Broken', query: 'sum(rate(x{$__tags}[5m])' }])).toEqual([
    'datasource "Tempo", tracesToMetrics query "Broken": PromQL syntax error at column 34 at the end of the query (after macro substitution: sum(rate(x{service="sample"}[5m])): sum(rate(x{$__tags}[5m])',
  ]);
});
