// One writer at a time: two renders that swap the same folders at once can roll back each other's
// output. The lock is a file holding the writer's pid, created exclusively and whole; a lock whose
// process is gone (a killed render) is taken over. A second writer waits for the first, then gives up with the
// holder named.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = '.render.lock';

export class LockBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates the lock with our pid already in it: written beside, then hard-linked into place, which
 * fails when the lock exists. (Creating it empty and writing after left a moment in which another
 * render read an empty lock, judged it abandoned and took it too.)
 */
function tryCreate(path: string): boolean {
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Removes a lock whose holder `dead` is gone. It is first moved aside and read again: when two
 * renders find the same abandoned lock, the slower one may move the lock the faster one has just
 * made, and puts it back.
 */
function takeOver(path: string, dead: number): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  let moved = 0;
  try {
    moved = Number(readFileSync(aside, 'utf8').trim());
  } catch {
    /* gone already */
  }
  if (moved && moved !== dead && alive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      /* a third render holds it now; the one we moved will find its lock gone when it releases */
    }
  }
  rmSync(aside, { force: true });
}

/** Runs `body` holding the repository's render lock; waits up to `waitMs` for another holder. */
export async function withRenderLock<T>(root: string, body: () => T | Promise<T>, waitMs = 30_000): Promise<T> {
  const path = join(root, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  while (!tryCreate(path)) {
    let holder = 0;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // released between the two calls
    }
    if (!holder || !alive(holder)) {
      takeOver(path, holder);
      continue;
    }
    if (Date.now() > deadline) throw new LockBusyError(`another lgtm render (pid ${holder}) is writing this repository; wait for it to finish, or stop it (kill ${holder}), then run again`);
    await sleep(100);
  }
  try {
    return await body();
  } finally {
    try {
      if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  }
}
