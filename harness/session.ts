// One local-cluster session with clean-up on every way out: normal end, a failure, Ctrl-C and
// SIGTERM. Whoever starts a cluster goes through here, so nothing outlives the command.
import { clusterInputFor } from './environment';
import { startLocalCluster, type LocalCluster } from './local-cluster';
import { releaseNetwork } from './cluster/network';
import { releaseRun } from './cluster/run-state';
import { liveProcesses } from './cluster/process';

let current: LocalCluster | undefined;
let handlersInstalled = false;

function installHandlers(log: (l: string) => void): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (sig: NodeJS.Signals, code: number) => {
    process.on(sig, () => {
      log(`\n${sig}: stopping the local cluster`);
      const c = current;
      current = undefined;
      // Interrupted while starting: stop what has started so far, then free the network and lock.
      const stopStarted = async () => {
        for (const p of liveProcesses()) await p.stop(2000);
        releaseNetwork();
        releaseRun();
      };
      void (c ? c.stop() : stopStarted()).finally(() => process.exit(code));
    });
  };
  onSignal('SIGINT', 130);
  onSignal('SIGTERM', 143);
}

export async function withCluster<T>(
  opts: { repoRoot: string; envName: string; manifestsRoot?: string; nodes?: number; log(line: string): void },
  body: (cluster: LocalCluster) => Promise<T>,
): Promise<T> {
  installHandlers(opts.log);
  const input = await clusterInputFor(opts);
  const cluster = await startLocalCluster(input);
  current = cluster;
  try {
    return await body(cluster);
  } finally {
    current = undefined;
    await cluster.stop();
  }
}
