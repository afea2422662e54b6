// The generated schema table (known-fields.json, written by generate.ts) and its reference codes.
import data from './known-fields.json' with { type: 'json' };

/**
 * How a field's value is typed:
 * `s` string, `n` number, `I` integer, `I32` 32-bit integer, `b` boolean, `i` int-or-string, `q` quantity, `*` anything,
 * `e:a|b` one of the listed strings, `[]X` list of X, `{}X` map of string to X,
 * anything else names an object type in `types`.
 */
export type TypeRef = string;

/** Fields of an object type, and which of them are required. */
export type ObjectType = [fields: Record<string, TypeRef>, required?: string[]];

export interface SchemaTable {
  /** `apiVersion/kind` (`apps/v1/Deployment`, `v1/Service`) → object type of the whole object. */
  kinds: Record<string, TypeRef>;
  types: Record<string, ObjectType>;
}

export const schema = data as unknown as SchemaTable;
