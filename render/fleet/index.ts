// `render` and `render --check` over any number of environments: an environment whose inputs are
// unchanged since its last render on this machine is answered from its cache entry (its files'
// digests and its checks' findings) and only compared with the disk; the others are rendered, on
// worker threads when there are enough of them to pay for starting the threads. Checks across
// environments run over all of them every time. What comes out is what a serial render without
// the cache gives; test/render/fleet.test.ts holds that.
import { availableParallelism } from 'node:os';
import type { CheckFinding, FleetEnvironment } from '../../lib/checks';
import type { Environment } from '../../lib/env/types';
import { environmentNames, selectEnvironments } from '../../lib/env/names';
import { gitReader } from '../../lib/git/reader';
import { fleetFindings, warningsOrFail } from '../checks';
import { RenderError } from '../pipeline/errors';
import { setRunExtent } from '../run-extent';
import type { Drift } from '../tree';
import { cachedTask, type CachedOutcome, type CachedResult, type CachedTask } from './cached';
import { environmentKeys } from './keys';
import { fleetDigest, writeFleetRecord } from './record';
import { runInWorkers } from './pool';
import { fleetWorker } from './worker-script';
import { entryKey, pruneEntries, writeEntry } from './store';
import type { FleetOutcome, FleetTask, SequenceTask } from './task';

export interface FleetOptions {
  envs?: string[];
  /** Threads to render on; 1 renders on the main thread. Default: the machine's cores. */
  jobs?: number;
  /** Use and fill the per-environment cache (default true). */
  cache?: boolean;
  /** The caller writes: keep the content of every owned path that differs from the disk. */
  contents?: boolean;
  /** When threads start (tests lower them): environments to render, cached environments to compare. */
  thresholds?: { render?: number; offload?: number };
}

export interface FleetRender {
  environments: number;
  /** How many files render produces. */
  files: number;
  ownedPaths: string[];
  /** Every difference between the disk and the render, inside the owned paths. */
  drift: Drift[];
  /** The content of every file under an owned path that differs (with `contents`). */
  contents: Map<string, string>;
  /** Each environment's values and the files it produces, [path, sha256 of the content], in render's order. */
  produced: { env: Environment; files: [string, string][] }[];
  warnings: CheckFinding[];
  stats: { cached: number; rendered: number; workers: number };
}

/** Below this many environments to render, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 8;

/** From this many cached environments on, a worker compares them with the disk beside this thread. */
const OFFLOAD_THRESHOLD = 300;

