// A small pool of worker threads: tasks go to whichever worker is free, results come back in the
// order of the tasks. It knows nothing of what the tasks are; a worker script serves them with
// `serveTasks`. An exception in a task rejects the whole run with the worker's message and stack.
import { once } from 'node:events';
import { parentPort, Worker } from 'node:worker_threads';

type Reply<R> = { id: number; result: R } | { id: number; error: { message: string; stack?: string } };

export async function runInWorkers<T, R>(script: URL, workerData: unknown, tasks: readonly T[], workers: number): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, () => new Worker(script, { workerData }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              worker.postMessage({ id, task: tasks[id] });
            };
            worker.on('message', (reply: Reply<R>) => {
              if ('error' in reply) {
                const e = new Error(reply.error.message);
                if (reply.error.stack) e.stack = reply.error.stack;
                return reject(e);
              }
              results[reply.id] = reply.result;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (next < tasks.length || code !== 0) reject(new Error(`a render worker stopped (exit code ${code}) before its tasks were done`));
            });
            feed();
          }),
      ),
    );
    // Closed rather than terminated, so that a worker's exit handlers run (the compiled CLI's loader
    // saves the worker's code cache in one).
    await Promise.all(
      pool.map((worker) => {
        const exited = once(worker, 'exit');
        worker.postMessage({ close: true });
        return exited;
      }),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

/** The worker side: answers each task with `handle`, one at a time. */
export function serveTasks<T, R>(handle: (task: T) => Promise<R>): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  port.on('message', async (message: { id: number; task: T } | { close: true }) => {
    if ('close' in message) process.exit(0); // ends this thread, not the process
    const { id, task } = message;
    try {
      port.postMessage({ id, result: await handle(task) } satisfies Reply<R>);
    } catch (e) {
      const err = e as Error;
      port.postMessage({ id, error: { message: String(err?.message ?? e), stack: err?.stack } } satisfies Reply<R>);
    }
  });
}
