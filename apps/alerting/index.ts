// Alert rules for Mimir's ruler, loaded GitOps-style: the rule files ride in a ConfigMap and a
// PostSync Job runs `mimirtool rules sync`, which makes the ruler's rules equal to the files
// (creates, updates and deletes groups) and changes nothing when they already are.
//
// Its own app rather than part of grafana: a PostSync hook runs only once every resource of its
// app is healthy, so inside grafana a failing Grafana rollout would hold back rule changes that
// have nothing to do with it; the rules belong to Mimir and alert with or without Grafana. It is
// not part of the mimir app either, so that editing a rule never touches Mimir's StatefulSet sync.
import type { App } from '../types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import { image } from '../../lib/versions';
import { httpUrl } from '../../lib/endpoints';
import { HOOK_ANNOTATION } from '../../lib/argocd/names';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../lib/k8s/workload';
import { ruleFiles, ruleNamespaces, type RuleFile } from '../../lib/alerting/rules';
import { checkRules } from '../../lib/alerting/check';

/** Mimir runs with `multitenancy_enabled: false`, which puts everything in this tenant. */
export const MIMIR_TENANT = 'anonymous';

export const RULES_CONFIGMAP = 'mimir-rules';
const RULES_DIR = '/etc/mimir-rules';

/** mimirtool only talks HTTP and writes nothing: `nobody` is enough. */
const NOBODY = 65534;

function syncJob(env: Environment, files: readonly RuleFile[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'mimir-rules-sync',
      annotations: {
        // A hook, not a plain Job: a Job's pod template is immutable, and the sync must run again
        // after every change. Argo CD deletes the previous run just before creating the next, so
        // its logs stay readable until then.
        [HOOK_ANNOTATION]: 'PostSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    },
    spec: {
      // Mimir may still be starting when this app syncs (another app); retry with back-off for
      // about 20 minutes before the sync is reported failed.
      backoffLimit: 8,
      activeDeadlineSeconds: 1800,
      template: {
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(NOBODY),
          containers: [
            {
              name: 'mimirtool',
              image: image('mimirtool'),
              // Without --namespaces the sync is authoritative for the whole tenant: a namespace
              // that is not in Git (one created from Grafana's UI, or a file removed here) is deleted.
              // Files are listed one by one: --rule-dirs would walk the ConfigMap volume's hidden
              // `..<timestamp>` directory too and load every namespace twice.
              args: [
                'rules',
                'sync',
                `--address=${httpUrl(env, 'mimir', 'http')}`,
                `--id=${MIMIR_TENANT}`,
                ...files.map((f) => `${RULES_DIR}/${f.fileName}`),
              ],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [{ name: 'rules', mountPath: RULES_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: 'rules', configMap: { name: RULES_CONFIGMAP } }],
        },
      },
    },
  };
}

export function renderAlerting(env: Environment) {
  const problems = checkRules(ruleNamespaces(env));
  if (problems.length > 0) {
    throw new Error(`alerting (${env.name}): ${problems.length} rule problem(s):\n  ${problems.join('\n  ')}`);
  }
  const files = ruleFiles(env);
  const configMap: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: RULES_CONFIGMAP },
    data: Object.fromEntries(files.map((f) => [f.fileName, f.text])),
  };
  return { configMap, job: syncJob(env, files) };
}

export const alerting: App = {
  name: 'alerting',
  description: 'Alert rules for the Mimir ruler, synced by a mimirtool PostSync Job',
  render: renderAlerting,
};
