// Alert routing is checked when the environment loads: a route to a receiver that does not exist,
// or a receiver without a Secret, would otherwise reach Mimir as a configuration it refuses, and
// alerts would go nowhere.
import { defineEnvironment } from '../../environments/defaults';
import type { AlertRouting } from '../../lib/env/types';
import { checkEnvironment } from '../../lib/env/check';

const withRouting = (alerting: Partial<AlertRouting>) =>
  checkEnvironment(defineEnvironment({ name: 'dev', cluster: { name: 'dev' }, alerting: alerting as AlertRouting }), 'dev')
    .filter((p) => p.path.startsWith('alerting'))
    .map((p) => `${p.path}: ${p.message}`);

test('the shipped defaults route every alert somewhere', () => {
  expect(withRouting({})).toEqual([]);
});

test.each<[string, Partial<AlertRouting>, string]>([
  ['no receiver at all', { receivers: [], defaultReceiver: 'x' }, 'alerting.receivers: must list at least one receiver (webhook, slack, pagerduty or email): without one, alerts reach nobody'],
  ['a default route to an unknown receiver', { defaultReceiver: 'nobody' }, 'alerting.defaultReceiver: "nobody" must name one of the receivers (platform-webhook)'],
  [
    'a critical route to an unknown receiver',
    { criticalReceiver: 'pager' },
    'alerting.criticalReceiver: "pager" must name one of the receivers (platform-webhook)',
  ],
  [
    'a receiver without its Secret',
    { receivers: [{ name: 'hook', type: 'webhook' } as never], defaultReceiver: 'hook' },
    "alerting.receivers[0].secret: must name the Secret in the stack namespace (made out of band, not in Git) that holds the receiver's URL, key or password",
  ],
  [
    'an unknown receiver type',
    { receivers: [{ name: 'hook', type: 'teams', secret: 's' } as never], defaultReceiver: 'hook' },
    'alerting.receivers[0].type: "teams" must be one of webhook, slack, pagerduty, email',
  ],
  [
    'a Slack receiver without a channel',
    { receivers: [{ name: 'chat', type: 'slack', secret: 's' } as never], defaultReceiver: 'chat' },
    'alerting.receivers[0].channel: undefined must be a Slack channel such as "#platform-alerts"',
  ],
  [
    'two receivers with one name',
    { receivers: [{ name: 'a', type: 'webhook', secret: 's' }, { name: 'a', type: 'pagerduty', secret: 't' }], defaultReceiver: 'a' },
    'alerting.receivers[1].name: "a" is listed twice',
  ],
])('%s is refused with the field and the fix', (_what, routing, message) => {
  expect(withRouting(routing)).toContain(message);
});
