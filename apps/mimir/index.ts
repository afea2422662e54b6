// Mimir, monolithic: one process runs every component (`target: all,alertmanager`) with a PVC for
// the TSDB head/WAL and blocks, ruler rules and alertmanager state in object storage.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import { image } from '../../lib/versions';
import { configYaml } from '../../lib/k8s/config-file';
import { httpProbe, listeningProbe, statefulService } from '../../lib/k8s/stateful';
import { s3CredentialEnv, waitForBuckets, storageExternals } from '../../lib/storage/s3';
import { MIMIR_DATA, mimirConfig } from './config';

export const MIMIR_CONFIG = { name: 'mimir-config', fileName: 'mimir.yaml', mountPath: '/etc/mimir' };

export function mimirBuckets(env: Environment): string[] {
  return [env.buckets.metrics, env.buckets.ruler, env.buckets.alertmanager];
}

export function renderMimir(env: Environment) {
  const text = configYaml(mimirConfig(env));
  return statefulService({
    env,
    svc: 'mimir',
    size: env.sizes.mimir,
    image: image('mimir'),
    uid: 10001,
    args: [`-config.file=${MIMIR_CONFIG.mountPath}/${MIMIR_CONFIG.fileName}`, '-config.expand-env=true'],
    config: { ...MIMIR_CONFIG, text },
    dataPath: MIMIR_DATA,
    containerEnv: s3CredentialEnv(env),
    // The ingester joins its ring and replays the WAL before /ready turns green.
    readiness: httpProbe('/ready', 'http', 45),
    liveness: listeningProbe('http'),
    initContainers: [waitForBuckets(env, mimirBuckets(env))],
    // Time to finish in-flight pushes and close the TSDB cleanly; the WAL on the PVC covers the rest.
    terminationGracePeriodSeconds: 60,
  });
}

export const mimir: App = {
  name: 'mimir',
  description: 'Mimir (monolithic): metrics, exemplars, ruler and Alertmanager on object storage',
  externals: storageExternals,
  render: renderMimir,
};
