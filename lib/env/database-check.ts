// Load-time check of `databases` beyond their shape (lib/env/check.ts, which also requires the
// credentials reference): an exporter must run where the node-local Alloy discovers pods.
import type { Environment } from './types';
import { isCollected } from './collect';

export interface DatabaseProblem {
  path: string;
  message: string;
}

export function checkDatabases(env: Environment): DatabaseProblem[] {
  const problems: DatabaseProblem[] = [];
  (env.databases ?? []).forEach((db, i) => {
    const p = `databases[${i}]`;
    // Alloy discovers pods only in the collected namespaces; an exporter elsewhere would never be scraped.
    if (typeof db.namespace === 'string' && env.collect && !isCollected(env, db.namespace)) {
      problems.push({
        path: `${p}.namespace`,
        message: `"${db.namespace}" is not collected, so the exporter of "${db.name}" would never be scraped; ${env.collect.namespaces === 'all' ? 'remove it from collect.exclude' : 'add it to collect.namespaces'}`,
      });
    }
  });
  return problems;
}
