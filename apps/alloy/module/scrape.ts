// The two shapes most metric sections share, kept apart from pipeline.ts (which lists the sections)
// so a section file can use them without an import cycle:
// - podScrape: keep some of this node's pods with relabel rules, scrape what is left;
// - exporterScrape: scrape an exporter that runs inside this Alloy (no network hop).
import { argument, component, declare, env as sysEnv, ref, type Component, type Expr, type NestedBlock, type RecordBody } from '../../../lib/alloy/builder';
import { ENV } from '../names';
import type { ClusterWiring, Section, Wiring } from './section';
import { namespacedJob, rule } from './rules';

/** Comments of the arguments every section declares the same way. */
export const ARGUMENT_COMMENTS = {
  targets: "This node's pods.",
  forward_to: 'Prometheus receivers.',
  stack_namespace: 'Namespace of the LGTM stack itself.',
} as const;

const arg = (name: keyof typeof ARGUMENT_COMMENTS) => argument(name, { comment: ARGUMENT_COMMENTS[name] });

/**
 * A section that keeps some of this node's pods and scrapes them: arguments `targets`,
 * `forward_to` and `stack_namespace`, one `discovery.relabel` and one `prometheus.scrape` (labelled
 * like the declare), with `scrape` adding arguments such as `honor_labels`.
 */
export function podScrape(w: Wiring, name: string, rules: (stackNamespace: Expr) => NestedBlock[], scrape: RecordBody = {}): Section {
  const targets = arg('targets');
  const forwardTo = arg('forward_to');
  const stackNamespace = arg('stack_namespace');
  const relabel = component('discovery.relabel', name, { targets: targets.value, rule: rules(stackNamespace.value) });
  const scraper = component('prometheus.scrape', name, { targets: ref(relabel, 'output'), ...scrape, forward_to: forwardTo.value });
  return {
    definition: declare(name, [targets, forwardTo, stackNamespace, relabel, scraper]),
    instance: component(name, 'default', { targets: w.pods, forward_to: [w.metrics], stack_namespace: w.stackNamespace }),
  };
}

/**
 * A section that scrapes an exporter running inside this Alloy (nothing to discover, nothing to
 * deduplicate): `job = <stack namespace>/<job>`, `namespace` the stack's, `instance` the node name (the pod name in the cluster collector).
 */
export function exporterScrape(w: ClusterWiring, name: string, exporter: Component, job: string): Section {
  const forwardTo = arg('forward_to');
  const stackNamespace = arg('stack_namespace');
  const relabel = component('discovery.relabel', exporter.label, {
    targets: ref(exporter, 'targets'),
    rule: [
      rule({ target_label: 'job', replacement: namespacedJob(stackNamespace.value, job) }),
      rule({ target_label: 'namespace', replacement: stackNamespace.value }),
      rule({ target_label: 'instance', replacement: sysEnv(ENV.hostname) }),
    ],
  });
  const scrape = component('prometheus.scrape', exporter.label, { targets: ref(relabel, 'output'), forward_to: forwardTo.value });
  return {
    definition: declare(name, [forwardTo, stackNamespace, exporter, relabel, scrape]),
    instance: component(name, 'default', { forward_to: [w.metrics], stack_namespace: w.stackNamespace }),
  };
}
