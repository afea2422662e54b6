/** A problem in what an app or environment produced; the message names the source and the fix. */
export class RenderError extends Error {}

/** Errors found, in one exception: nothing may be written. */
export function failedChecks(errors: readonly { text: string }[]): RenderError {
  return new RenderError(`${errors.length} check(s) failed; nothing was written:\n${errors.map((f) => `  ${f.text}`).join('\n')}`);
}
