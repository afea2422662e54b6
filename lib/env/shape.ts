// The shape of an environment checked against the one schema (schema.ts): every value has the type
// the apps read (a list where a list is read, an enum's values), so no app meets a value its type
// does not allow. check.ts says more about most fields (a format, a range, the fix); a path it has
// already reported is not reported twice.
import type { z } from 'zod';
import { environmentSchema } from './schema';

export interface ShapeProblem {
  path: string;
  message: string;
}

/** `databases[0].name` from zod's `['databases', 0, 'name']`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

const ARTICLE: Record<string, string> = { array: 'a list', object: 'a map', string: 'a string', number: 'a number', boolean: 'true or false' };

function describe(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `${JSON.stringify(issue.input)} must be ${ARTICLE[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${JSON.stringify(issue.input)} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      // A discriminated union reports the discriminator's path, the whole object as input and the options.
      const tagged = issue as { discriminator?: string; options?: unknown[] };
      if (tagged.discriminator && tagged.options && typeof issue.input === 'object' && issue.input !== null) {
        const tag = (issue.input as Record<string, unknown>)[tagged.discriminator];
        return `${JSON.stringify(tag)} must be one of ${tagged.options.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return `${JSON.stringify(issue.input)} is none of the forms this field takes (see lib/env/schema.ts)`;
    }
    case 'unrecognized_keys':
      return undefined; // unknown-keys.ts says which key was meant
    default:
      return issue.message;
  }
}

/** Shape problems of `env`, leaving out paths at or under one already reported. */
export function shapeProblems(env: unknown, reported: readonly string[] = []): ShapeProblem[] {
  const result = environmentSchema.safeParse(env, { reportInput: true });
  if (result.success) return [];
  const covered = (path: string) => reported.some((r) => path === r || path.startsWith(`${r}.`) || path.startsWith(`${r}[`) || r.startsWith(`${path}.`) || r.startsWith(`${path}[`));
  const out: ShapeProblem[] = [];
  for (const issue of result.error.issues) {
    const message = describe(issue);
    const path = pathText(issue.path);
    if (message === undefined || covered(path)) continue;
    out.push({ path: path || '(environment)', message });
  }
  return out;
}
