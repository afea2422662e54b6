// kube-state-metrics, scraped by the Alloy of the node it runs on: it is one pod, and the pod
// discovery every section shares is node-local, so exactly one Alloy ever sees it.
import { argument, component, declare, ref } from '../../../lib/alloy/builder';
import { KSM, KSM_METRICS_PORT } from '../../kube-state-metrics/index';
import type { SectionBuilder } from '../pipeline';
import { NAME_LABEL, POD, literal, namespacedJob, rule } from './rules';

export const clusterState: SectionBuilder = (w) => {
  const targets = argument('targets', { comment: "This node's pods." });
  const forwardTo = argument('forward_to', { comment: 'Prometheus receivers.' });
  const stackNamespace = argument('stack_namespace', { comment: 'Namespace of the LGTM stack itself.' });
  const relabel = component('discovery.relabel', 'kube_state_metrics', {
    targets: targets.value,
    rule: [
      rule({ source_labels: ['__meta_kubernetes_namespace'], regex: stackNamespace.value, action: 'keep' }),
      rule({ source_labels: [NAME_LABEL, `${POD}container_port_name`], regex: `${literal(KSM)};${literal(KSM_METRICS_PORT)}`, action: 'keep' }),
      rule({ source_labels: [`${POD}phase`], regex: 'Running', action: 'keep' }),
      rule({ target_label: 'job', replacement: namespacedJob(stackNamespace.value, KSM) }),
      // Series of cluster-scoped objects (nodes, persistent volumes) have no namespace of their own
      // and get the stack's. No `pod` target label: it would be mistaken for the object's pod.
      rule({ target_label: 'namespace', replacement: stackNamespace.value }),
    ],
  });
  const scrape = component('prometheus.scrape', 'kube_state_metrics', {
    targets: ref(relabel, 'output'),
    // The series describe other objects: their `namespace`, `pod` and `container` labels must win.
    honor_labels: true,
    forward_to: forwardTo.value,
  });
  return {
    definition: declare('cluster_state', [targets, forwardTo, stackNamespace, relabel, scrape]),
    instance: component('cluster_state', 'default', { targets: w.pods, forward_to: [w.metrics], stack_namespace: w.stackNamespace }),
  };
};
