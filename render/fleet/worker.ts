// The entry of a render worker thread (bundled by bin/compile.mjs as dist/<stamp>/fleet-worker.cjs,
// started by bin/load-compiled.mjs): environments' env.ts are imported through the bundle cache, as
// in the compiled CLI's main thread.
// The apps load with the first environment to render: a worker that only compares cached
// environments with the disk never needs them.
import { workerData } from 'node:worker_threads';
import { setModuleImporter } from '../../lib/env/importer';
import { setRunExtent } from '../run-extent';
import { tsImporter } from '../ts-import';
import { cachedTask, type CachedTask } from './cached';
import { serveTasks } from './pool';
import type { FleetTask, SequenceTask } from './task';

const handle = async (task: FleetTask | CachedTask): Promise<unknown> => {
  if (task.kind === 'cached') return cachedTask(task);
  setRunExtent('full');
  const { renderTask } = await import('./task');
  const { apps } = await import('../../apps/registry');
  const { ENVIRONMENT_CHECKS } = await import('../render');
  return renderTask(task, apps, ENVIRONMENT_CHECKS);
};

/** How much of the program this worker ran, for its code cache (bin/load-compiled.mjs). */
export { runExtent } from '../run-extent';

/** Serves the pool's tasks; `importUrl` is the import() of the ES module that started the thread. */
export function serveRenderTasks(importUrl: (url: string) => Promise<unknown>): void {
  setModuleImporter(tsImporter((workerData as { root: string }).root, undefined, importUrl));
  setRunExtent('partial'); // until it renders an environment

  serveTasks(async (task: FleetTask | CachedTask | SequenceTask) => {
    if (task.kind !== 'sequence') return handle(task);
    const results: unknown[] = [];
    for (const t of task.tasks) results.push(await handle(t));
    return results;
  });
}
