// The metric catalog: which metric names the environment's sources produce. The render-time
// catalog check (catalog-check.ts) warns when a dashboard or alert rule reads a name that no source
// produces: a panel that would stay empty forever. The names themselves are the apps' knowledge:
// each app's `metrics(env)` lists what its components and collectors produce, switched on or off
// (a collector, a kube-state-metrics resource, a Tempo processor), so a warning can say which
// switch is off. This file holds only the shapes and the matching.
//
// Names are exact where the set is stable and small enough to list; families whose members follow
// a runtime inventory (meminfo fields, PostgreSQL settings) or a large, version-dependent set (the
// stack's own components) are matched by prefix.
import type { Environment } from '../env/types';

export interface MetricSource {
  /** Short name used in warnings: `node exporter (cpu)`, `kube-state-metrics (pods)`. */
  name: string;
  names: readonly string[];
  prefixes?: readonly string[];
}

/** A source that is configured off in this environment, kept to explain a missing name. */
export interface DisabledSource extends MetricSource {
  /** Where to switch it on, or why it stays off and what to read instead. */
  remedy: string;
}

export interface Catalog {
  sources: MetricSource[];
  disabled: DisabledSource[];
}

/** What an app contributes to the catalog. */
export interface CatalogSource {
  metrics?(env: Environment): Catalog;
}

/** `_bucket`, `_sum` and `_count` of a classic histogram. */
export function histogram(name: string): string[] {
  return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
}

export const prefixed = (prefix: string, suffixes: readonly string[]): string[] => suffixes.map((s) => `${prefix}${s}`);

/** A source that is on when `on` is true, else kept as disabled with its remedy. */
export function switched(on: boolean, source: MetricSource, remedy: string): Catalog {
  return on ? { sources: [source], disabled: [] } : { sources: [], disabled: [{ ...source, remedy }] };
}

export function mergeCatalogs(parts: readonly Catalog[]): Catalog {
  return { sources: parts.flatMap((p) => p.sources), disabled: parts.flatMap((p) => p.disabled) };
}

/** Every source the apps configure in this environment, and the ones they leave off (for explanations). */
export function metricCatalog(env: Environment, apps: readonly CatalogSource[]): Catalog {
  return mergeCatalogs(apps.flatMap((a) => (a.metrics ? [a.metrics(env)] : [])));
}

/** The source that produces `metric`, if any. */
export function producerOf<S extends MetricSource>(sources: readonly S[], metric: string): S | undefined {
  return sources.find((s) => s.names.includes(metric) || (s.prefixes ?? []).some((p) => metric.startsWith(p)));
}
