// The typed parameters of one environment (one cluster). `environments/<env>/env.ts` builds one
// of these from the shared defaults; apps read it and nothing else.

import type { z } from 'zod';
import type {
  alertReceiverSchema,
  alertRoutingSchema,
  bucketsSchema,
  componentSizeSchema,
  databaseSchema,
  environmentSchema,
  objectStorageSchema,
  resourcesSchema,
  secretRefSchema,
  syncPolicySchema,
  syncWindowSchema,
} from './schema';
import { COMPONENTS } from './schema';

// Every type here is inferred from the one schema in schema.ts, which the loader also checks each
// env.ts against: a field added there is typed and checked at once. The documentation of each
// field is in schema.ts, and editors show it here through the inference.
export { COMPONENTS };
export type ComponentName = (typeof COMPONENTS)[number];

/** Kubernetes quantities as written in manifests: `100m`, `1`, `256Mi`, `2Gi`. */
export type Quantity = string;

/**
 * A duration in Prometheus notation: a whole number and one unit, `ms`, `s`, `m`, `h`, `d`, `w` or `y`
 * (`15d`, `744h`). Apps convert it to what each backend reads (Tempo wants hours, for example).
 */
export type Duration = string;

export type Resources = z.infer<typeof resourcesSchema>;
export type ComponentSize = z.infer<typeof componentSizeSchema>;
export type SyncWindow = z.infer<typeof syncWindowSchema>;
export type SyncPolicy = z.infer<typeof syncPolicySchema>;
/** A Secret created out of band (never in Git), and the keys this repository reads from it. */
export type SecretRef = z.infer<typeof secretRefSchema>;
export type ObjectStorage = z.infer<typeof objectStorageSchema>;
export type AlertReceiver = z.infer<typeof alertReceiverSchema>;
export type AlertRouting = z.infer<typeof alertRoutingSchema>;
export type Buckets = z.infer<typeof bucketsSchema>;
export type Database = z.infer<typeof databaseSchema>;
export type Environment = z.infer<typeof environmentSchema>;

/** What `environments/<env>/env.ts` may override. Arrays replace, objects merge. */
export type EnvironmentInput = DeepPartial<Environment> & Pick<Environment, 'name'>;

export type DeepPartial<T> = T extends readonly (infer _U)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
