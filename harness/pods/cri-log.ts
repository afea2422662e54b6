// Container output written as the kubelet's CRI runtime writes it, so log collectors read the same
// bytes they read on a node: /var/log/pods/<ns>_<pod>_<uid>/<container>/0.log, one line per record,
// `<RFC3339Nano time> <stream> <F|P> <text>`, and the /var/log/containers/ symlink.
import { createWriteStream, mkdirSync, symlinkSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** RFC 3339 with nanoseconds, as CRI writes it. */
export function criTime(ms: number, nanos = 0): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T01:02:03.456Z
  const frac = `${iso.slice(20, 23)}${String(nanos).padStart(6, '0')}`;
  return `${iso.slice(0, 19)}.${frac}Z`;
}

export function criLine(stream: 'stdout' | 'stderr', text: string, ms = Date.now()): string {
  return `${criTime(ms)} ${stream} F ${text}\n`;
}

export interface CriLog {
  write(stream: 'stdout' | 'stderr', line: string): void;
  close(): void;
  readonly path: string;
}

export function openCriLog(nodeRoot: string, pod: { namespace: string; name: string; uid: string }, container: string, containerId: string): CriLog {
  const podDir = join(nodeRoot, 'var/log/pods', `${pod.namespace}_${pod.name}_${pod.uid}`, container);
  mkdirSync(podDir, { recursive: true });
  const path = join(podDir, '0.log');
  const out: WriteStream = createWriteStream(path, { flags: 'a' });
  const containers = join(nodeRoot, 'var/log/containers');
  mkdirSync(containers, { recursive: true });
  try {
    symlinkSync(`/var/log/pods/${pod.namespace}_${pod.name}_${pod.uid}/${container}/0.log`, join(containers, `${pod.name}_${pod.namespace}_${container}-${containerId}.log`));
  } catch {
    /* a restart reuses the link */
  }
  return { path, write: (stream, line) => out.write(criLine(stream, line)), close: () => out.end() };
}
