// The subset of Tempo 2.10's configuration this repository sets (reference:
// docs/sources/tempo/configuration/_index.md at v2.10.x). A misspelt key fails to compile.
import type { Environment } from '../../lib/env/types';
import { goHours, hoursOf } from '../../lib/env/duration';
import { httpUrl, servicePort } from '../../lib/endpoints';
import { S3_ACCESS_REF, S3_SECRET_REF, s3Target } from '../../lib/storage/s3';

interface Protocol {
  endpoint: string;
}

interface RemoteWrite {
  url: string;
  send_exemplars: boolean;
}

export interface TempoConfig {
  stream_over_http_enabled: boolean;
  server: { http_listen_port: number; grpc_listen_port: number; log_level: 'debug' | 'info' | 'warn' | 'error' };
  distributor: { receivers: { otlp: { protocols: { grpc: Protocol; http: Protocol } } } };
  compactor: { compaction: { block_retention: string } };
  query_frontend: { search: { max_duration: string } };
  metrics_generator: {
    registry: { external_labels: Record<string, string> };
    storage: { path: string; remote_write: RemoteWrite[] };
  };
  storage: {
    trace: {
      backend: 's3';
      s3: {
        bucket: string;
        endpoint: string;
        region?: string;
        access_key: string;
        secret_key: string;
        insecure: boolean;
        forcepathstyle: boolean;
      };
      wal: { path: string };
    };
  };
  overrides: {
    defaults: {
      metrics_generator: {
        processors: ('service-graphs' | 'span-metrics' | 'local-blocks')[];
        generate_native_histograms: 'classic' | 'native' | 'both';
      };
    };
  };
  usage_report: { reporting_enabled: boolean };
}

export const TEMPO_DATA = '/var/tempo';

export function tempoConfig(env: Environment): TempoConfig {
  const s3 = s3Target(env);
  // Since Tempo 2.7 the OTLP receivers bind to localhost unless told otherwise, which no other pod can reach.
  const listen = (port: 'otlp-grpc' | 'otlp-http') => ({ endpoint: `0.0.0.0:${servicePort('tempo', port)}` });
  return {
    // Grafana's streaming search and TraceQL metrics run over HTTP.
    stream_over_http_enabled: true,
    server: { http_listen_port: servicePort('tempo', 'http'), grpc_listen_port: servicePort('tempo', 'grpc'), log_level: 'info' },
    distributor: { receivers: { otlp: { protocols: { grpc: listen('otlp-grpc'), http: listen('otlp-http') } } } },
    // Tempo reads Go durations: hours, not days.
    compactor: { compaction: { block_retention: goHours(env.retention.traces) } },
    // A search may span everything that is kept: the default 168h (modules/frontend/config.go at
    // v2.10.8) answers 400 to a longer one, shorter than prod's 30d. Never below the default.
    query_frontend: { search: { max_duration: `${Math.max(168, hoursOf(env.retention.traces))}h` } },
    metrics_generator: {
      // Same `cluster` label as every other series of this environment.
      registry: { external_labels: { source: 'tempo', cluster: env.cluster.name } },
      storage: {
        path: `${TEMPO_DATA}/generator/wal`,
        // Exemplars carry `traceID`, the metric → trace link; Mimir keeps them (max_global_exemplars_per_user).
        remote_write: [{ url: httpUrl(env, 'mimir', 'http', '/api/v1/push'), send_exemplars: true }],
      },
    },
    storage: {
      trace: {
        backend: 's3',
        s3: {
          bucket: env.buckets.traces,
          endpoint: s3.endpoint,
          ...(s3.region ? { region: s3.region } : {}),
          access_key: S3_ACCESS_REF,
          secret_key: S3_SECRET_REF,
          insecure: s3.insecure,
          forcepathstyle: s3.pathStyle,
        },
        wal: { path: `${TEMPO_DATA}/wal` },
      },
    },
    overrides: {
      defaults: {
        metrics_generator: {
          // The generator is off per tenant until processors are listed. service-graphs feeds
          // Grafana's Service Map, span-metrics the RED dashboards.
          processors: ['service-graphs', 'span-metrics'],
          // Grafana's Service Map queries the classic `_bucket`/`_sum` series.
          generate_native_histograms: 'classic',
        },
      },
    },
    usage_report: { reporting_enabled: false },
  };
}
