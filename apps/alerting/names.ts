// Names the alerting app shares with the Mimir app, which mounts what this app renders.
import type { AlertReceiver } from '../../lib/env/types';

/** Mimir runs with `multitenancy_enabled: false`, which puts everything in this tenant. */
export const MIMIR_TENANT = 'anonymous';

/** Rule files, one key per ruler namespace; the ruler reads them from local storage. */
export const RULES_CONFIGMAP = 'mimir-rules';
/** The ruler's local storage root: `<root>/<tenant>/<namespace>` (pkg/ruler/rulestore/local). */
export const RULES_ROOT = '/etc/mimir-rules';

/** The tenant's Alertmanager configuration, `<tenant>.yaml` (pkg/alertmanager/alertstore/local). */
export const ALERTMANAGER_CONFIGMAP = 'mimir-alertmanager';
export const ALERTMANAGER_ROOT = '/etc/mimir-alertmanager';

/** Receiver Secrets are mounted at `<root>/<secret>/<key>`, which the config names with `*_file`. */
export const RECEIVER_SECRETS_ROOT = '/etc/mimir-alertmanager-secrets';

/** The Secret key that holds each receiver type's sensitive value. */
export const RECEIVER_SECRET_KEY: Record<AlertReceiver['type'], string> = {
  webhook: 'url',
  slack: 'api-url',
  pagerduty: 'routing-key',
  email: 'password',
};

export function receiverSecretFile(r: AlertReceiver): string {
  return `${RECEIVER_SECRETS_ROOT}/${r.secret}/${RECEIVER_SECRET_KEY[r.type]}`;
}
