// The typed parameters of one environment (one cluster). `environments/<env>/env.ts` builds one
// of these from the shared defaults; apps read it and nothing else.

/** Components whose size (replicas, requests, limits, volume) an environment sets. */
export const COMPONENTS = [
  'alloy',
  /** The one Alloy pod that collects what is cluster-wide: events, Probes, pod-less endpoints. */
  'alloyCluster',
  'mimir',
  'loki',
  'tempo',
  'grafana',
  'minio',
  'pushgateway',
  'kubeStateMetrics',
  /** One postgres_exporter or mongodb_exporter per `databases` entry; each gets this size. */
  'databaseExporter',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];

/** Kubernetes quantities as written in manifests: `100m`, `1`, `256Mi`, `2Gi`. */
export type Quantity = string;

/**
 * A duration in Prometheus notation: a whole number and one unit, `ms`, `s`, `m`, `h`, `d`, `w` or `y`
 * (`15d`, `744h`). Apps convert it to what each backend reads (Tempo wants hours, for example).
 */
export type Duration = string;

export interface Resources {
  requests: { cpu: Quantity; memory: Quantity };
  /** Memory is always limited; a CPU limit is optional because it throttles bursty Go services. */
  limits: { memory: Quantity; cpu?: Quantity };
}

export interface ComponentSize {
  /** Pods for a Deployment/StatefulSet; ignored for DaemonSets, which run one per node. */
  replicas: number;
  resources: Resources;
  /** PersistentVolumeClaim size for stateful components. */
  storage?: Quantity;
}

export interface SyncWindow {
  kind: 'allow' | 'deny';
  /** Cron expression for the window start, as Argo CD reads it. */
  schedule: string;
  /** Window length, e.g. `2h`. */
  duration: string;
  timeZone: string;
  /** Let a person sync by hand inside a deny window. */
  manualSync: boolean;
}

export interface SyncPolicy {
  /** `automated`: Argo CD syncs, prunes and self-heals on every push. `manual`: a person syncs from the UI. */
  mode: 'automated' | 'manual';
  windows: SyncWindow[];
}

/** A Secret created out of band (never in Git), and the keys this repository reads from it. */
export interface SecretRef {
  name: string;
}

export type ObjectStorage =
  | {
      type: 'minio';
    }
  | {
      type: 'external';
      /** `host:port` of the S3 API, without a scheme. */
      endpoint: string;
      region: string;
      /** Use plain HTTP to the endpoint (only for in-cluster S3 gateways). */
      insecure: boolean;
      /** Secret with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. */
      credentials: SecretRef;
    };

/**
 * Where Mimir's Alertmanager delivers alerts. The sensitive part of each receiver (webhook URL,
 * Slack API URL, PagerDuty routing key, SMTP password) is one key of a Secret in the stack
 * namespace, made out of band and never in Git: `url`, `api-url`, `routing-key` or `password`.
 */
export type AlertReceiver =
  | { name: string; type: 'webhook'; secret: string }
  | { name: string; type: 'slack'; channel: string; secret: string }
  | { name: string; type: 'pagerduty'; secret: string }
  | { name: string; type: 'email'; to: string; from: string; smarthost: string; username: string; secret: string };

export interface AlertRouting {
  receivers: AlertReceiver[];
  /** Receives every alert that no other route takes. */
  defaultReceiver: string;
  /** Receives `severity="critical"` alerts, when they go somewhere else than the default. */
  criticalReceiver?: string;
}

export interface Buckets {
  metrics: string;
  logs: string;
  traces: string;
}

export interface Database {
  /** Short name, used in Service, job and Secret names. */
  name: string;
  engine: 'postgresql' | 'mongodb';
  namespace: string;
  /** Secret (in `namespace`, not in Git) that holds the exporter's connection string. */
  credentials: SecretRef;
}

export interface Environment {
  name: string;
  cluster: {
    /** Human name, also the `cluster` label on every series. */
    name: string;
    /** API server URL as registered in Argo CD (`https://kubernetes.default.svc` for the local cluster). */
    server: string;
    /** Nodes the cluster is expected to run; sizes the Alloy DaemonSet in reports. */
    nodes: number;
  };
  /** Namespace of the stack itself. */
  namespace: string;
  /** The Git repository and revision that Argo CD and Alloy follow for this environment. */
  git: {
    repoURL: string;
    revision: string;
    /**
     * The repository needs credentials to clone: Alloy then reads them from the Secret
     * `alloy-git-credentials` (keys username, password), made out of band. False: anonymous clone,
     * and no Authorization header is sent (some hosts reject an empty one).
     */
    private: boolean;
  };
  sizes: Record<ComponentName, ComponentSize>;
  retention: { metrics: Duration; logs: Duration; traces: Duration };
  sync: SyncPolicy;
  storage: ObjectStorage;
  buckets: Buckets;
  /**
   * Where Alloy collects pod metrics and logs: `'all'` namespaces but those in `exclude`, or an
   * explicit list (the stack namespace is always added). Collecting from a namespace never makes
   * this repository own it: see `ownedNamespaces`.
   */
  collect: {
    namespaces: string[] | 'all';
    exclude: string[];
    /** Kubernetes events of the collected namespaces (and cluster-scoped ones) into Loki, once per cluster. */
    events: boolean;
    /**
     * Scrape the ServiceMonitors, PodMonitors and Probes of the collected namespaces. Their CRDs
     * must already be installed (by the Prometheus Operator or its CRD chart): this repository
     * does not install them.
     */
    prometheusOperator: boolean;
  };
  /**
   * Application namespaces this repository creates and labels (Pod Security levels), and that Argo
   * CD may deploy into. Never a system namespace (`kube-*`, `default`).
   */
  ownedNamespaces: string[];
  alloy: {
    /** How often Alloy polls Git for a new pipeline module. */
    pullFrequency: Duration;
  };
  databases: Database[];
  alerting: AlertRouting;
}

/** What `environments/<env>/env.ts` may override. Arrays replace, objects merge. */
export type EnvironmentInput = DeepPartial<Environment> & Pick<Environment, 'name'>;

export type DeepPartial<T> = T extends readonly (infer _U)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
