// Names and paths the Alloy app's pieces share: the DaemonSet, the bootstrap that imports the
// pipeline module from Git, the module itself and the render-time source check must agree on them.
import type { Environment } from '../../lib/env/types';
import { services } from '../../lib/endpoints';

/** Workload, ServiceAccount and selector name. */
export const ALLOY = 'alloy';

/** The OTLP Service; its name and ports come from the endpoints table. */
export const SERVICE_NAME = services.alloy.name;

/** ConfigMap holding the bootstrap (`import.git` plus one instantiation). */
export const BOOTSTRAP_CONFIGMAP = 'alloy-bootstrap';
export const BOOTSTRAP_FILE = 'bootstrap.alloy';
export const CONFIG_DIR = '/etc/alloy';

/**
 * Secret (never in Git) with optional `username` and `password` for cloning a private repository
 * over HTTPS. See docs/instrumenting.md ("Alloy's Git credentials").
 */
export const GIT_SECRET = 'alloy-git-credentials';

/** Namespace the bootstrap gives the imported module: components are `lgtm.<declare>`. */
export const MODULE_NAMESPACE = 'lgtm';
/** The one declare the bootstrap instantiates; every pipeline section hangs off it. */
export const ENTRY_DECLARE = 'pipeline';
/** Label of the bootstrap's instance of the entry declare. */
export const ENTRY_INSTANCE = 'node';
/** The module file inside the module folder (Alloy reads every top-level `*.alloy` file there). */
export const MODULE_FILE = 'pipeline.alloy';

/** Folder of the module relative to `environments/<env>/` (what `App.files` returns paths under). */
export const MODULE_DIR = 'alloy';

/** Repository-relative folder Alloy's `import.git` reads for this environment. */
export function modulePath(env: Environment): string {
  return `environments/${env.name}/${MODULE_DIR}`;
}

/** Host folder for Alloy's data (log positions, WAL, the Git clone); survives pod restarts. */
export const HOST_DATA_DIR = '/var/lib/lgtm-alloy';
/** Where that folder is mounted and what `--storage.path` points at. */
export const DATA_DIR = '/var/lib/alloy';
/** Pod log files the kubelet writes on every node. */
export const POD_LOG_DIR = '/var/log/pods';

/** Environment variables the DaemonSet sets and the Alloy config reads with `sys.env`. */
export const ENV = {
  /** Node name, not the pod name: the node-local discovery selectors depend on it. */
  hostname: 'HOSTNAME',
  gitUsername: 'GIT_USERNAME',
  gitPassword: 'GIT_PASSWORD',
} as const;

/**
 * The cluster collector: one Alloy pod (a StatefulSet of one) for what is cluster-wide, so that a
 * DaemonSet would collect it once per node: Kubernetes events, Probes, and ServiceMonitor endpoints
 * that no pod backs. It imports the same module and instantiates `CLUSTER_ENTRY_DECLARE`.
 */
export const CLUSTER_ALLOY = 'alloy-cluster';
export const CLUSTER_BOOTSTRAP_CONFIGMAP = 'alloy-cluster-bootstrap';
/** The declare the cluster collector's bootstrap instantiates. */
export const CLUSTER_ENTRY_DECLARE = 'cluster';
export const CLUSTER_ENTRY_INSTANCE = 'cluster';

/** Whether the environment runs the cluster collector: only when it has something to collect. */
export function hasClusterCollector(env: Environment): boolean {
  return env.collect.events || env.collect.prometheusOperator || env.collect.prometheusRules;
}
