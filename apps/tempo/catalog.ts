// Tempo's own series and its metrics-generator's, per processor the config enables.
import type { Environment } from '../../lib/env/types';
import { histogram, mergeCatalogs, switched, type Catalog } from '../../lib/metrics/catalog';
import { tempoConfig } from './config';

export const TEMPO_PROCESSORS: Readonly<Record<string, readonly string[]>> = {
  'span-metrics': ['traces_spanmetrics_calls_total', 'traces_spanmetrics_size_total', ...histogram('traces_spanmetrics_latency')],
  'service-graphs': [
    'traces_service_graph_request_total',
    'traces_service_graph_request_failed_total',
    'traces_service_graph_unpaired_spans_total',
    'traces_service_graph_dropped_spans_total',
    ...histogram('traces_service_graph_request_server_seconds'),
    ...histogram('traces_service_graph_request_client_seconds'),
    ...histogram('traces_service_graph_request_messaging_system_seconds'),
  ],
};

export function tempoMetrics(env: Environment): Catalog {
  const processors = new Set<string>(tempoConfig(env).overrides.defaults.metrics_generator.processors);
  return mergeCatalogs([
    ...Object.entries(TEMPO_PROCESSORS).map(([processor, names]) =>
      switched(processors.has(processor), { name: `Tempo metrics-generator "${processor}"`, names }, 'add it to overrides.defaults.metrics_generator.processors in apps/tempo/config.ts'),
    ),
    { sources: [{ name: 'Tempo', names: [], prefixes: ['tempo_', 'tempodb_', 'go_', 'process_'] }], disabled: [] },
  ]);
}
