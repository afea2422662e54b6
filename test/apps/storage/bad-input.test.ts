// Bad storage, bucket, retention and size values: each gives exactly one message that names the
// field and the fix (the environment loader prefixes the file).
import fc from 'fast-check';
import { defineEnvironment } from '../../../environments/defaults';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { COMPONENTS, type Environment } from '../../../lib/env/types';
import { bucketNameProblem, checkStorage } from '../../../lib/env/storage-check';
import { checkEnvironment } from '../../../lib/env/check';
import { goHours } from '../../../lib/env/duration';
import { image } from '../../../lib/versions';

const external = (): Environment =>
  defineEnvironment({
    name: 'dev',
    cluster: { name: 'dev' },
    storage: { type: 'external', endpoint: 's3.eu-central-1.amazonaws.com', region: 'eu-central-1', insecure: false, credentials: { name: 'lgtm-s3-credentials' } },
  });
const minio = (): Environment => defineEnvironment({ name: 'dev', cluster: { name: 'dev' } });
const messages = (env: Environment) => [...checkEnvironment(env, 'dev'), ...checkStorage(env)].map((p) => `${p.path}: ${p.message}`);

type Ext = Extract<Environment['storage'], { type: 'external' }>;
const ext = (e: Environment) => e.storage as Ext;

test.each([['dev', dev], ['staging', staging], ['prod', prod]] as const)('the shipped %s environment passes', (_n, env) => {
  expect(checkStorage(env)).toEqual([]);
});

const cases: [string, () => Environment, (e: Environment) => void, string][] = [
  // Retention in a wrong unit.
  ['trace retention in minutes', minio, (e) => (e.retention.traces = '90m'), 'retention.traces: "90m" must be whole hours, at least 1h (Tempo\'s block retention is in hours), such as 48h or 7d'],
  ['trace retention in seconds', minio, (e) => (e.retention.traces = '5400s'), 'retention.traces: "5400s" must be whole hours, at least 1h (Tempo\'s block retention is in hours), such as 48h or 7d'],
  ['log retention in hours that are not whole days', minio, (e) => (e.retention.logs = '36h'), 'retention.logs: "36h" must be whole days, at least 1d (Loki retains by 24h index period), such as 3d or 14d'],
  ['metric retention in hours below a day', minio, (e) => (e.retention.metrics = '12h'), 'retention.metrics: "12h" is shorter than a day; Mimir compacts blocks to 24h, so write at least 1d, such as 7d'],
  ['a retention with a unit no backend knows', minio, (e) => (e.retention.metrics = '7days'), 'retention.metrics: "7days" is not a duration; write a whole number and one unit (ms, s, m, h, d, w, y), such as 7d or 168h'],
  // External S3.
  ['an external endpoint without a credentials reference', external, (e) => ((ext(e) as { credentials?: unknown }).credentials = undefined), 'storage.credentials.name: an external S3 endpoint needs a credentials reference: name the Secret (created out of band, never in Git) that holds AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'],
  ['an external endpoint with an empty Secret name', external, (e) => (ext(e).credentials = { name: '' }), 'storage.credentials.name: an external S3 endpoint needs a credentials reference: name the Secret (created out of band, never in Git) that holds AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'],
  ['a Secret name that is not a Kubernetes name', external, (e) => (ext(e).credentials = { name: 'S3_Creds' }), 'storage.credentials.name: "S3_Creds" is not a valid Secret name (lower-case letters, digits, "-" and ".")'],
  ['an endpoint with a scheme', external, (e) => (ext(e).endpoint = 'https://s3.eu-central-1.amazonaws.com/'), 'storage.endpoint: "https://s3.eu-central-1.amazonaws.com/" must not carry a scheme; write "s3.eu-central-1.amazonaws.com" and set storage.insecure for plain HTTP'],
  ['an endpoint with a path', external, (e) => (ext(e).endpoint = 's3.example.com/bucket'), 'storage.endpoint: "s3.example.com/bucket" is not host or host:port (lower-case, no path), such as "s3.eu-central-1.amazonaws.com"'],
  ['an empty endpoint', external, (e) => (ext(e).endpoint = ''), 'storage.endpoint: is missing; give the S3 API as host or host:port, such as "s3.eu-central-1.amazonaws.com"'],
  ['no region', external, (e) => (ext(e).region = ''), 'storage.region: is missing; S3 signs requests per region, such as "eu-central-1"'],
  ['insecure as a string', external, (e) => ((ext(e) as { insecure: unknown }).insecure = 'false'), 'storage.insecure: "false" must be true (plain HTTP) or false (HTTPS)'],
  ['an unknown storage type', minio, (e) => ((e.storage as { type: string }).type = 's3'), 'storage.type: "s3" must be "minio" (in-cluster MinIO) or "external" (an existing S3 endpoint)'],
  // Bucket names that break S3 rules.
  ['a bucket with upper-case letters', minio, (e) => (e.buckets.logs = 'Loki-Chunks'), 'buckets.logs: "Loki-Chunks" may hold only lower-case letters, digits, dots and hyphens'],
  ['a bucket with an underscore', minio, (e) => (e.buckets.traces = 'tempo_traces'), 'buckets.traces: "tempo_traces" may hold only lower-case letters, digits, dots and hyphens'],
  ['a two-letter bucket', minio, (e) => (e.buckets.metrics = 'mb'), 'buckets.metrics: "mb" is 2 characters long; S3 bucket names have 3 to 63'],
  ['a 64-letter bucket', minio, (e) => (e.buckets.metrics = 'm'.repeat(64)), `buckets.metrics: "${'m'.repeat(64)}" is 64 characters long; S3 bucket names have 3 to 63`],
  ['a bucket ending in a hyphen', minio, (e) => (e.buckets.logs = 'loki-chunks-'), 'buckets.logs: "loki-chunks-" must begin and end with a letter or digit'],
  ['a bucket with two dots in a row', minio, (e) => (e.buckets.logs = 'loki..chunks'), 'buckets.logs: "loki..chunks" must not contain two adjacent dots'],
  ['a bucket shaped like an IP address', minio, (e) => (e.buckets.logs = '192.168.1.10'), 'buckets.logs: "192.168.1.10" must not look like an IP address'],
  ['a bucket with a reserved prefix', minio, (e) => (e.buckets.traces = 'xn--traces'), 'buckets.traces: "xn--traces" must not begin with the reserved prefix "xn--"'],
  ['a bucket with a reserved suffix', minio, (e) => (e.buckets.traces = 'traces-s3alias'), 'buckets.traces: "traces-s3alias" must not end with the reserved suffix "-s3alias"'],
  ['two signals in one bucket', minio, (e) => (e.buckets.logs = e.buckets.metrics), 'buckets.logs: "mimir-blocks" is already the bucket of buckets.metrics; every signal needs its own bucket'],
  // Sizes the single-instance backends cannot honour.
  ['two Mimir replicas', minio, (e) => (e.sizes.mimir.replicas = 2), 'sizes.mimir.replicas: 2 must be 1: mimir runs monolithic, replication factor 1; give it more CPU and memory instead'],
  ['two Pushgateway replicas', minio, (e) => (e.sizes.pushgateway.replicas = 2), 'sizes.pushgateway.replicas: 2 must be 1: pushgateway runs pushed groups live in one process; give it more CPU and memory instead'],
  ['two cluster collectors', minio, (e) => (e.sizes.alloyCluster.replicas = 2), 'sizes.alloyCluster.replicas: 2 must be 1: alloyCluster runs cluster-wide collection, which two pods would send twice; give it more CPU and memory instead'],
  ['Loki without a volume size', minio, (e) => delete e.sizes.loki.storage, 'sizes.loki.storage: is missing; loki needs a PersistentVolumeClaim size such as 10Gi'],
  // A component name that is not in the version table (the loader's check; image() is typed below).
  ['a size for a component the stack does not have', minio, (e) => ((e.sizes as Record<string, unknown>).prometheus = e.sizes.mimir), `sizes.prometheus: unknown component "prometheus"; known components: ${COMPONENTS.join(', ')}`],
];

