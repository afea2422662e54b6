// One render writes at a time: a second waits for the first, a lock left by a killed render is
// taken over, and a holder that stays gets named.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, LockBusyError, withRenderLock } from '../../render/lock';

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'lgtm-lock-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('two writers never overlap: the second runs after the first', async () => {
  const events: string[] = [];
  const writer = (name: string) =>
    withRenderLock(root, async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 150));
      events.push(`${name} out`);
    });
  await Promise.all([writer('a'), writer('b')]);
  expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
  expect(existsSync(join(root, LOCK_FILE))).toBe(false);
});

test('a lock left by a process that is gone is taken over', async () => {
  writeFileSync(join(root, LOCK_FILE), '999999999');
  expect(await withRenderLock(root, () => 'ran')).toBe('ran');
});

test('a live holder is named when waiting gives up', async () => {
  // This test's own parent process stands in for another render that holds the lock.
  writeFileSync(join(root, LOCK_FILE), String(process.ppid));
  await expect(withRenderLock(root, () => 'ran', 200)).rejects.toThrow(new LockBusyError(`another lgtm render (pid ${process.ppid}) is writing this repository; wait for it to finish, or stop it (kill ${process.ppid}), then run again`));
});
