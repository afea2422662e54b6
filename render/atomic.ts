// Files replaced whole: written beside under a name of this process and thread (render's worker
// threads share the process id), then renamed over, so a reader sees the old file or the new.
import { renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
