// Where Mimir, Loki and Tempo keep their objects: the in-cluster MinIO Service or the platform's
// S3, from one environment parameter. Every backend reads the endpoint, TLS mode, addressing
// style and credentials from here, so switching `storage.type` moves all three at once.
import type { Environment } from '../env/types';
import type { ExternalRefs } from '../validate/types';
import { hostPort } from '../endpoints';
import { image } from '../versions';
import { restrictedContainerSecurity } from '../k8s/workload';

/** Secret (created out of band, see apps/minio/README.md) with MinIO's root user. */
export const MINIO_ROOT_SECRET = 'minio-root';
export const MINIO_USER_KEY = 'MINIO_ROOT_USER';
export const MINIO_PASSWORD_KEY = 'MINIO_ROOT_PASSWORD';

/** Keys of the external S3 credentials Secret (the AWS SDK names). */
export const AWS_ACCESS_KEY = 'AWS_ACCESS_KEY_ID';
export const AWS_SECRET_KEY = 'AWS_SECRET_ACCESS_KEY';

/**
 * Environment variables the backends' configs expand (`-config.expand-env=true`), so the
 * credentials stay in the Secret and never reach a ConfigMap.
 */
export const S3_ACCESS_ENV = 'S3_ACCESS_KEY_ID';
export const S3_SECRET_ENV = 'S3_SECRET_ACCESS_KEY';

export interface S3Target {
  /** `host:port` without a scheme, as all three backends want it. */
  endpoint: string;
  /** Empty for MinIO, which ignores it. */
  region: string;
  insecure: boolean;
  /** MinIO serves buckets under the path, not as virtual hosts. */
  pathStyle: boolean;
  secret: { name: string; accessKey: string; secretKey: string };
}

export function s3Target(env: Environment): S3Target {
  const s = env.storage;
  if (s.type === 'minio') {
    return {
      endpoint: hostPort(env, 'minio', 'api'),
      region: '',
      insecure: true,
      pathStyle: true,
      secret: { name: MINIO_ROOT_SECRET, accessKey: MINIO_USER_KEY, secretKey: MINIO_PASSWORD_KEY },
    };
  }
  return {
    endpoint: s.endpoint,
    region: s.region,
    insecure: s.insecure,
    pathStyle: false,
    secret: { name: s.credentials.name, accessKey: AWS_ACCESS_KEY, secretKey: AWS_SECRET_KEY },
  };
}

/** `${VAR}` references the configs carry instead of credentials. */
export const S3_ACCESS_REF = `\${${S3_ACCESS_ENV}}`;
export const S3_SECRET_REF = `\${${S3_SECRET_ENV}}`;

/** Container env that fills the `${S3_…}` references from the credentials Secret. */
export function s3CredentialEnv(env: Environment): Record<string, unknown>[] {
  const { secret } = s3Target(env);
  return [
    { name: S3_ACCESS_ENV, valueFrom: { secretKeyRef: { name: secret.name, key: secret.accessKey } } },
    { name: S3_SECRET_ENV, valueFrom: { secretKeyRef: { name: secret.name, key: secret.secretKey } } },
  ];
}

/** URL of the S3 API for `mc`, which, unlike the backends, wants a scheme. */
export function s3Url(env: Environment): string {
  const t = s3Target(env);
  return `${t.insecure ? 'http' : 'https'}://${t.endpoint}`;
}

/** The MinIO client runs as this user in the bucket Job and the wait containers. */
export const MC_UID = 1000;

/** Shell that waits until MinIO answers and each bucket exists; echoes what it waits for. */
export function waitForBucketsScript(env: Environment, buckets: readonly string[]): string {
  return [
    'set -eu',
    `until mc alias set s3 "${s3Url(env)}" "$${S3_ACCESS_ENV}" "$${S3_SECRET_ENV}" >/dev/null 2>&1; do`,
    '  echo "waiting for the S3 API at ' + s3Url(env) + '"; sleep 5',
    'done',
    `for b in ${buckets.join(' ')}; do`,
    '  until mc stat "s3/$b" >/dev/null 2>&1; do',
    '    echo "waiting for bucket $b (the minio-buckets Job creates it)"; sleep 5',
    '  done',
    'done',
    '',
  ].join('\n');
}

/**
 * Init container that holds a backend until its buckets exist. Argo CD syncs Applications in no
 * particular order, so Mimir may start before MinIO's bucket Job ran; without this it would
 * crash-loop on "bucket does not exist". Only rendered with MinIO: external buckets are
 * provisioned with the account, before the stack exists.
 */
export function waitForBuckets(env: Environment, buckets: readonly string[]): Record<string, unknown> | null {
  if (env.storage.type !== 'minio') return null;
  return {
    name: 'wait-for-buckets',
    image: image('mc'),
    command: ['/bin/sh', '-c', waitForBucketsScript(env, buckets)],
    env: [...s3CredentialEnv(env), { name: 'MC_CONFIG_DIR', value: '/tmp/.mc' }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
    securityContext: restrictedContainerSecurity(),
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

/**
 * What the backends reference outside this repository: the credentials Secret and, with external
 * S3, its endpoint. Declared so `lgtm validate` can tell a deliberate reference from a typo.
 */
export function storageExternals(env: Environment): ExternalRefs {
  return {
    secrets: [{ namespace: env.namespace, name: s3Target(env).secret.name, keys: [s3Target(env).secret.accessKey, s3Target(env).secret.secretKey] }],
    endpoints: env.storage.type === 'external' ? [env.storage.endpoint] : [],
  };
}
