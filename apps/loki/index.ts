// Loki, single binary (`-target=all`): TSDB index and chunks in object storage, WAL and
// compactor state on a PVC, retention run by the compactor.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import { image } from '../../lib/versions';
import { configYaml } from '../../lib/k8s/config-file';
import { httpProbe, listeningProbe, statefulService } from '../../lib/k8s/stateful';
import { s3CredentialEnv, waitForBuckets, storageExternals } from '../../lib/storage/s3';
import { LOKI_DATA, lokiConfig } from './config';

export const LOKI_CONFIG = { name: 'loki-config', fileName: 'loki.yaml', mountPath: '/etc/loki/config' };

export function renderLoki(env: Environment) {
  return statefulService({
    env,
    svc: 'loki',
    size: env.sizes.loki,
    image: image('loki'),
    uid: 10001,
    args: [`-config.file=${LOKI_CONFIG.mountPath}/${LOKI_CONFIG.fileName}`, '-config.expand-env=true', '-target=all'],
    config: { ...LOKI_CONFIG, text: configYaml(lokiConfig(env)) },
    dataPath: LOKI_DATA,
    containerEnv: s3CredentialEnv(env),
    // Loki answers 503 on /ready for about 15 s after start while the ingester joins its ring.
    readiness: httpProbe('/ready', 'http', 15),
    liveness: listeningProbe('http'),
    initContainers: [waitForBuckets(env, [env.buckets.logs])],
    // Time to finish in-flight pushes and close the WAL cleanly; the WAL on the PVC replays the rest.
    terminationGracePeriodSeconds: 60,
  });
}

export const loki: App = {
  name: 'loki',
  description: 'Loki (single binary): logs with structured metadata, retention by the compactor',
  externals: storageExternals,
  render: renderLoki,
  metrics: () => ({ sources: [{ name: 'Loki', names: [], prefixes: ['loki_', 'go_', 'process_'] }], disabled: [] }),
};
