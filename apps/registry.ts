// Every Argo CD application this repository renders, one folder each under
// `environments/<env>/manifests/`. Order does not matter: output is sorted.
import type { App } from './types';
import { platform } from './platform/index';
import { argocd } from './argocd/index';
import { minio } from './minio/index';
import { mimir } from './mimir/index';
import { loki } from './loki/index';
import { tempo } from './tempo/index';
import { pushgateway } from './pushgateway/index';
import { kubeStateMetrics } from './kube-state-metrics/index';
import { dbExporters } from './db-exporters/index';
import { alloy } from './alloy/index';
import { grafana } from './grafana/index';
import { alerting } from './alerting/index';

export const apps: readonly App[] = [
  platform,
  argocd,
  minio,
  mimir,
  loki,
  tempo,
  pushgateway,
  kubeStateMetrics,
  dbExporters,
  alloy,
  grafana,
  alerting,
];