test.each(cases)('%s', (_name, base, mutate, message) => {
  const env = structuredClone(base());
  mutate(env);
  expect(messages(env)).toEqual([message]);
});

test('MinIO needs no volume size where it is not rendered', () => {
  const env = structuredClone(external());
  delete env.sizes.minio.storage;
  expect(checkStorage(env)).toEqual([]);
});

test('an image name outside the version table does not compile', () => {
  // @ts-expect-error "prometheus" is not in lib/versions.ts; `npm run typecheck` fails if this compiles.
  expect(() => image('prometheus')).toThrow();
  expect(image('tempo')).toMatch(/^docker\.io\/grafana\/tempo:\d+\.\d+\.\d+$/);
});

test('Tempo retention converts to whole hours and refuses anything finer', () => {
  expect(['1h', '2d', '2w', '1y'].map(goHours)).toEqual(['1h', '48h', '336h', '8760h']);
  expect(() => goHours('90m')).toThrow('"90m" is not a whole number of hours; write it as 48h, 7d or 2w');
});

describe('S3 bucket names (property)', () => {
  const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
  const valid = fc
    .tuple(lower, fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')), { minLength: 1, maxLength: 40 }), lower)
    .map(([a, mid, z]) => `${a}${mid.join('')}${z}`)
    .filter((n) => !/^(xn--|sthree-|amzn-s3-demo-)/.test(n) && !/(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(n));

  test('letters, digits and inner hyphens, 3 to 63 long, are accepted', () => {
    fc.assert(fc.property(valid, (n) => bucketNameProblem(n) === undefined));
  });
  test('any upper-case letter or underscore is refused', () => {
    fc.assert(
      fc.property(valid, fc.nat(), fc.constantFrom('A', 'Z', '_'), (n, i, bad) => {
        const at = i % n.length;
        return bucketNameProblem(n.slice(0, at) + bad + n.slice(at + 1)) !== undefined;
      }),
    );
  });
});
