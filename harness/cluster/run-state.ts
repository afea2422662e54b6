// The machine-wide state of the local cluster: one run at a time (a lock holding the run's pid) and
// the process groups it started, so that a run killed with SIGKILL, which cannot clean up after
// itself, is cleaned up by the next one: its processes are killed before its addresses are reused.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const DIR = '/run/lgtm-harness';
const LOCK = `${DIR}/lock`;
const GROUPS = `${DIR}/process-groups`;
const STATE_DIRS = `${DIR}/state-dirs`;

export class RunStateError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the lock. A lock held by a live process is an error with the fix; one left by a killed
 * run is taken over after its process groups are killed. Returns a note when it cleaned up.
 */
export function acquireRun(): string | undefined {
  if (process.getuid?.() !== 0) throw new RunStateError('the local cluster needs root (network namespaces, mounts); run it as root');
  mkdirSync(DIR, { recursive: true });
  let note: string | undefined;
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new RunStateError(`another local cluster (pid ${pid}) is running; stop it (Ctrl-C in its terminal, or kill ${pid}) and try again`);
    }
  }
  if (existsSync(GROUPS)) {
    const groups = readFileSync(GROUPS, 'utf8').split('\n').filter(Boolean).map(Number);
    let killed = 0;
    for (const g of groups) {
      try {
        process.kill(-g, 'SIGKILL');
        killed++;
      } catch {
        /* already gone */
      }
    }
    if (killed) note = `killed ${killed} process group(s) left running by a killed run`;
    rmSync(GROUPS);
  }
  if (existsSync(STATE_DIRS)) {
    for (const d of readFileSync(STATE_DIRS, 'utf8').split('\n').filter((l) => l.startsWith('/tmp/lgtm-cluster-'))) rmSync(d, { recursive: true, force: true });
    rmSync(STATE_DIRS);
  }
  writeFileSync(LOCK, String(process.pid));
  return note;
}

/** Remembers a process group this run started, for the next run to kill if this one is killed. */
export function recordProcessGroup(pid: number): void {
  if (existsSync(DIR)) appendFileSync(GROUPS, `${pid}\n`);
}

/** Remembers the run's temporary folder, for the next run to remove if this one is killed. */
export function recordStateDir(path: string): void {
  if (existsSync(DIR)) appendFileSync(STATE_DIRS, `${path}\n`);
}

export function releaseRun(): void {
  try {
    if (existsSync(LOCK) && Number(readFileSync(LOCK, 'utf8')) === process.pid) {
      rmSync(GROUPS, { force: true });
      rmSync(STATE_DIRS, { force: true });
      rmSync(LOCK);
    }
  } catch {
    /* nothing left to release */
  }
}
