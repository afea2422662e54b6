// The subset of Loki 3.7's configuration this repository sets (reference:
// docs/sources/shared/configuration.md). A misspelt key fails to compile.
import type { Environment } from '../../lib/env/types';
import { servicePort } from '../../lib/endpoints';
import { hoursOf } from '../../lib/env/duration';
import { CLUSTER_LABEL, OTLP_LOG_LABELS } from '../../lib/logs/labels';
import { S3_ACCESS_REF, S3_SECRET_REF, s3Target } from '../../lib/storage/s3';

interface LokiS3 {
  endpoint: string;
  region?: string;
  bucketnames: string;
  access_key_id: string;
  secret_access_key: string;
  insecure: boolean;
  s3forcepathstyle: boolean;
}

interface PeriodConfig {
  from: string;
  store: 'tsdb';
  object_store: 's3';
  schema: 'v13';
  index: { prefix: string; period: '24h' };
}

export interface LokiConfig {
  auth_enabled: boolean;
  server: { http_listen_port: number; grpc_listen_port: number; log_level: 'debug' | 'info' | 'warn' | 'error' };
  common: {
    instance_addr: string;
    path_prefix: string;
    replication_factor: number;
    ring: { kvstore: { store: 'inmemory' | 'memberlist' } };
    storage: { s3: LokiS3 };
  };
  schema_config: { configs: PeriodConfig[] };
  storage_config: { tsdb_shipper: { active_index_directory: string; cache_location: string } };
  compactor: {
    working_directory: string;
    compaction_interval: string;
    retention_enabled: boolean;
    retention_delete_delay: string;
    delete_request_store: 's3';
  };
  limits_config: {
    retention_period: string;
    allow_structured_metadata: boolean;
    volume_enabled: boolean;
    reject_old_samples: boolean;
    reject_old_samples_max_age: string;
    max_query_length: string;
    otlp_config: {
      resource_attributes: {
        ignore_defaults: boolean;
        attributes_config: { action: 'index_label' | 'structured_metadata' | 'drop'; attributes: string[] }[];
      };
    };
    ingestion_rate_mb: number;
    ingestion_burst_size_mb: number;
  };
  query_range: { cache_results: boolean; results_cache: { cache: { embedded_cache: { enabled: boolean; max_size_mb: number } } } };
  analytics: { reporting_enabled: boolean };
}

export const LOKI_DATA = '/var/loki';

/**
 * The first (and so far only) schema period. Never edit it once deployed: Loki reads existing
 * chunks by it. A schema change is a new entry with a future `from` date.
 */
const SCHEMA_V13: PeriodConfig = { from: '2026-01-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'index_', period: '24h' } };

export function lokiConfig(env: Environment): LokiConfig {
  const s3 = s3Target(env);
  return {
    // One tenant (`fake`), as Grafana and Alloy use it.
    auth_enabled: false,
    server: { http_listen_port: servicePort('loki', 'http'), grpc_listen_port: servicePort('loki', 'grpc'), log_level: 'info' },
    common: {
      instance_addr: '127.0.0.1',
      path_prefix: LOKI_DATA,
      replication_factor: 1,
      ring: { kvstore: { store: 'inmemory' } },
      storage: {
        s3: {
          endpoint: s3.endpoint,
          ...(s3.region ? { region: s3.region } : {}),
          bucketnames: env.buckets.logs,
          access_key_id: S3_ACCESS_REF,
          secret_access_key: S3_SECRET_REF,
          insecure: s3.insecure,
          s3forcepathstyle: s3.pathStyle,
        },
      },
    },
    // tsdb + v13 is what structured metadata (OTLP trace_id/span_id) needs.
    schema_config: { configs: [SCHEMA_V13] },
    storage_config: {
      tsdb_shipper: { active_index_directory: `${LOKI_DATA}/tsdb-index`, cache_location: `${LOKI_DATA}/tsdb-cache` },
    },
    // Retention is off in Loki unless the compactor runs it; it then needs a delete-request store.
    compactor: {
      working_directory: `${LOKI_DATA}/compactor`,
      compaction_interval: '10m',
      retention_enabled: true,
      retention_delete_delay: '2h',
      delete_request_store: 's3',
    },
    limits_config: {
      retention_period: env.retention.logs,
      allow_structured_metadata: true,
      volume_enabled: true,
      reject_old_samples: true,
      // Nothing older than what is kept: a line the compactor would delete at its next pass is
      // refused at the door instead (pkg/validation/limits.go at v3.7.6; the default is 168h).
      reject_old_samples_max_age: `${Math.min(168, hoursOf(env.retention.logs))}h`,
      // A query may span everything that is kept (default 721h, shorter than prod's 90d); never
      // less than the default, so a short retention does not turn a long query into an error.
      max_query_length: `${Math.max(721, hoursOf(env.retention.logs))}h`,
      // OTLP logs (from Alloy's otelcol.exporter.otlphttp) get the same stream labels as tailed pod
      // logs: Alloy copies the k8s.* resource attributes to these names (lib/logs/labels.ts), and only these are indexed. Loki's default list (pkg/loghttp/push/
      // otlp_config.go at v3.7.6) would index k8s_pod_name, service_instance_id and a dozen more
      // under other names; every other attribute, trace_id and span_id included, becomes
      // structured metadata. service.name is indexed as service_name, as Loki does for every stream.
      otlp_config: {
        resource_attributes: {
          ignore_defaults: true,
          attributes_config: [{ action: 'index_label', attributes: ['service.name', CLUSTER_LABEL, ...OTLP_LOG_LABELS.map(([, to]) => to)] }],
        },
      },
      ingestion_rate_mb: 8,
      ingestion_burst_size_mb: 16,
    },
    // `cache_results` defaults to false, and without it the results cache below is never created
    // (pkg/querier/queryrange/roundtrip.go at v3.7.6): metric and range queries were not cached.
    query_range: { cache_results: true, results_cache: { cache: { embedded_cache: { enabled: true, max_size_mb: 100 } } } },
    analytics: { reporting_enabled: false },
  };
}
