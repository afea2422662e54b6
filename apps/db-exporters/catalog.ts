// The series of the database exporters, on for each engine the environment lists.
import type { Environment } from '../../lib/env/types';
import { mergeCatalogs, prefixed, switched, type Catalog, type MetricSource } from '../../lib/metrics/catalog';

/** prometheus-community postgres_exporter with its default collectors. */
export const POSTGRES_EXPORTER: MetricSource = {
  name: 'postgres_exporter',
  names: [
    'pg_up', 'pg_static', 'pg_postmaster_start_time_seconds', 'pg_database_size_bytes', 'pg_database_connection_limit', 'pg_locks_count',
    'pg_roles_connection_limit', 'pg_wal_segments', 'pg_wal_size_bytes', 'pg_scrape_collector_duration_seconds', 'pg_scrape_collector_success',
    ...prefixed('pg_stat_database_', [
      'numbackends', 'xact_commit', 'xact_rollback', 'blks_read', 'blks_hit', 'tup_returned', 'tup_fetched', 'tup_inserted', 'tup_updated',
      'tup_deleted', 'conflicts', 'temp_files', 'temp_bytes', 'deadlocks', 'blk_read_time', 'blk_write_time', 'stats_reset',
      'active_time_seconds_total',
    ]),
  ],
  // One gauge per server setting (`pg_settings_max_connections`); bgwriter/checkpointer and replication
  // columns differ between PostgreSQL versions.
  prefixes: ['pg_settings_', 'pg_stat_bgwriter_', 'pg_stat_checkpointer_', 'pg_replication_', 'pg_exporter_', 'go_', 'process_'],
};

/** Percona mongodb_exporter with `--collector.diagnosticdata`. */
export const MONGODB_EXPORTER: MetricSource = {
  name: 'mongodb_exporter',
  names: ['mongodb_up', 'mongodb_version_info', 'collector_scrape_time_ms'],
  // serverStatus fields flattened (`mongodb_ss_opcounters`, `mongodb_ss_wt_cache_*`): the set follows
  // the MongoDB version and storage engine.
  prefixes: ['mongodb_ss_', 'mongodb_mongod_', 'go_', 'process_'],
};

export function dbExporterMetrics(env: Environment): Catalog {
  const engines = new Set(env.databases.map((d) => d.engine));
  return mergeCatalogs(
    ([['postgresql', POSTGRES_EXPORTER], ['mongodb', MONGODB_EXPORTER]] as const).map(([engine, source]) =>
      switched(engines.has(engine), source, `add a "${engine}" entry to databases in environments/${env.name}/env.ts`),
    ),
  );
}