export async function renderFleet(root: string, options: FleetOptions = {}): Promise<FleetRender> {
  const names = selectEnvironments(root, options.envs);
  const useCache = options.cache ?? true;
  // An environment whose env.ts bundle is out of date (it, or a file it imports, changed) has no key
  // until the bundle is built. Many are built here in one esbuild run; a few are built by their own
  // import where they render, on a worker beside the comparisons of the others, and get their keys
  // after (an esbuild run is a process start: tens of milliseconds after one env.ts changed).
  const renderThreshold = options.thresholds?.render ?? WORKER_THRESHOLD;
  const keys = useCache ? await environmentKeys(root, names, false) : new Map<string, string>();
  /** Builds the bundles of `list` that are out of date and adds their keys. */
  const addKeys = async (list: string[]) => {
    for (const [name, key] of await environmentKeys(root, list)) keys.set(name, key);
  };
  const stale = useCache ? names.filter((n) => !keys.has(n)) : [];
  if (stale.length >= renderThreshold) await addKeys(stale);

  const outcomes = new Map<string, CachedOutcome | Exclude<FleetOutcome, { error: string }>>();
  const writing = options.contents ?? false;
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const workerScript = fleetWorker();
  let cached = 0;

  // Environments whose entry was made for another key changed: they render first, while a worker
  // (for a large fleet) starts comparing the others with the disk.
  const candidates = names.filter((n) => keys.has(n) && entryKey(root, n) === keys.get(n));
  const probable = new Set(candidates);
  const toRender = names.filter((n) => !probable.has(n));

  const rendered: FleetOutcome[] = [];
  let renderedHere = false;
  let threads = 0;
  const renderTask = (name: string): FleetTask => ({ kind: 'render', root, name, contents: writing });
  const render = async (list: string[]) => {
    const tasks = list.map(renderTask);
    const workers = workerScript && jobs > 1 && tasks.length >= renderThreshold ? Math.min(jobs, tasks.length) : 0;
    threads = Math.max(threads, workers);
    if (workers > 0) rendered.push(...(await runInWorkers<FleetTask, FleetOutcome>(workerScript!, { root }, tasks, workers)));
    else if (tasks.length > 0) {
      // The apps load only when something renders here: a render answered from the cache needs none.
      // One import after the other: Jest's module loader fails on concurrent imports that share modules.
      const { renderTask: run } = await import('./task');
      const { apps } = await import('../../apps/registry');
      const { ENVIRONMENT_CHECKS } = await import('../render');
      for (const t of tasks) rendered.push(await run(t, apps, ENVIRONMENT_CHECKS));
      renderedHere = true;
    }
  };
  const answered = (r: CachedResult) => {
    for (const o of r.answered) outcomes.set(o.name, o);
    cached += r.answered.length;
    return r.misses;
  };

  // A large fleet's cached environments are compared with the disk on this thread and on a
  // worker, each taking the next environment from a shared counter, so both finish together
  // however late the worker starts. The worker first renders the few environments that changed
  // (loading the apps there, beside the comparisons here); many render on a pool of their own.
  // What the comparison turns down (an unreadable entry, a difference a writing render must
  // replace) renders last.
  const shared = workerScript && jobs > 1 && candidates.length >= (options.thresholds?.offload ?? OFFLOAD_THRESHOLD) ? new SharedArrayBuffer(4) : undefined;
  const batch: CachedTask = { kind: 'cached', root, environments: candidates.map((n) => [n, keys.get(n)!]), writing, ...(shared ? { next: shared } : {}) };
  const few = toRender.length < renderThreshold;
  const sequence: SequenceTask = { kind: 'sequence', tasks: [...(few ? toRender.map(renderTask) : []), batch] };
  const offloaded = shared ? runInWorkers<SequenceTask, (FleetOutcome | CachedResult)[]>(workerScript!, { root }, [sequence], 1).then((r) => r[0]!) : undefined;
  if (!offloaded || !few) await render(toRender);
  const misses = answered(cachedTask(batch));
  if (offloaded) {
    const results = await offloaded;
    const compared = results.pop() as CachedResult;
    if (results.length > 0) threads = Math.max(threads, 1);
    rendered.push(...(results as FleetOutcome[]));
    misses.push(...answered(compared));
  }
  await render(misses);
  const renderedCount = toRender.length + misses.length;
  const unkeyed = rendered.flatMap((o) => ('error' in o || keys.has(o.name) ? [] : [o.name]));
  if (useCache && unkeyed.length > 0) await addKeys(unkeyed);
  const failures: string[] = [];
  for (const o of rendered) {
    if ('error' in o) {
      failures.push(o.error);
      continue;
    }
    outcomes.set(o.name, o);
    const key = keys.get(o.name);
    if (key !== undefined) writeEntry(root, o.name, { key, env: o.env, files: o.files, findings: o.findings, verified: o.verified });
  }
  if (useCache && !options.envs) pruneEntries(root, environmentNames(root));
  if (failures.length > 0) throw new RenderError(failures.join('\n'));

  // Without an environment rendered on this thread, the run compiled little of the program (render/run-extent.ts).
  setRunExtent(renderedHere ? 'full' : 'partial');
  const result: FleetRender = { environments: names.length, files: 0, ownedPaths: [], drift: [], contents: new Map(), produced: [], warnings: [], stats: { cached, rendered: renderedCount, workers: threads } };
  const findings: CheckFinding[] = [];
  for (const name of names) {
    const o = outcomes.get(name)!;
    result.files += o.files.length;
    if ('contents' in o) for (const [p, c] of o.contents) result.contents.set(p, c);
    result.ownedPaths.push(...o.ownedPaths);
    result.drift.push(...o.drift);
    findings.push(...o.findings);
    result.produced.push({ env: o.env, files: o.files });
  }
  // One reader: the checks and the record ask the same questions of the clone, and get one answer.
  const git = gitReader(root);
  const fleet: FleetEnvironment[] = result.produced.map(({ env, files }) => ({ env, paths: files.map(([p]) => p) }));
  const fleetFound = await fleetFindings(root, fleet, git);
  result.warnings = warningsOrFail([...findings, ...fleetFound]);
  // What the pre-commit hook's fast path needs to answer without running the fleet checks.
  if (useCache && !options.envs && keys.size === names.length) writeFleetRecord(root, { digest: fleetDigest(git, names.map((n) => [n, keys.get(n)!])), findings: fleetFound });
  result.drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}
