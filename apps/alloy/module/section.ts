// What a pipeline section is and what it receives: shared by apps/alloy/pipeline.ts, which wires
// the sections together, and the section files in this folder, which build them. The node
// pipeline (DaemonSet) and the cluster collector (one pod) each have an entry declare.
import type { Environment } from '../../../lib/env/types';
import type { Block, Component, Expr } from '../../../lib/alloy/builder';

/** What the cluster collector's entry declare hands to its sections: everything but pods. */
export interface ClusterWiring {
  stackNamespace: Expr;
  /** The collected namespaces (empty: every namespace) and, with every namespace, the excluded ones. */
  namespaces: Expr;
  excludeNamespaces: Expr;
  /** Mimir's base URL (its ruler API, for PrometheusRules). */
  mimirUrl: Expr;
  /** Receivers and consumers of the sinks section. */
  metrics: Expr;
  logs: Expr;
  /** OTel consumer for OTLP logs, which go to Loki's native OTLP endpoint. */
  otlpLogs: Expr;
  traces: Expr;
}

/** What the node pipeline's entry declare hands to every section. */
export interface Wiring extends ClusterWiring {
  /** This node's pods in the collected namespaces (`discovery.kubernetes` targets). */
  pods: Expr;
}

/** One pipeline section: the declare in the module and its instance inside `declare "pipeline"`. */
export interface Section {
  definition: Block;
  instance: Component;
}

export type SectionBuilder = (wiring: Wiring, env: Environment) => Section;

/** A section of the cluster collector, which has no node-local pods. */
export type ClusterSectionBuilder = (wiring: ClusterWiring, env: Environment) => Section;
