// The host programs the local cluster runs besides the Kubernetes binaries, checked before anything
// starts: a missing `nft` would otherwise surface halfway through as a warning per pod, with pods
// whose Services never route.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Program → the Debian package that provides it, and what the harness uses it for. */
export const HOST_TOOLS: Readonly<Record<string, { pkg: string; use: string }>> = {
  ip: { pkg: 'iproute2', use: 'network namespaces, veths and the bridge' },
  nft: { pkg: 'nftables', use: 'per-pod Service NAT, as kube-proxy does' },
  openssl: { pkg: 'openssl', use: 'the cluster CA and serving certificates' },
  setpriv: { pkg: 'util-linux', use: "containers' user, groups and capabilities" },
  unshare: { pkg: 'util-linux', use: "containers' mount namespaces" },
};

function onPath(program: string, path: string): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** One sentence naming every missing program and the packages to install, or undefined. */
export function missingTools(path = process.env.PATH ?? ''): string | undefined {
  const missing = Object.keys(HOST_TOOLS).filter((p) => !onPath(p, path));
  if (missing.length === 0) return undefined;
  const pkgs = [...new Set(missing.map((p) => HOST_TOOLS[p]!.pkg))];
  return `the local cluster needs ${missing.map((p) => `${p} (${HOST_TOOLS[p]!.use})`).join(', ')}, not on PATH: apt-get install ${pkgs.join(' ')}`;
}
