// One writer at a time: two renders that swap the same folders at once can roll back each other's
// output. The lock is a file holding the writer's pid, created exclusively; a lock whose process is
// gone (a killed render) is taken over. A second writer waits for the first, then gives up with the
// holder named.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

/** Runs `body` holding the repository's render lock; waits up to `waitMs` for another holder. */
export async function withRenderLock<T>(root: string, body: () => T | Promise<T>, waitMs = 30_000): Promise<T> {
  const path = join(root, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = 0;
      try {
        holder = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue; // released between the two calls
      }
      if (!holder || !alive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new LockBusyError(`another lgtm render (pid ${holder}) is writing this repository; wait for it to finish, or stop it (kill ${holder}), then run again`);
      await sleep(100);
    }
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
