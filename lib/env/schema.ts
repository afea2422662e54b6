// The one schema of an environment (zod 4): the TypeScript type every app reads is inferred from
// it (lib/env/types.ts), and the loader checks each `env.ts` against it (keys, shapes, enums), so
// the type and the load-time checks cannot disagree. A key the schema does not name is an error
// with the closest known key (unknown-keys.ts); formats and ranges that need a sentence with the
// fix (a DNS label, a duration, a cron expression) are checked by path in check.ts and the apps'
// load checks, and test/lib/env/shape.test.ts holds that every non-boolean field of this schema has
// one: a field added here without its check fails that test.
import { z } from 'zod';

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

/** Kubernetes quantities as written in manifests: `100m`, `1`, `256Mi`, `2Gi`. */
const quantity = z.string();

/**
 * A duration in Prometheus notation: a whole number and one unit, `ms`, `s`, `m`, `h`, `d`, `w` or `y`
 * (`15d`, `744h`). Apps convert it to what each backend reads (Tempo wants hours, for example).
 */
const duration = z.string();

export const resourcesSchema = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  /** Memory is always limited; a CPU limit is optional because it throttles bursty Go services. */
  limits: z.strictObject({ memory: quantity, cpu: quantity.optional() }),
});

export const componentSizeSchema = z.strictObject({
  /** Pods for a Deployment/StatefulSet; ignored for DaemonSets, which run one per node. */
  replicas: z.number(),
  resources: resourcesSchema,
  /** PersistentVolumeClaim size for stateful components. */
  storage: quantity.optional(),
});

export const syncWindowSchema = z.strictObject({
  kind: z.enum(['allow', 'deny']),
  /** Cron expression for the window start, as Argo CD reads it. */
  schedule: z.string(),
  /** Window length, e.g. `2h`. */
  duration: z.string(),
  timeZone: z.string(),
  /** Let a person sync by hand inside a deny window. */
  manualSync: z.boolean(),
});

export const syncPolicySchema = z.strictObject({
  /** `automated`: Argo CD syncs, prunes and self-heals on every push. `manual`: a person syncs from the UI. */
  mode: z.enum(['automated', 'manual']),
  windows: z.array(syncWindowSchema),
});

/** A Secret created out of band (never in Git), and the keys this repository reads from it. */
export const secretRefSchema = z.strictObject({ name: z.string() });

export const objectStorageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('minio') }),
  z.strictObject({
    type: z.literal('external'),
    /** `host:port` of the S3 API, without a scheme. */
    endpoint: z.string(),
    region: z.string(),
    /** Use plain HTTP to the endpoint (only for in-cluster S3 gateways). */
    insecure: z.boolean(),
    /** Secret with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. */
    credentials: secretRefSchema,
  }),
]);

/**
 * Where Mimir's Alertmanager delivers alerts. The sensitive part of each receiver (webhook URL,
 * Slack API URL, PagerDuty routing key, SMTP password) is one key of a Secret in the stack
 * namespace, made out of band and never in Git: `url`, `api-url`, `routing-key` or `password`.
 */
export const alertReceiverSchema = z.discriminatedUnion('type', [
  z.strictObject({ name: z.string(), type: z.literal('webhook'), secret: z.string() }),
  z.strictObject({ name: z.string(), type: z.literal('slack'), channel: z.string(), secret: z.string() }),
  z.strictObject({ name: z.string(), type: z.literal('pagerduty'), secret: z.string() }),
  z.strictObject({ name: z.string(), type: z.literal('email'), to: z.string(), from: z.string(), smarthost: z.string(), username: z.string(), secret: z.string() }),
]);

export const alertRoutingSchema = z.strictObject({
  receivers: z.array(alertReceiverSchema),
  /** Receives every alert that no other route takes. */
  defaultReceiver: z.string(),
  /** Receives `severity="critical"` alerts, when they go somewhere else than the default. */
  criticalReceiver: z.string().optional(),
});

export const bucketsSchema = z.strictObject({ metrics: z.string(), logs: z.string(), traces: z.string() });

export const databaseSchema = z.strictObject({
  /** Short name, used in Service, job and Secret names. */
  name: z.string(),
  engine: z.enum(['postgresql', 'mongodb']),
  namespace: z.string(),
  /** Secret (in `namespace`, not in Git) that holds the exporter's connection string. */
  credentials: secretRefSchema,
});

export const environmentSchema = z.strictObject({
  name: z.string(),
  cluster: z.strictObject({
    /** Human name, also the `cluster` label on every series. */
    name: z.string(),
    /** API server URL as registered in Argo CD (`https://kubernetes.default.svc` for the local cluster). */
    server: z.string(),
    /** Nodes the cluster is expected to run; sizes the Alloy DaemonSet in reports. */
    nodes: z.number(),
  }),
  /** Namespace of the stack itself. */
  namespace: z.string(),
  /** The Git repository and revision that Argo CD and Alloy follow for this environment. */
  git: z.strictObject({
    repoURL: z.string(),
    revision: z.string(),
    /**
     * The repository needs credentials to clone: Alloy then reads them from the Secret
     * `alloy-git-credentials` (keys username, password), made out of band. False: anonymous clone,
     * and no Authorization header is sent (some hosts reject an empty one).
     */
    private: z.boolean(),
  }),
  sizes: z.strictObject(Object.fromEntries(COMPONENTS.map((c) => [c, componentSizeSchema])) as Record<(typeof COMPONENTS)[number], typeof componentSizeSchema>),
  retention: z.strictObject({ metrics: duration, logs: duration, traces: duration }),
  sync: syncPolicySchema,
  storage: objectStorageSchema,
  buckets: bucketsSchema,
  /**
   * Where Alloy collects pod metrics and logs: `'all'` namespaces but those in `exclude`, or an
   * explicit list (the stack namespace is always added). Collecting from a namespace never makes
   * this repository own it: see `ownedNamespaces`.
   */
  collect: z.strictObject({
    namespaces: z.union([z.array(z.string()), z.literal('all')]),
    exclude: z.array(z.string()),
    /** Kubernetes events of the collected namespaces (and cluster-scoped ones) into Loki, once per cluster. */
    events: z.boolean(),
    /**
     * Scrape the ServiceMonitors, PodMonitors and Probes of the collected namespaces. Their CRDs
     * must already be installed (by the Prometheus Operator or its CRD chart): this repository
     * does not install them.
     */
    prometheusOperator: z.boolean(),
    /**
     * Load the PrometheusRules of the collected namespaces into Mimir's ruler, and this
     * repository's own rules the same way (rendered as PrometheusRule objects): Mimir's rule
     * storage moves to the object store, where Alloy's mimir.rules.kubernetes writes them. The
     * PrometheusRule CRD must already be installed.
     */
    prometheusRules: z.boolean(),
  }),
  /**
   * Application namespaces this repository creates and labels (Pod Security levels), and that Argo
   * CD may deploy into. Never a system namespace (`kube-*`, `default`).
   */
  ownedNamespaces: z.array(z.string()),
  alloy: z.strictObject({
    /** How often Alloy polls Git for a new pipeline module. */
    pullFrequency: duration,
  }),
  databases: z.array(databaseSchema),
  alerting: alertRoutingSchema,
});
