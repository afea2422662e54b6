// The entry of a render worker thread (bundled by bin/compile.mjs as dist/<stamp>/fleet-worker.mjs):
// environments' env.ts are imported through the bundle cache, as in the compiled CLI's main thread.
import { workerData } from 'node:worker_threads';
import { apps } from '../../apps/registry';
import { setModuleImporter } from '../../lib/env/importer';
import { ENVIRONMENT_CHECKS } from '../render';
import { tsImporter } from '../ts-import';
import { serveTasks } from './pool';
import { renderTask, type FleetTask } from './task';

setModuleImporter(tsImporter((workerData as { root: string }).root));
serveTasks((task: FleetTask) => renderTask(task, apps, ENVIRONMENT_CHECKS));
