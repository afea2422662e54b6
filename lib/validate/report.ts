// How checks hand findings back: one call per problem, with the check id and the object path.
import type { KubeObject } from '../k8s/types';
import type { CheckId } from './checks';
import type { Path } from './types';

/** `lineInValue`: for a finding inside a multi-line string (a config file), its 0-based line there. */
export type ObjectReport = (check: CheckId, path: Path, message: string, lineInValue?: number) => void;

/** A check that looks at one object on its own. */
export type ObjectCheck = (object: KubeObject, report: ObjectReport) => void;

export type Json = Record<string, unknown>;

export function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NO_ENTRIES: readonly unknown[] = [];

/** The entries of a list field, or none: one shared empty list, as checks call this for every field they read. */
export function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : NO_ENTRIES;
}
