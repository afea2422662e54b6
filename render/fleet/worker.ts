// The entry of a render worker thread (bundled by bin/compile.mjs as dist/<stamp>/fleet-worker.mjs):
// environments' env.ts are imported through the bundle cache, as in the compiled CLI's main thread.
// The apps load with the first environment to render: a worker that only compares cached
// environments with the disk never needs them.
import { workerData } from 'node:worker_threads';
import { setModuleImporter } from '../../lib/env/importer';
import { tsImporter } from '../ts-import';
import { cachedTask, type CachedTask } from './cached';
import { serveTasks } from './pool';
import type { FleetTask } from './task';

setModuleImporter(tsImporter((workerData as { root: string }).root));
serveTasks(async (task: FleetTask | CachedTask) => {
  if (task.kind === 'cached') return cachedTask(task);
  const [{ renderTask }, { apps }, { ENVIRONMENT_CHECKS }] = await Promise.all([import('./task'), import('../../apps/registry'), import('../render')]);
  return renderTask(task, apps, ENVIRONMENT_CHECKS);
});
