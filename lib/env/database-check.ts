// Load-time checks of `databases` beyond their shape (lib/env/check.ts): what the exporters and the
// Alloy module need to collect each database exactly once.
import type { Environment } from './types';

export interface DatabaseProblem {
  path: string;
  message: string;
}

export function checkDatabases(env: Environment): DatabaseProblem[] {
  const problems: DatabaseProblem[] = [];
  const collected = new Set([env.namespace, ...(env.collect?.namespaces ?? [])]);
  (env.databases ?? []).forEach((db, i) => {
    const p = `databases[${i}]`;
    const secret = (db as { credentials?: { name?: unknown } }).credentials?.name;
    if (typeof secret !== 'string' || secret === '') {
      problems.push({
        path: `${p}.credentials.name`,
        message: `database "${db.name}" has no credentials reference: name the Secret in namespace "${db.namespace}" (created out of band, never in Git) that holds the exporter's connection string`,
      });
    }
    // Alloy discovers pods only in the collected namespaces; an exporter elsewhere would never be scraped.
    if (typeof db.namespace === 'string' && !collected.has(db.namespace)) {
      problems.push({
        path: `${p}.namespace`,
        message: `"${db.namespace}" is not collected, so the exporter of "${db.name}" would never be scraped; add it to collect.namespaces`,
      });
    }
  });
  return problems;
}
