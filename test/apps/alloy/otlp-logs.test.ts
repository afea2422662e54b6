// Trace → logs must find an application's log lines whichever way they reach Loki: over OTLP
// (Alloy → Loki's OTLP endpoint) or written to stdout and tailed from the node. Both kinds must
// carry the labels Grafana's query selects on and trace_id as structured metadata.
import { environmentNames, loadEnvironment } from '../../../lib/env/load';
import { moduleText } from '../../../apps/alloy/pipeline';
import { bootstrapText } from '../../../apps/alloy/bootstrap';
import { lokiConfig } from '../../../apps/loki/config';
import { datasources } from '../../../lib/grafana/datasources';
import { OTLP_LOG_LABELS } from '../../../lib/logs/labels';
import { httpUrl } from '../../../lib/endpoints';

const ROOT = new URL('../../..', import.meta.url).pathname;

describe.each(environmentNames(ROOT))('%s', (name) => {
  let env: Awaited<ReturnType<typeof loadEnvironment>>;
  let module: string;
  beforeAll(async () => {
    env = await loadEnvironment(ROOT, name);
    module = moduleText(env);
  });

  test('OTLP logs go to Loki\'s OTLP endpoint, not through the Loki exporter that buries trace_id in a JSON line', () => {
    expect(module).not.toContain('otelcol.exporter.loki');
    expect(module).toMatch(/otelcol\.exporter\.otlphttp "loki" \{\n\t\tclient \{\n\t\t\tendpoint = argument\.logs_otlp_url\.value/);
    const passed = /^\s*logs_otlp_url\s*=\s*"([^"]*)"$/m.exec(bootstrapText(env));
    expect(passed?.[1]).toBe(httpUrl(env, 'loki', 'http', '/otlp'));
  });

  test('OTLP log resources get the pod-log label names, and Loki indexes exactly those', () => {
    for (const [from, to] of OTLP_LOG_LABELS) expect(module).toContain(`set(attributes[\\"${to}\\"], attributes[\\"${from}\\"]) where attributes[\\"${from}\\"] != nil`);
    const otlp = (lokiConfig(env) as unknown as { limits_config: { otlp_config: { resource_attributes: { ignore_defaults: boolean; attributes_config: { action: string; attributes: string[] }[] } } } }).limits_config.otlp_config;
    expect(otlp.resource_attributes.ignore_defaults).toBe(true);
    expect(otlp.resource_attributes.attributes_config).toEqual([{ action: 'index_label', attributes: ['service.name', 'cluster', ...OTLP_LOG_LABELS.map(([, to]) => to)] }]);
  });

  test('the memory limiter is the first processor after the OTLP receiver', () => {
    expect(module).toMatch(/otelcol\.receiver\.otlp "default" \{[\s\S]*?output \{\n\t\t\tmetrics = \[otelcol\.processor\.memory_limiter\.default\.input\]/);
  });

  test('Grafana\'s trace → logs query selects only labels both kinds of stream carry, and trace_id as structured metadata', () => {
    const tempo = datasources(env).find((d) => d.uid === 'tempo')!;
    const t2l = (tempo.jsonData as { tracesToLogsV2: { tags: { value: string }[]; query: string } }).tracesToLogsV2;
    const otlpLabels = new Set(['service_name', 'cluster', ...OTLP_LOG_LABELS.map(([, to]) => to)]);
    for (const tag of t2l.tags) expect([tag.value, otlpLabels.has(tag.value)]).toEqual([tag.value, true]);
    // Pod logs: namespace is a label, service_name is derived by Loki from `app`, trace_id is structured metadata.
    expect(module).toMatch(/target_label +?= "namespace"/);
    expect(module).toMatch(/target_label +?= "app"/);
    expect(module).toMatch(/stage\.structured_metadata \{\n\t+values = \{\n\t+trace_id = ""/);
    expect(t2l.query).toContain('| trace_id="${__trace.traceId}"');
  });
});
