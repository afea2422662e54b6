// Database Monitoring: PostgreSQL (prometheus-community postgres_exporter, `pg_*`) and MongoDB
// (Percona mongodb_exporter, `mongodb_*`) for the databases the environment lists. Each exporter
// is its own `job` (`<namespace>/<database>`), which the variables select.
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { defineDashboard, labelVariable, stat, timeseries } from './common';

const PG = 'job=~"$pg_job"';
const MONGO = 'job=~"$mongo_job"';
const pgRate = (metric: string) => `sum by (job, datname) (rate(${metric}{${PG}}[$__rate_interval]))`;

export const databaseMonitoring = defineDashboard(
  { uid: 'lgtm-databases', folder: 'Databases', title: 'Database Monitoring', tags: ['postgresql', 'mongodb'] },
  (d) =>
    d
      .withVariable(labelVariable('pg_job', 'job', 'pg_up').label('PostgreSQL'))
      .withVariable(labelVariable('mongo_job', 'job', 'mongodb_up').label('MongoDB'))
      .withRow(new RowBuilder('PostgreSQL'))
      .withPanel(stat('PostgreSQL instances up', 'short', `sum(pg_up{${PG}})`))
      .withPanel(stat('PostgreSQL instances down', 'short', `count(pg_up{${PG}} == 0) or vector(0)`))
      .withPanel(
        stat(
          'Connections used',
          'percentunit',
          `max(sum by (job) (pg_stat_database_numbackends{${PG}}) / on (job) max by (job) (pg_settings_max_connections{${PG}}))`,
        ),
      )
      .withPanel(
        stat(
          'Cache hit ratio',
          'percentunit',
          `sum(rate(pg_stat_database_blks_hit{${PG}}[$__rate_interval])) / (sum(rate(pg_stat_database_blks_hit{${PG}}[$__rate_interval])) + sum(rate(pg_stat_database_blks_read{${PG}}[$__rate_interval])))`,
        ),
      )
      .withPanel(
        timeseries('Transactions', 'ops', [
          [pgRate('pg_stat_database_xact_commit'), '{{job}} {{datname}} commits'],
          [pgRate('pg_stat_database_xact_rollback'), '{{job}} {{datname}} rollbacks'],
        ]),
      )
      .withPanel(
        timeseries('Connections by database', 'short', [
          [`sum by (job, datname) (pg_stat_database_numbackends{${PG}})`, '{{job}} {{datname}}'],
        ]),
      )
      .withPanel(
        timeseries('Rows', 'rowsps', [
          [pgRate('pg_stat_database_tup_fetched'), '{{datname}} fetched'],
          [pgRate('pg_stat_database_tup_inserted'), '{{datname}} inserted'],
          [pgRate('pg_stat_database_tup_updated'), '{{datname}} updated'],
          [pgRate('pg_stat_database_tup_deleted'), '{{datname}} deleted'],
        ]),
      )
      .withPanel(
        timeseries('Deadlocks and conflicts', 'short', [
          [`sum by (job, datname) (increase(pg_stat_database_deadlocks{${PG}}[$__rate_interval]))`, '{{datname}} deadlocks'],
          [`sum by (job, datname) (increase(pg_stat_database_conflicts{${PG}}[$__rate_interval]))`, '{{datname}} conflicts'],
        ]),
      )
      .withPanel(
        timeseries('Database size', 'bytes', [[`sum by (job, datname) (pg_database_size_bytes{${PG}})`, '{{job}} {{datname}}']], 24),
      )
      .withRow(new RowBuilder('MongoDB'))
      .withPanel(stat('MongoDB instances up', 'short', `sum(mongodb_up{${MONGO}})`))
      .withPanel(stat('MongoDB instances down', 'short', `count(mongodb_up{${MONGO}} == 0) or vector(0)`))
      .withPanel(stat('Current connections', 'short', `sum(mongodb_ss_connections{conn_type="current",${MONGO}})`))
      .withPanel(stat('Resident memory', 'decmbytes', `sum(mongodb_ss_mem_resident{${MONGO}})`))
      .withPanel(
        timeseries('Operations', 'ops', [
          [`sum by (job, legacy_op_type) (rate(mongodb_ss_opcounters{${MONGO}}[$__rate_interval]))`, '{{job}} {{legacy_op_type}}'],
        ]),
      )
      .withPanel(
        timeseries('Connections', 'short', [
          [`sum by (job, conn_type) (mongodb_ss_connections{conn_type=~"current|available",${MONGO}})`, '{{job}} {{conn_type}}'],
        ]),
      )
      .withPanel(
        timeseries('Queued operations (global lock)', 'short', [
          [`sum by (job, count_type) (mongodb_ss_globalLock_currentQueue{${MONGO}})`, '{{job}} {{count_type}}'],
        ]),
      )
      .withPanel(
        timeseries('Resident memory', 'decmbytes', [[`sum by (job) (mongodb_ss_mem_resident{${MONGO}})`, '{{job}}']]),
      ),
);
