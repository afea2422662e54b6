// The subset of Mimir 3.1's configuration this repository sets (reference:
// docs/sources/mimir/configure/configuration-parameters). Only keys that exist upstream are
// declared, so a misspelt key fails to compile instead of stopping Mimir at start-up.
import type { Environment } from '../../lib/env/types';
import { httpUrl, servicePort } from '../../lib/endpoints';
import { S3_ACCESS_REF, S3_SECRET_REF, s3Target } from '../../lib/storage/s3';
import { bytesOf } from '../../lib/k8s/workload';
import { ALERTMANAGER_ROOT, RULES_ROOT } from '../alerting/names';

interface S3 {
  endpoint?: string;
  region?: string;
  access_key_id?: string;
  secret_access_key?: string;
  insecure?: boolean;
  bucket_name?: string;
  bucket_lookup_type?: 'auto' | 'virtual-hosted' | 'path';
}
interface Storage {
  backend?: 's3';
  s3?: S3;
}
/** Read-only storage from mounted files (pkg/ruler/rulestore, pkg/alertmanager/alertstore/local). */
interface LocalRuleStorage {
  backend: 'local';
  local: { directory: string };
}
/**
 * Rule storage in the object store (pkg/ruler/rulestore, pkg/storage/bucket Config): the backend and
 * its settings come from `common.storage`; a storage_prefix (letters and digits only) keeps the
 * rules apart from the blocks in the same bucket, which Mimir requires (pkg/mimir/mimir.go
 * validateBucketConfig: same backend, bucket and prefix as the blocks is refused).
 */
interface BucketRuleStorage {
  s3: { bucket_name: string };
  storage_prefix: string;
}
interface LocalAlertStorage {
  backend: 'local';
  local: { path: string };
}
interface KV {
  kvstore?: { store: 'memberlist' | 'inmemory' };
}
interface Ring extends KV {
  instance_addr?: string;
  replication_factor?: number;
}

export interface MimirConfig {
  target: string;
  multitenancy_enabled: boolean;
  usage_stats: { enabled: boolean };
  server: { http_listen_port: number; grpc_listen_port: number; log_level: 'debug' | 'info' | 'warn' | 'error' };
  activity_tracker: { filepath: string };
  common: { storage: Storage };
  blocks_storage: Storage & { tsdb: { dir: string }; bucket_store: { sync_dir: string } };
  ruler_storage: LocalRuleStorage | BucketRuleStorage;
  alertmanager_storage: LocalAlertStorage;
  compactor: { data_dir: string; sharding_ring: Ring };
  distributor: { ring: Ring };
  ingester: { ring: Ring };
  store_gateway: { sharding_ring: Ring };
  ruler: { rule_path: string; alertmanager_url: string };
  alertmanager: { data_dir: string; external_url: string; sharding_ring: Ring };
  limits: {
    max_global_exemplars_per_user: number;
    compactor_blocks_retention_period: string;
    ingestion_rate: number;
    ingestion_burst_size: number;
    max_global_series_per_user: number;
    native_histograms_ingestion_enabled: boolean;
  };
}

export const MIMIR_DATA = '/data';

/** Where rules live in the metrics bucket when they are loaded through the ruler API. */
export const RULER_STORAGE_PREFIX = 'ruler';

/** Per-tenant write limits, scaled with the Mimir size: a bigger ingester takes more series. */
function ingestLimits(env: Environment): { rate: number; series: number } {
  // About 2.5 GB of ingester memory per 300k in-memory series (Mimir capacity planning); the
  // defaults (10k samples/s, 150k series) would throttle even the dev cluster's node scrapes.
  return bytesOf(env.sizes.mimir.resources.limits.memory) >= 8 * 2 ** 30
    ? { rate: 100_000, series: 1_000_000 }
    : { rate: 50_000, series: 500_000 };
}

