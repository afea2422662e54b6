// Kubernetes events into Loki: the first thing an on-call engineer reads after an alert ("why did
// this pod restart?"). Events are cluster-wide objects of the API server, not of a node, so a
// DaemonSet would send each one once per node. They are read by the cluster collector, one Alloy
// pod (apps/alloy/cluster.ts), and by nothing else: exactly once per cluster while it runs.
//
// Read in loki.source.kubernetes_events at the pinned Alloy (internal/component/loki/source/
// kubernetes_events): one informer per namespace (or one for all), labels `namespace` (of the
// involved object; empty for cluster-scoped objects such as nodes), `job` and `instance`; the line
// is logfmt with name, kind, reason, type, count and msg. The newest event timestamp sent is kept
// in positions.yml under the component's data path, and older events are skipped after a restart,
// so the collector's data volume is what prevents re-sending an hour of events after each restart.
// Its `clustering` block shards namespaces across a cluster of Alloy pods instead; a reshard
// starts a namespace's new owner without a position, which re-sends what the API server still
// holds, so one pod with a volume is the exactly-once choice (docs/metrics.md).
import { argument, attr, component, declare, raw, ref, section } from '../../../lib/alloy/builder';
import { discoveryExclusions } from '../../../lib/env/collect';
import { EVENTS_JOB } from '../../../lib/logs/labels';
import type { ClusterSectionBuilder } from './section';

/**
 * Labels an event stream gets from its line: bounded sets (a kind, a reason such as BackOff or
 * FailedScheduling, Normal or Warning). The involved object's name is unbounded (every pod has
 * its own), so it is structured metadata: filterable, never a stream.
 */
export const EVENT_LABELS = ['kind', 'reason', 'type'] as const;
export const EVENT_METADATA = ['name'] as const;

export const clusterEvents: ClusterSectionBuilder = (w, env) => {
  const namespaces = argument('namespaces', { comment: 'Namespaces whose events are read; empty: every namespace.' });
  const exclude = argument('exclude_namespaces', { comment: 'Namespaces whose events are dropped when every namespace is read.' });
  const forwardTo = argument('forward_to', { comment: 'Loki receivers.' });
  const field = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, '']));
  const process = component('loki.process', 'events', [
    // Only when there is something to exclude: "^()$" would drop the events of nodes, whose namespace is empty.
    ...(discoveryExclusions(env).length > 0
      ? [section('stage.drop', { source: 'namespace', expression: raw(`"^(" + string.join(${exclude.value.text}, "|") + ")$"`), drop_counter_reason: 'excluded_namespace' })]
      : []),
    section('stage.logfmt', { mapping: field([...EVENT_LABELS, ...EVENT_METADATA]) }),
    section('stage.labels', { values: field(EVENT_LABELS) }),
    section('stage.structured_metadata', { values: field(EVENT_METADATA) }),
    // `instance` would be the component's id, the same on every line.
    section('stage.label_drop', { values: ['instance'] }),
    attr('forward_to', forwardTo.value),
  ]);
  const source = component('loki.source.kubernetes_events', 'cluster', {
    namespaces: namespaces.value,
    job_name: EVENTS_JOB,
    log_format: 'logfmt',
    forward_to: [ref(process, 'receiver')],
  });
  return {
    definition: declare('cluster_events', [namespaces, exclude, forwardTo, source, process]),
    instance: component('cluster_events', 'default', { namespaces: w.namespaces, exclude_namespaces: w.excludeNamespaces, forward_to: [w.logs] }),
  };
};

/** The events section's RBAC: the informer lists and watches core/v1 Events. */
export function eventRules() {
  return [{ apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] }];
}
