/** Where a command writes and which repository it works on; tests pass their own. */
export interface Io {
  /** Repository root. */
  root: string;
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Findings: stale files, validation errors, a diff, a deletion guard. */
  findings: 1,
  /** Bad command line. */
  usage: 2,
  /** An environment, app or repository could not be evaluated. */
  failure: 3,
} as const;

export interface Command {
  name: string;
  /** One line for `lgtm --help`. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Thrown for a bad command line; the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}

/** Thrown for bad input the user must fix; printed without a stack trace, exit 3. */
export class UserError extends Error {}
