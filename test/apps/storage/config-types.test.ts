// A misspelt config key must fail to compile, not stop Mimir, Loki or Tempo at start-up.
// `npm run typecheck` checks the @ts-expect-error lines: if a typo compiled, the directive
// itself would be an error.
import dev from '../../../environments/dev/env';
import { mimirConfig, type MimirConfig } from '../../../apps/mimir/config';
import { lokiConfig, type LokiConfig } from '../../../apps/loki/config';
import { tempoConfig, type TempoConfig } from '../../../apps/tempo/config';

test('typos in nested keys do not type-check', () => {
  const mimir = mimirConfig(dev);
  const loki = lokiConfig(dev);
  const tempo = tempoConfig(dev);
  // @ts-expect-error exemplar (singular) is not a Mimir limit
  const m: MimirConfig['limits'] = { ...mimir.limits, max_global_exemplar_per_user: 1 };
  // @ts-expect-error Loki's key is s3forcepathstyle
  const l: LokiConfig['common']['storage']['s3'] = { ...loki.common.storage.s3, s3_force_path_style: true };
  // @ts-expect-error Tempo's processor is span-metrics, with a hyphen
  const t: TempoConfig['overrides']['defaults']['metrics_generator'] = { ...tempo.overrides.defaults.metrics_generator, processors: ['span_metrics'] };
  // @ts-expect-error Tempo's S3 key is forcepathstyle
  const s: TempoConfig['storage']['trace']['s3'] = { ...tempo.storage.trace.s3, force_path_style: true };
  // At run time these are ordinary objects; the guard is the compiler.
  expect([m, l, t, s].every((x) => typeof x === 'object')).toBe(true);
});
