// kube-state-metrics, scraped by the Alloy of the node it runs on: it is one pod, and the pod
// discovery every section shares is node-local, so exactly one Alloy ever sees it.
import { KSM, KSM_METRICS_PORT } from '../../kube-state-metrics/index';
import type { SectionBuilder } from './section';
import { NAME_LABEL, POD, literal, namespacedJob, rule } from './rules';
import { podScrape } from './scrape';

export const clusterState: SectionBuilder = (w) =>
  podScrape(
    w,
    'cluster_state',
    (stackNamespace) => [
      rule({ source_labels: ['__meta_kubernetes_namespace'], regex: stackNamespace, action: 'keep' }),
      rule({ source_labels: [NAME_LABEL, `${POD}container_port_name`], regex: `${literal(KSM)};${literal(KSM_METRICS_PORT)}`, action: 'keep' }),
      rule({ source_labels: [`${POD}phase`], regex: 'Running', action: 'keep' }),
      rule({ target_label: 'job', replacement: namespacedJob(stackNamespace, KSM) }),
      // Series of cluster-scoped objects (nodes, persistent volumes) have no namespace of their own
      // and get the stack's. No `pod` target label: it would be mistaken for the object's pod.
      rule({ target_label: 'namespace', replacement: stackNamespace }),
    ],
    // The series describe other objects: their `namespace`, `pod` and `container` labels must win.
    { honor_labels: true },
  );
