// The Alertmanager configuration of Mimir's one tenant, from the environment's receivers: a default
// route, criticals to their own receiver when one is named, and warnings inhibited while a critical
// for the same alert and namespace fires. Credentials are read from mounted Secret files (`*_file`),
// so the file itself holds nothing secret and lives in a ConfigMap.
import type { AlertReceiver, Environment } from '../../lib/env/types';
import { configYaml } from '../../lib/k8s/config-file';
import { receiverSecretFile } from './names';

function receiver(r: AlertReceiver): Record<string, unknown> {
  const file = receiverSecretFile(r);
  switch (r.type) {
    case 'webhook':
      return { name: r.name, webhook_configs: [{ url_file: file, send_resolved: true }] };
    case 'slack':
      return { name: r.name, slack_configs: [{ api_url_file: file, channel: r.channel, send_resolved: true }] };
    case 'pagerduty':
      return { name: r.name, pagerduty_configs: [{ routing_key_file: file, send_resolved: true }] };
    case 'email':
      return { name: r.name, email_configs: [{ to: r.to, from: r.from, smarthost: r.smarthost, auth_username: r.username, auth_password_file: file, send_resolved: true }] };
  }
}

export function alertmanagerConfig(env: Environment): Record<string, unknown> {
  const a = env.alerting;
  const groupBy = ['alertname', 'namespace'];
  return {
    route: {
      receiver: a.defaultReceiver,
      group_by: groupBy,
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      ...(a.criticalReceiver && a.criticalReceiver !== a.defaultReceiver
        ? { routes: [{ receiver: a.criticalReceiver, matchers: ['severity="critical"'] }] }
        : {}),
    },
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: groupBy }],
    receivers: a.receivers.map(receiver),
  };
}

export function alertmanagerText(env: Environment): string {
  return configYaml(alertmanagerConfig(env));
}
