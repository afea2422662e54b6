// Mimir, monolithic: one process runs every component (`target: all,alertmanager`) with a PVC for
// the TSDB head/WAL and Alertmanager state, blocks in object storage, and rules and Alertmanager
// routing read from the alerting app's ConfigMaps (local storage).
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import { image } from '../../lib/versions';
import { configYaml } from '../../lib/k8s/config-file';
import { httpProbe, listeningProbe, statefulService } from '../../lib/k8s/stateful';
import { s3CredentialEnv, waitForBuckets, storageExternals } from '../../lib/storage/s3';
import { MIMIR_DATA, mimirConfig } from './config';
import { mergeExternals } from '../../lib/validate/externals';
import type { ExternalRefs } from '../../lib/validate/types';
import { ALERTMANAGER_CONFIGMAP, ALERTMANAGER_ROOT, MIMIR_TENANT, RECEIVER_SECRET_KEY, RECEIVER_SECRETS_ROOT, RULES_CONFIGMAP, RULES_ROOT } from '../alerting/names';

export const MIMIR_CONFIG = { name: 'mimir-config', fileName: 'mimir.yaml', mountPath: '/etc/mimir' };

/** Rules and the Alertmanager configuration are local files now; only the blocks bucket is read. */
export function mimirBuckets(env: Environment): string[] {
  return [env.buckets.metrics];
}

/** The Secrets the environment's alert receivers read, each with the one key its type needs. */
function receiverSecrets(env: Environment): { name: string; keys: string[] }[] {
  const bySecret = new Map<string, Set<string>>();
  for (const r of env.alerting.receivers) bySecret.set(r.secret, (bySecret.get(r.secret) ?? new Set()).add(RECEIVER_SECRET_KEY[r.type]));
  return [...bySecret].map(([name, keys]) => ({ name, keys: [...keys].sort() }));
}

/**
 * Rule files (ruler local storage: <root>/<tenant>/<namespace>), the tenant's Alertmanager
 * configuration (alertmanager local storage: <path>/<tenant>.yaml) and the receivers' Secrets.
 * The two ConfigMaps belong to the alerting app and are optional, so Mimir starts before that
 * app's first sync; a receiver Secret is required, as the Alertmanager cannot deliver without it.
 * Rules loaded through the ruler API (collect.prometheusRules) need no files.
 */
function alertingVolumes(env: Environment) {
  return [
    ...(env.collect.prometheusRules ? [] : [{ volume: { name: 'rules', configMap: { name: RULES_CONFIGMAP, optional: true } }, mountPath: `${RULES_ROOT}/${MIMIR_TENANT}` }]),
    { volume: { name: 'alertmanager', configMap: { name: ALERTMANAGER_CONFIGMAP, optional: true } }, mountPath: ALERTMANAGER_ROOT },
    ...receiverSecrets(env).map((s) => ({ volume: { name: `receiver-${s.name}`.slice(0, 63), secret: { secretName: s.name } }, mountPath: `${RECEIVER_SECRETS_ROOT}/${s.name}` })),
  ];
}

function mimirExternals(env: Environment): ExternalRefs {
  return mergeExternals(storageExternals(env), { secrets: receiverSecrets(env).map((s) => ({ namespace: env.namespace, ...s })), endpoints: [] });
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
    extraVolumes: alertingVolumes(env),
  });
}

export const mimir: App = {
  name: 'mimir',
  description: 'Mimir (monolithic): metrics, exemplars, ruler and Alertmanager on object storage',
  externals: mimirExternals,
  render: renderMimir,
  metrics: () => ({
    sources: [
      // Its own series: large, and different at every release, so matched by prefix.
      { name: 'Mimir', names: [], prefixes: ['cortex_', 'mimir_', 'thanos_', 'go_', 'process_'] },
      { name: 'Mimir ruler', names: ['ALERTS', 'ALERTS_FOR_STATE'] },
    ],
    disabled: [],
  }),
};
