// Tempo, monolithic (`-target=all`), version 2.10. See README.md in this folder for why 2.10 and
// not 3.0. OTLP in on 4317/4318, blocks in object storage, WAL and generator WAL on a PVC, the
// metrics generator writing service-graph and span metrics (with exemplars) to Mimir.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import { image } from '../../lib/versions';
import { configYaml } from '../../lib/k8s/config-file';
import { httpProbe, listeningProbe, statefulService } from '../../lib/k8s/stateful';
import { s3CredentialEnv, waitForBuckets, storageExternals } from '../../lib/storage/s3';
import { TEMPO_DATA, tempoConfig } from './config';
import { tempoMetrics } from './catalog';

export const TEMPO_CONFIG = { name: 'tempo-config', fileName: 'tempo.yaml', mountPath: '/etc/tempo' };

export function renderTempo(env: Environment) {
  return statefulService({
    env,
    svc: 'tempo',
    size: env.sizes.tempo,
    image: image('tempo'),
    uid: 10001,
    args: [`-config.file=${TEMPO_CONFIG.mountPath}/${TEMPO_CONFIG.fileName}`, '-config.expand-env=true', '-target=all'],
    config: { ...TEMPO_CONFIG, text: configYaml(tempoConfig(env)) },
    dataPath: TEMPO_DATA,
    containerEnv: s3CredentialEnv(env),
    readiness: httpProbe('/ready', 'http', 20),
    liveness: listeningProbe('http'),
    initContainers: [waitForBuckets(env, [env.buckets.traces])],
    // Time to finish in-flight pushes and close the WAL cleanly; the WAL on the PVC replays the rest.
    terminationGracePeriodSeconds: 60,
  });
}

export const tempo: App = {
  name: 'tempo',
  description: 'Tempo (monolithic): OTLP traces, metrics generator remote-writing to Mimir',
  externals: storageExternals,
  render: renderTempo,
  metrics: tempoMetrics,
};
