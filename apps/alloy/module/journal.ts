// Node logs from the systemd journal: the kubelet and the container runtime, the first place to
// look when pods do not start, and what Grafana's k8s-monitoring chart collects as node logs.
//
// Node-local like the rest of the pipeline: each Alloy reads only its own node's journal, so every
// entry is read exactly once. The persistent journal lives in /var/log/journal, inside the /var/log
// the DaemonSet already mounts read-only for pod logs (apps/alloy/workload.ts): no new mount. Its
// files are root:systemd-journal 0640; Alloy runs as UID 0 with every capability dropped, which
// reads them as their owner. Nodes that keep only a volatile journal (/run/log/journal,
// Storage=volatile) have nothing here; docs/metrics.md says so.
//
// Labels follow loki.source.journal at the pinned Alloy (internal/component/loki/source/journal):
// every field becomes `__journal_<lower-case name>` (so _SYSTEMD_UNIT is
// `__journal__systemd_unit`), PRIORITY also as `__journal_priority_keyword`; the source sets
// `job` to its component name before relabelling, so the rule below replaces it; an entry that
// a `keep` rule drops is skipped and its cursor still advances.
import { argument, component, declare, env as sysEnv, ref } from '../../../lib/alloy/builder';
import { ENV } from '../names';
import type { SectionBuilder } from './section';
import { literal, rule } from './rules';

/** Where the node's persistent journal is, as the DaemonSet sees it (under its /var/log mount). */
export const JOURNAL_DIR = '/var/log/journal';

/** The units read: the kubelet and whichever container runtime the node runs. */
export const JOURNAL_UNITS = ['kubelet.service', 'containerd.service', 'crio.service', 'docker.service'] as const;

/** `job` of journal streams: the value k8s-monitoring uses, so its queries and dashboards carry over. */
export const JOURNAL_JOB = 'integrations/kubernetes/journal';

/**
 * How far back a fresh Alloy (no saved cursor) reads: enough to see why the node's last restart
 * went wrong, short enough that a new node does not push days of history Loki would refuse.
 */
export const JOURNAL_MAX_AGE = '12h';

export const journalLogs: SectionBuilder = (w) => {
  const forwardTo = argument('forward_to', { comment: 'Loki receivers.' });
  const rules = component('loki.relabel', 'journal', {
    forward_to: [],
    rule: [
      rule({ source_labels: ['__journal__systemd_unit'], regex: JOURNAL_UNITS.map(literal).join('|'), action: 'keep' }),
      rule({ source_labels: ['__journal__systemd_unit'], target_label: 'unit' }),
      rule({ source_labels: ['__journal_priority_keyword'], target_label: 'level' }),
      rule({ target_label: 'job', replacement: JOURNAL_JOB }),
      rule({ target_label: 'instance', replacement: sysEnv(ENV.hostname) }),
    ],
  });
  const source = component('loki.source.journal', 'node', {
    path: JOURNAL_DIR,
    max_age: JOURNAL_MAX_AGE,
    relabel_rules: ref(rules, 'rules'),
    forward_to: forwardTo.value,
  });
  return {
    definition: declare('journal_logs', [forwardTo, rules, source]),
    instance: component('journal_logs', 'default', { forward_to: [w.logs] }),
  };
};
