// What a pipeline section is and what it receives: shared by apps/alloy/pipeline.ts, which wires
// the sections together, and the section files in this folder, which build them.
import type { Environment } from '../../../lib/env/types';
import type { Block, Component, Expr } from '../../../lib/alloy/builder';

/** What the entry declare hands to every section. */
export interface Wiring {
  /** This node's pods in the collected namespaces (`discovery.kubernetes` targets). */
  pods: Expr;
  stackNamespace: Expr;
  /** Receivers and consumers of the sinks section. */
  metrics: Expr;
  logs: Expr;
  /** OTel consumer for OTLP logs, which go to Loki's native OTLP endpoint. */
  otlpLogs: Expr;
  traces: Expr;
}

/** One pipeline section: the declare in the module and its instance inside `declare "pipeline"`. */
export interface Section {
  definition: Block;
  instance: Component;
}

export type SectionBuilder = (wiring: Wiring, env: Environment) => Section;
