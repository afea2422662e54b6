// MinIO, single node and single drive, for environments without a platform S3. Upstream stopped
// publishing images in October 2025 and archived the project in February 2026; lib/versions.ts
// pins the last official release. `storage: { type: 'external', … }` in an environment points
// every backend at an existing S3 instead, and then nothing here is rendered.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { image } from '../../lib/versions';
import { httpProbe, statefulService } from '../../lib/k8s/stateful';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../lib/k8s/workload';
import { MC_UID, MINIO_PASSWORD_KEY, MINIO_ROOT_SECRET, MINIO_USER_KEY, S3_ACCESS_ENV, S3_SECRET_ENV, s3CredentialEnv, s3Url, storageExternals } from '../../lib/storage/s3';
import { servicePort } from '../../lib/endpoints';

const MINIO_UID = 1000;

/** Every bucket the backends use, in a fixed order. The Job creates exactly these. */
export function bucketNames(env: Environment): string[] {
  const b = env.buckets;
  return [b.metrics, b.logs, b.traces];
}

function rootCredentialEnv(): Record<string, unknown>[] {
  return [MINIO_USER_KEY, MINIO_PASSWORD_KEY].map((key) => ({
    name: key,
    valueFrom: { secretKeyRef: { name: MINIO_ROOT_SECRET, key } },
  }));
}

/** Idempotent bucket creation; `--ignore-existing` makes every re-run a no-op for existing buckets. */
export function bucketScript(env: Environment): string {
  return [
    'set -eu',
    `until mc alias set minio "${s3Url(env)}" "$${S3_ACCESS_ENV}" "$${S3_SECRET_ENV}"; do echo "waiting for MinIO"; sleep 5; done`,
    'mc ready minio',
    `for b in ${bucketNames(env).join(' ')}; do`,
    '  mc mb --ignore-existing "minio/$b"',
    'done',
    '',
  ].join('\n');
}

/**
 * An Argo CD PostSync hook rather than a plain Job: a Job's pod template is immutable, so a
 * changed bucket list could never be applied to an existing Job. Argo CD deletes the previous run
 * before creating the next (BeforeHookCreation) and runs it after every sync of this app.
 */
export function bucketJob(env: Environment): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'minio-buckets',
      annotations: {
        'argocd.argoproj.io/hook': 'PostSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(MC_UID),
          containers: [
            {
              name: 'mc',
              image: image('mc'),
              command: ['/bin/sh', '-c', bucketScript(env)],
              env: [...s3CredentialEnv(env), { name: 'MC_CONFIG_DIR', value: '/tmp/.mc' }],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

export function renderMinio(env: Environment) {
  const { service, statefulSet } = statefulService({
    env,
    svc: 'minio',
    size: env.sizes.minio,
    image: image('minio'),
    uid: MINIO_UID,
    // The certs dir defaults to ~/.minio/certs, which the read-only root filesystem cannot hold.
    args: ['server', '/data', '--console-address', `:${servicePort('minio', 'console')}`, '--certs-dir', '/tmp/certs'],
    dataPath: '/data',
    containerEnv: [
      ...rootCredentialEnv(),
      // Alloy scrapes /minio/v2/metrics/cluster without a bearer token.
      { name: 'MINIO_PROMETHEUS_AUTH_TYPE', value: 'public' },
    ],
    readiness: httpProbe('/minio/health/ready', 'api', 5),
    liveness: { ...httpProbe('/minio/health/live', 'api', 10, 20), failureThreshold: 6 },
    initContainers: [],
    terminationGracePeriodSeconds: 30,
  });
  return { service, statefulSet, bucketJob: bucketJob(env) };
}

export const minio: App = {
  name: 'minio',
  description: 'MinIO (single node): object storage for Mimir, Loki and Tempo, and the bucket Job',
  enabled: (env) => env.storage.type === 'minio',
  externals: storageExternals,
  render: renderMinio,
  metrics: (env) => ({ sources: env.storage.type === 'minio' ? [{ name: 'MinIO', names: [], prefixes: ['minio_'] }] : [], disabled: [] }),
};