export function mimirConfig(env: Environment): MimirConfig {
  const s3 = s3Target(env);
  const local: Ring = { instance_addr: '127.0.0.1', kvstore: { store: 'memberlist' } };
  const limits = ingestLimits(env);
  return {
    // `all` leaves the Alertmanager out; the ruler's alerts and Grafana's Mimir alerting need it.
    target: 'all,alertmanager',
    // One tenant (`anonymous`): every writer and Grafana share it, no X-Scope-OrgID needed.
    multitenancy_enabled: false,
    usage_stats: { enabled: false },
    server: { http_listen_port: servicePort('mimir', 'http'), grpc_listen_port: servicePort('mimir', 'grpc'), log_level: 'info' },
    // Default "./metrics-activity.log" is relative to the image's working directory `/`, read-only
    // here: every target initialises the tracker and aborts start-up when it cannot create the file
    // (pkg/util/activitytracker/activity_tracker.go, pkg/mimir/modules.go initActivityTracker, at
    // mimir-3.1.1). On the data volume it also keeps the unfinished queries of a crash for the next start.
    activity_tracker: { filepath: `${MIMIR_DATA}/metrics-activity.log` },
    common: {
      storage: {
        backend: 's3',
        s3: {
          endpoint: s3.endpoint,
          ...(s3.region ? { region: s3.region } : {}),
          access_key_id: S3_ACCESS_REF,
          secret_access_key: S3_SECRET_REF,
          insecure: s3.insecure,
          bucket_lookup_type: s3.pathStyle ? 'path' : 'auto',
        },
      },
    },
    blocks_storage: {
      s3: { bucket_name: env.buckets.metrics },
      tsdb: { dir: `${MIMIR_DATA}/tsdb` },
      bucket_store: { sync_dir: `${MIMIR_DATA}/tsdb-sync` },
    },
    // Rules and the Alertmanager configuration are files from the alerting app's ConfigMaps,
    // mounted read-only: Git is the only source, the ruler and Alertmanager APIs cannot change
    // them, and a change reaches Mimir at its next poll (1 min, 15 s) without a restart. With
    // collect.prometheusRules the rules live in the object store instead, where Alloy's
    // mimir.rules.kubernetes writes them through the ruler API (enabled by default,
    // -ruler.enable-api), this repository's own rules included (apps/alerting).
    ruler_storage: env.collect.prometheusRules ? { s3: { bucket_name: env.buckets.metrics }, storage_prefix: RULER_STORAGE_PREFIX } : { backend: 'local', local: { directory: RULES_ROOT } },
    alertmanager_storage: { backend: 'local', local: { path: ALERTMANAGER_ROOT } },
    // Every ring lives in this one process (Mimir's single-process starter config): memberlist
    // with no peers, the write path on loopback, and one copy of everything.
    compactor: { data_dir: `${MIMIR_DATA}/compactor`, sharding_ring: { kvstore: { store: 'memberlist' } } },
    distributor: { ring: local },
    ingester: { ring: { ...local, replication_factor: 1 } },
    store_gateway: { sharding_ring: { replication_factor: 1 } },
    ruler: { rule_path: `${MIMIR_DATA}/ruler`, alertmanager_url: httpUrl(env, 'mimir', 'http', '/alertmanager') },
    alertmanager: {
      data_dir: `${MIMIR_DATA}/alertmanager`,
      // Mimir refuses to start its Alertmanager without an external URL (used in notification links).
      external_url: httpUrl(env, 'mimir', 'http', '/alertmanager'),
      sharding_ring: { replication_factor: 1 },
    },
    limits: {
      // 0 (the default) drops every exemplar, which breaks metric → trace links.
      max_global_exemplars_per_user: 100_000,
      compactor_blocks_retention_period: env.retention.metrics,
      ingestion_rate: limits.rate,
      ingestion_burst_size: limits.rate * 10,
      max_global_series_per_user: limits.series,
      native_histograms_ingestion_enabled: true,
    },
  };
}
