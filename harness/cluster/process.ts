// Long-running child processes of the harness: started in their own process group so a stop
// kills everything they spawned, with the tail of their output kept for error messages.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { recordProcessGroup } from './run-state';

export interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** The last lines it printed (stdout and stderr interleaved). */
  tail(lines?: number): string;
  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<Managed>();

/** Every process still running, for the cleanup on exit. */
export function liveProcesses(): Managed[] {
  return [...live];
}

export function startProcess(
  name: string,
  cmd: string,
  args: readonly string[],
  opts: SpawnOptions & { logFile?: string; onLine?: (stream: 'stdout' | 'stderr', line: string) => void } = {},
): Managed {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) recordProcessGroup(child.pid);
  const ring: string[] = [];
  const file: WriteStream | undefined = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const feed = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      file?.write(chunk);
      const text = partial + chunk.toString();
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        ring.push(line);
        if (ring.length > 200) ring.shift();
        opts.onLine?.(stream, line);
      }
    };
  };
  child.stdout?.on('data', feed('stdout'));
  child.stderr?.on('data', feed('stderr'));
  const exited = new Promise<number | string>((resolve) => {
    child.on('error', (e) => {
      ring.push(`(could not start ${cmd}: ${e.message})`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 1));
  });
  const managed: Managed = {
    name,
    child,
    exited,
    tail: (n = 15) => ring.slice(-n).join('\n'),
    async stop(graceMs = 5000) {
      const kill = (sig: NodeJS.Signals) => {
        try {
          if (child.pid) process.kill(-child.pid, sig);
        } catch {
          /* already gone */
        }
      };
      if (child.exitCode === null && child.signalCode === null) {
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // Children that left the group leader behind still die with the group.
      kill('SIGKILL');
      file?.end();
      live.delete(managed);
    },
  };
  live.add(managed);
  void exited.then(() => file?.end());
  return managed;
}
