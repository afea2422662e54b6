/** A problem in what an app or environment produced; the message names the source and the fix. */
export class RenderError extends Error {}
