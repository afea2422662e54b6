// Prometheus-style durations (`7d`, `168h`) as the environment writes them, converted to what each
// backend reads: Mimir and Loki take the Prometheus notation, Tempo takes Go durations (hours).
import type { Duration } from './types';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

const PATTERN = /^([1-9][0-9]*)(ms|s|m|h|d|w|y)$/;

/** Milliseconds of a duration, or `undefined` when it is not one number and one unit. */
export function durationMs(d: Duration): number | undefined {
  const m = PATTERN.exec(d);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

export const HOUR_MS = UNIT_MS.h!;
export const DAY_MS = UNIT_MS.d!;

/** A duration in whole hours (`7d` → 168); throws when it is not whole hours. */
export function hoursOf(d: Duration): number {
  const ms = durationMs(d);
  if (ms === undefined || ms % HOUR_MS !== 0) {
    throw new Error(`"${d}" is not a whole number of hours; write it as 48h, 7d or 2w`);
  }
  return ms / HOUR_MS;
}

/** A duration as whole hours in Go notation (`7d` → `168h`); throws when it is not whole hours. */
export function goHours(d: Duration): string {
  return `${hoursOf(d)}h`;
}
