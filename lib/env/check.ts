// Load-time checks of an environment's values. Each problem names the field path and the fix;
// the loader prefixes the file. TypeScript catches most typos at compile time, but env.ts files
// can cast, compute or read values, so the shape is checked again here.
import { COMPONENTS, type Environment } from './types';
import { MIN_PULL_MS, cronProblem, durationOverflow, knownTimeZone, memoryTooLarge } from './limits';
import { durationMs } from './duration';

export interface EnvProblem {
  path: string;
  message: string;
}

/** Namespaces the cluster itself owns. */
export const SYSTEM_NAMESPACE = /^(kube-.*|default)$/;

/** RFC 1123 label, at most 63 characters: namespace names and label values use these. */
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The largest cluster Kubernetes supports (its scalability thresholds). */
const MAX_NODES = 5000;
const DURATION = /^[1-9][0-9]*(ms|s|m|h|d|w|y)$/;
const ZERO_DURATION = /^0+(ms|s|m|h|d|w|y)?$/;
const CPU = /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/;
const MEMORY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;

export function checkEnvironment(env: Environment, folder: string): EnvProblem[] {
  const problems: EnvProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  const str = (v: unknown): v is string => typeof v === 'string';

  if (!str(env.name) || !DNS_LABEL.test(env.name)) bad('name', `${JSON.stringify(env.name)} must be a lower-case DNS label of at most 63 characters, such as "dev"`);
  else if (env.name !== folder) bad('name', `"${env.name}" must equal its folder name "${folder}"`);

  if (!str(env.cluster?.name) || !DNS_LABEL.test(env.cluster.name)) bad('cluster.name', `${JSON.stringify(env.cluster?.name)} must be a lower-case DNS label of at most 63 characters`);
  // Anchored, and no whitespace anywhere: Argo CD compares the URL as a string, so a trailing space or
  // newline names a cluster that is not registered.
  if (!str(env.cluster?.server) || !/^https:\/\/[^\s/?#]+(\/\S*)?$/.test(env.cluster.server)) bad('cluster.server', `${JSON.stringify(env.cluster?.server)} must be the API server's https:// URL as registered in Argo CD`);
  if (!Number.isInteger(env.cluster?.nodes) || env.cluster.nodes < 1 || env.cluster.nodes > MAX_NODES) bad('cluster.nodes', `${JSON.stringify(env.cluster?.nodes)} must be a whole number of nodes, from 1 to ${MAX_NODES} (the largest cluster Kubernetes supports)`);

  if (!str(env.namespace) || !DNS_LABEL.test(env.namespace)) bad('namespace', `${JSON.stringify(env.namespace)} must be a lower-case DNS label of at most 63 characters`);

  if (!str(env.git?.repoURL) || !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(env.git.repoURL)) bad('git.repoURL', `${JSON.stringify(env.git?.repoURL)} must be an https://, ssh:// or git@ repository URL`);
  if (typeof env.git?.private !== 'boolean') bad('git.private', `${JSON.stringify(env.git?.private)} must be true (the repository needs the Secret alloy-git-credentials to clone) or false`);
  if (!str(env.git?.revision) || env.git.revision === '') bad('git.revision', 'must not be empty: name the branch, tag or commit Argo CD and Alloy follow, such as "main"');
  else if (!REVISION.test(env.git.revision) || env.git.revision.includes('..')) bad('git.revision', `${JSON.stringify(env.git.revision)} is not a valid Git branch, tag or commit name`);

  const sizes = (env.sizes ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(sizes)) {
    if (!(COMPONENTS as readonly string[]).includes(key)) {
      bad(`sizes.${key}`, `unknown component "${key}"; known components: ${COMPONENTS.join(', ')}`);
    }
  }
  for (const c of COMPONENTS) {
    const s = env.sizes?.[c];
    const p = `sizes.${c}`;
    if (!s) {
      bad(p, 'is missing; every component needs a size');
      continue;
    }
    if (!Number.isInteger(s.replicas) || s.replicas < 1) bad(`${p}.replicas`, `${JSON.stringify(s.replicas)} must be a whole number, at least 1`);
    const r = s.resources;
    if (!str(r?.requests?.cpu) || !CPU.test(r.requests.cpu)) bad(`${p}.resources.requests.cpu`, `${JSON.stringify(r?.requests?.cpu)} must be a CPU quantity such as 100m or 2`);
    if (!str(r?.requests?.memory) || !MEMORY.test(r.requests.memory)) bad(`${p}.resources.requests.memory`, `${JSON.stringify(r?.requests?.memory)} must be a memory quantity such as 256Mi or 2Gi`);
    if (!str(r?.limits?.memory) || !MEMORY.test(r.limits.memory)) bad(`${p}.resources.limits.memory`, `${JSON.stringify(r?.limits?.memory)} must be a memory quantity such as 512Mi or 2Gi`);
    for (const [at, v] of [['requests', r?.requests?.memory], ['limits', r?.limits?.memory]] as const) {
      const huge = str(v) && MEMORY.test(v) ? memoryTooLarge(v) : undefined;
      if (huge) bad(`${p}.resources.${at}.memory`, huge);
    }
    if (r?.limits?.cpu !== undefined && (!str(r.limits.cpu) || !CPU.test(r.limits.cpu))) bad(`${p}.resources.limits.cpu`, `${JSON.stringify(r.limits.cpu)} must be a CPU quantity such as 500m or 2`);
    if (s.storage !== undefined && (!str(s.storage) || !MEMORY.test(s.storage))) bad(`${p}.storage`, `${JSON.stringify(s.storage)} must be a storage quantity such as 10Gi`);
  }

  for (const signal of ['metrics', 'logs', 'traces'] as const) {
    const v = env.retention?.[signal];
    if (str(v) && ZERO_DURATION.test(v)) bad(`retention.${signal}`, `${JSON.stringify(v)} is zero, which Mimir and Loki read as "keep forever" (0 disables their deletion); write the retention you want, such as 30d`);
    else if (!str(v) || !DURATION.test(v)) bad(`retention.${signal}`, `${JSON.stringify(v)} is not a duration; write a whole number and one unit (ms, s, m, h, d, w, y), such as 7d or 168h`);
    else if (durationOverflow(v)) bad(`retention.${signal}`, durationOverflow(v)!);
  }
  if (str(env.alloy?.pullFrequency) && ZERO_DURATION.test(env.alloy.pullFrequency)) bad('alloy.pullFrequency', `${JSON.stringify(env.alloy.pullFrequency)} is zero, which turns polling off in Alloy's import.git: a pushed pipeline would never arrive; write how often to poll Git, such as 1m`);
  else if (!str(env.alloy?.pullFrequency) || !DURATION.test(env.alloy.pullFrequency)) bad('alloy.pullFrequency', `${JSON.stringify(env.alloy?.pullFrequency)} is not a duration; write a whole number and one unit, such as 1m`);
  else if (durationMs(env.alloy.pullFrequency)! < MIN_PULL_MS) bad('alloy.pullFrequency', `"${env.alloy.pullFrequency}" is faster than 10s: every Alloy pod polls the Git host at this rate, which loads it without making changes arrive sooner than a sync does; write 10s or more, such as 1m`);
  else if (durationOverflow(env.alloy.pullFrequency)) bad('alloy.pullFrequency', durationOverflow(env.alloy.pullFrequency)!);

  if (env.sync?.mode !== 'automated' && env.sync?.mode !== 'manual') bad('sync.mode', `${JSON.stringify(env.sync?.mode)} must be "automated" or "manual"`);
  const windows: unknown = env.sync?.windows ?? [];
  if (!Array.isArray(windows)) bad('sync.windows', `${JSON.stringify(windows)} must be a list of sync windows`);
  (Array.isArray(windows) ? (windows as Environment['sync']['windows']) : []).forEach((w, i) => {
    const p = `sync.windows[${i}]`;
    if (w === null || typeof w !== 'object') {
      bad(p, `${JSON.stringify(w)} must be a sync window { kind, schedule, duration, timeZone, manualSync }`);
      return;
    }
    if (w.kind !== 'allow' && w.kind !== 'deny') bad(`${p}.kind`, `${JSON.stringify(w.kind)} must be "allow" or "deny"`);
    if (!str(w.schedule) || w.schedule.trim().split(/\s+/).length !== 5) bad(`${p}.schedule`, `${JSON.stringify(w.schedule)} must be a five-field cron expression such as "0 8 * * 1-5"`);
    else if (cronProblem(w.schedule)) bad(`${p}.schedule`, `${JSON.stringify(w.schedule)}: ${cronProblem(w.schedule)}`);
    if (!str(w.duration) || !/^[1-9][0-9]*[mh]$/.test(w.duration)) bad(`${p}.duration`, `${JSON.stringify(w.duration)} must be minutes or hours, such as 30m or 9h`);
    if (!str(w.timeZone) || w.timeZone === '') bad(`${p}.timeZone`, 'must name an IANA time zone such as "Europe/Berlin"');
    else if (!knownTimeZone(w.timeZone)) bad(`${p}.timeZone`, `${JSON.stringify(w.timeZone)} is not in the IANA time-zone database; write one such as "Europe/Berlin" or "UTC"`);
  });

  const names = (list: unknown, path: string, extra?: (ns: string, at: string) => void) => {
    if (!Array.isArray(list)) {
      bad(path, `${JSON.stringify(list)} must be a list of namespaces`);
      return;
    }
    const seen = new Set<string>();
    list.forEach((ns, i) => {
      const at = `${path}[${i}]`;
      if (!str(ns) || !DNS_LABEL.test(ns)) bad(at, `${JSON.stringify(ns)} must be a lower-case DNS label of at most 63 characters`);
      else if (seen.has(ns)) bad(at, `"${ns}" is listed twice`);
      else extra?.(ns, at);
      seen.add(ns);
    });
  };
  if (env.collect?.namespaces !== 'all') names(env.collect?.namespaces, 'collect.namespaces');
  if (Array.isArray(env.collect?.namespaces) && Array.isArray(env.collect?.exclude) && env.collect.exclude.length > 0) {
    bad('collect.exclude', `excludes from every namespace, but collect.namespaces lists them (${env.collect.exclude.join(', ')} would be ignored); set namespaces: 'all', or drop the exclusions`);
  }
  names(env.collect?.exclude, 'collect.exclude', (ns, at) => {
    if (ns === env.namespace) bad(at, `"${ns}" is the stack namespace, whose own components must be collected; remove it from the exclusions`);
  });
  names(env.ownedNamespaces, 'ownedNamespaces', (ns, at) => {
    if (SYSTEM_NAMESPACE.test(ns)) bad(at, `"${ns}" is a system namespace: this repository never creates, labels or deletes it (collecting from it needs no ownership); remove it`);
  });

  const dbNames = new Set<string>();
  const databases: unknown = env.databases ?? [];
  if (!Array.isArray(databases)) bad('databases', `${JSON.stringify(databases)} must be a list of databases ({ name, engine, namespace, credentials })`);
  (Array.isArray(databases) ? (databases as Environment['databases']) : []).forEach((db, i) => {
    const p = `databases[${i}]`;
    if (db === null || typeof db !== 'object') {
      bad(p, `${JSON.stringify(db)} must be a database { name, engine, namespace, credentials }`);
      return;
    }
    if (!str(db.name) || !DNS_LABEL.test(db.name)) bad(`${p}.name`, `${JSON.stringify(db.name)} must be a lower-case DNS label of at most 63 characters`);
    else if (dbNames.has(db.name)) bad(`${p}.name`, `"${db.name}" is listed twice; each database is scraped once`);
    dbNames.add(db.name);
    if (db.engine !== 'postgresql' && db.engine !== 'mongodb') bad(`${p}.engine`, `${JSON.stringify(db.engine)} must be "postgresql" or "mongodb"`);
    if (!str(db.namespace) || !DNS_LABEL.test(db.namespace)) bad(`${p}.namespace`, `${JSON.stringify(db.namespace)} must be a lower-case DNS label of at most 63 characters`);
    if (!str(db.credentials?.name) || !DNS_LABEL.test(db.credentials.name)) bad(`${p}.credentials.name`, 'must name the Secret (created out of band, not in Git) that holds the exporter connection string');
  });

  checkAlerting(env, bad);
  return problems;
}

const RECEIVER_TYPES = ['webhook', 'slack', 'pagerduty', 'email'] as const;

/** Alert routing: unique receivers of known types, each with its Secret, and routes that name them. */
function checkAlerting(env: Environment, bad: (path: string, message: string) => void): void {
  const a = env.alerting;
  if (!a || !Array.isArray(a.receivers) || a.receivers.length === 0) {
    bad('alerting.receivers', 'must list at least one receiver (webhook, slack, pagerduty or email): without one, alerts reach nobody');
    return;
  }
  const names = new Set<string>();
  a.receivers.forEach((r, i) => {
    const p = `alerting.receivers[${i}]`;
    if (typeof r.name !== 'string' || !DNS_LABEL.test(r.name)) bad(`${p}.name`, `${JSON.stringify(r.name)} must be a lower-case DNS label of at most 63 characters, such as "platform-slack"`);
    else if (names.has(r.name)) bad(`${p}.name`, `"${r.name}" is listed twice`);
    names.add(r.name);
    if (!(RECEIVER_TYPES as readonly string[]).includes(r.type)) bad(`${p}.type`, `${JSON.stringify(r.type)} must be one of ${RECEIVER_TYPES.join(', ')}`);
    if (typeof r.secret !== 'string' || !DNS_LABEL.test(r.secret)) bad(`${p}.secret`, 'must name the Secret in the stack namespace (made out of band, not in Git) that holds the receiver\'s URL, key or password');
    if (r.type === 'slack' && (typeof r.channel !== 'string' || !/^[#@]?[a-z0-9._-]+$/.test(r.channel))) bad(`${p}.channel`, `${JSON.stringify(r.channel)} must be a Slack channel such as "#platform-alerts"`);
    if (r.type === 'email') {
      for (const k of ['to', 'from'] as const) if (typeof r[k] !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(r[k])) bad(`${p}.${k}`, `${JSON.stringify(r[k])} must be an e-mail address`);
      if (typeof r.smarthost !== 'string' || !/^[^\s:]+:\d+$/.test(r.smarthost)) bad(`${p}.smarthost`, `${JSON.stringify(r.smarthost)} must be the SMTP server as host:port`);
      if (typeof r.username !== 'string' || !/^\S+$/.test(r.username)) bad(`${p}.username`, `${JSON.stringify(r.username)} must be the SMTP user name, without spaces or line breaks`);
    }
  });
  for (const key of ['defaultReceiver', 'criticalReceiver'] as const) {
    const v = a[key];
    if (v === undefined && key === 'criticalReceiver') continue;
    if (typeof v !== 'string' || !names.has(v)) bad(`alerting.${key}`, `${JSON.stringify(v)} must name one of the receivers (${[...names].join(', ')})`);
  }
}
