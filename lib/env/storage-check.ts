// Load-time checks of what the storage backends read from an environment: object storage,
// bucket names, retention and sizes. The environment loader prefixes the file name; each message
// names the field and the fix.
import type { Environment } from './types';
import { DAY_MS, HOUR_MS, durationMs } from './duration';

export interface StorageProblem {
  path: string;
  message: string;
}

const HOST_PORT = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Why a bucket name breaks the S3 naming rules, or `undefined` when it is valid. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; S3 bucket names have 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not look like an IP address';
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) return `must not begin with the reserved prefix "${prefix}"`;
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) return `must not end with the reserved suffix "${suffix}"`;
  }
  return undefined;
}

function checkObjectStorage(env: Environment, bad: (path: string, message: string) => void): void {
  // Read loosely: env.ts files can cast, so the union may arrive half filled.
  const s = env.storage as Partial<Omit<Extract<Environment['storage'], { type: 'external' }>, 'type'>> & { type?: unknown };
  if (s?.type === 'minio') return;
  if (s?.type !== 'external') {
    bad('storage.type', `${JSON.stringify(s?.type)} must be "minio" (in-cluster MinIO) or "external" (an existing S3 endpoint)`);
    return;
  }
  const endpoint = s.endpoint;
  if (typeof endpoint !== 'string' || endpoint === '') {
    bad('storage.endpoint', 'is missing; give the S3 API as host or host:port, such as "s3.eu-central-1.amazonaws.com"');
  } else if (/^[a-z]+:\/\//i.test(endpoint)) {
    bad('storage.endpoint', `"${endpoint}" must not carry a scheme; write "${endpoint.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '')}" and set storage.insecure for plain HTTP`);
  } else if (!HOST_PORT.test(endpoint)) {
    bad('storage.endpoint', `"${endpoint}" is not host or host:port (lower-case, no path), such as "s3.eu-central-1.amazonaws.com"`);
  }
  if (typeof s.region !== 'string' || s.region === '') {
    bad('storage.region', 'is missing; S3 signs requests per region, such as "eu-central-1"');
  } else if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s.region)) {
    bad('storage.region', `${JSON.stringify(s.region)} is not a region name (lower-case letters, digits and "-"), such as "eu-central-1"`);
  }
  if (typeof s.insecure !== 'boolean') bad('storage.insecure', `${JSON.stringify(s.insecure)} must be true (plain HTTP) or false (HTTPS)`);
  const secret = s.credentials?.name;
  if (typeof secret !== 'string' || secret === '') {
    bad(
      'storage.credentials.name',
      'an external S3 endpoint needs a credentials reference: name the Secret (created out of band, never in Git) that holds AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  } else if (!SECRET_NAME.test(secret) || secret.length > 253) {
    bad('storage.credentials.name', `"${secret}" is not a valid Secret name (lower-case letters, digits, "-" and ".")`);
  }
}

function checkBuckets(env: Environment, bad: (path: string, message: string) => void): void {
  const seen = new Map<string, string>();
  for (const [signal, name] of Object.entries(env.buckets ?? {})) {
    const path = `buckets.${signal}`;
    if (typeof name !== 'string') {
      bad(path, `${JSON.stringify(name)} must be a bucket name`);
      continue;
    }
    const problem = bucketNameProblem(name);
    if (problem) bad(path, `"${name}" ${problem}`);
    const other = seen.get(name);
    // The backends write without prefixes; two of them in one bucket would collide (Mimir's
    // compactor even deletes what it does not recognise).
    if (other) bad(path, `"${name}" is already the bucket of buckets.${other}; every signal needs its own bucket`);
    seen.set(name, signal);
  }
}

function checkRetention(env: Environment, bad: (path: string, message: string) => void): void {
  const r = env.retention ?? {};
  const logs = typeof r.logs === 'string' ? durationMs(r.logs) : undefined;
  // Loki deletes whole index periods (24h), so its retention is whole days.
  if (logs !== undefined && (logs < DAY_MS || logs % DAY_MS !== 0)) {
    bad('retention.logs', `"${r.logs}" must be whole days, at least 1d (Loki retains by 24h index period), such as 3d or 14d`);
  }
  const metrics = typeof r.metrics === 'string' ? durationMs(r.metrics) : undefined;
  // Mimir compacts 2h blocks into 24h blocks; a shorter retention would delete the head's output.
  if (metrics !== undefined && metrics < DAY_MS) {
    bad('retention.metrics', `"${r.metrics}" is shorter than a day; Mimir compacts blocks to 24h, so write at least 1d, such as 7d`);
  }
  const traces = typeof r.traces === 'string' ? durationMs(r.traces) : undefined;
  // Tempo's block_retention is a Go duration in hours.
  if (traces !== undefined && (traces < HOUR_MS || traces % HOUR_MS !== 0)) {
    bad('retention.traces', `"${r.traces}" must be whole hours, at least 1h (Tempo's block retention is in hours), such as 48h or 7d`);
  }
}

/** Components that run as exactly one pod: monolithic rings with replication factor 1, or single-node state. */
const SINGLE = { alloyCluster: 'cluster-wide collection, which two pods would send twice', mimir: 'monolithic, replication factor 1', loki: 'single binary, replication factor 1', tempo: 'monolithic', minio: 'single-node, single-drive', pushgateway: 'pushed groups live in one process' } as const;
const NEEDS_VOLUME = ['alloyCluster', 'mimir', 'loki', 'tempo', 'minio'] as const;

function checkSizes(env: Environment, bad: (path: string, message: string) => void): void {
  for (const [c, why] of Object.entries(SINGLE) as [keyof typeof SINGLE, string][]) {
    const s = env.sizes?.[c];
    if (s && Number.isInteger(s.replicas) && s.replicas !== 1) {
      bad(`sizes.${c}.replicas`, `${s.replicas} must be 1: ${c} runs ${why}; give it more CPU and memory instead`);
    }
  }
  for (const c of NEEDS_VOLUME) {
    const s = env.sizes?.[c];
    if (s && c === 'minio' && env.storage?.type !== 'minio') continue;
    if (s && !s.storage) bad(`sizes.${c}.storage`, `is missing; ${c} needs a PersistentVolumeClaim size such as 10Gi`);
  }
}

export function checkStorage(env: Environment): StorageProblem[] {
  const problems: StorageProblem[] = [];
  const bad = (path: string, message: string) => problems.push({ path, message });
  checkObjectStorage(env, bad);
  checkBuckets(env, bad);
  checkRetention(env, bad);
  checkSizes(env, bad);
  return problems;
}
