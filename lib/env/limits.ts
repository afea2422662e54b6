// What the programs that read an environment's values can hold, checked at load time: a value that
// passes its format but overflows Go's duration, an int64 of bytes, a cron field or the time-zone
// database would otherwise reach the cluster and fail there (or, worse, be read as something else).
import { bytesOf } from '../k8s/workload';
import { durationMs } from './duration';

/** Go's time.Duration is int64 nanoseconds: about 292 years. Mimir, Loki and Tempo parse into it. */
export const MAX_DURATION_MS = Math.floor(Number(2n ** 63n - 1n) / 1e6);

/** Why a duration overflows Go's time.Duration, or undefined. */
export function durationOverflow(value: string): string | undefined {
  const ms = durationMs(value);
  if (ms === undefined || ms <= MAX_DURATION_MS) return undefined;
  return `"${value}" is longer than a Go duration can hold (about 292 years), so the backends would refuse their configuration; write at most 292y`;
}

/**
 * The largest memory quantity accepted: GOMEMLIMIT (90% of the limit, in bytes) must fit in an
 * int64, and no node offers more than a few TiB; 64Ti leaves room for any real machine.
 */
export const MAX_MEMORY_BYTES = 64 * 2 ** 40;

export function memoryTooLarge(value: string): string | undefined {
  let bytes: number;
  try {
    bytes = bytesOf(value);
  } catch {
    return undefined; // the format check reports it
  }
  return bytes > MAX_MEMORY_BYTES ? `"${value}" is more memory than any node has (at most 64Ti); write the size the component needs, such as 2Gi` : undefined;
}

/** Alloy's import.git polls Git this often on every node: faster than 10 s is a load on the Git host, not freshness. */
export const MIN_PULL_MS = 10_000;

// Cron fields as Argo CD's sync windows read them (robfig/cron's standard five-field parser).
const CRON_FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

function cronValue(text: string, f: (typeof CRON_FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const i = f.names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 ? i + (f.name === 'month' ? 1 : 0) : undefined;
}

/** Why a five-field cron expression is invalid, naming the field; undefined when it is valid. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} field(s); write five: minute hour day-of-month month day-of-week, such as "0 8 * * 1-5"`;
  for (let i = 0; i < 5; i++) {
    const f = CRON_FIELDS[i]!;
    for (const part of fields[i]!.split(',')) {
      const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
      if (!m) return `${f.name} "${part}" is not a value, a range, a list or a step`;
      if (m[2] !== undefined && Number(m[2]) === 0) return `${f.name} "${part}" steps by zero`;
      if (m[1] === '*') continue;
      const [lo, hi] = m[1]!.split('-');
      for (const v of [lo, hi]) {
        if (v === undefined) continue;
        const n = cronValue(v, f);
        if (n === undefined || n < f.min || n > f.max) return `${f.name} "${v}" is outside ${f.min}-${f.max}`;
      }
      if (hi !== undefined && cronValue(hi, f)! < cronValue(lo!, f)!) return `${f.name} range "${m[1]}" runs backwards`;
    }
  }
  return undefined;
}

// The zones ICU lists by their canonical names, read once. The first look is here because it is
// cheap (about 2 ms), where constructing the first formatter loads ICU's locale data (about 20 ms
// of every render that checks a sync window).
let listedZones: ReadonlySet<string> | undefined;

/** Whether the IANA time-zone database (Node's, as Go's) knows the zone. */
export function knownTimeZone(zone: string): boolean {
  listedZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (listedZones.has(zone)) return true;
  // Links and aliases (UTC, US/Pacific, Asia/Kolkata) are in the database but not in that list.
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
