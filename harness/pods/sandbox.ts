// How one container starts: inside its pod's network namespace and a private mount namespace, on
// a fresh root file system (a tmpfs holding this machine's /usr and /lib read-only, the image's
// entrypoint binary, the pod's /etc files and the volume mounts), made read-only when the
// container asks for readOnlyRootFilesystem, then chroot, user and groups, capabilities dropped
// as its securityContext says. Mounts live in the private namespace and vanish with the process.
import { existsSync } from 'node:fs';

export interface Mount {
  /** Absolute path inside the container. */
  readonly target: string;
  /** Folder or file on this machine. */
  readonly source: string;
  readonly readOnly: boolean;
  readonly file?: boolean;
}

export interface SandboxSpec {
  readonly netns: string;
  /** Empty folder on this machine where the root file system is mounted. */
  readonly rootDir: string;
  /** Folder whose contents become /etc (hosts, resolv.conf, passwd, group, CA bundle). */
  readonly etcDir: string;
  /** The built program and where the image keeps it. */
  readonly binary: string;
  readonly entrypoint: string;
  readonly workdir: string;
  readonly mounts: readonly Mount[];
  readonly readOnlyRoot: boolean;
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  /** Capabilities left (names without CAP_); empty means every one dropped. */
  readonly capabilities: readonly string[] | 'runtime-default';
  readonly noNewPrivs: boolean;
  readonly argv: readonly string[];
}

/** The container runtime's default set (containerd/CRI-O), kept when a container drops nothing. */
export const RUNTIME_DEFAULT_CAPS = ['chown', 'dac_override', 'fowner', 'fsetid', 'kill', 'setgid', 'setuid', 'setpcap', 'net_bind_service', 'net_raw', 'sys_chroot', 'mknod', 'audit_write', 'setfcap'];

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The shell script that builds the root and execs the program (exported for tests). */
export function sandboxScript(s: SandboxSpec): string {
  const R = s.rootDir;
  const at = (p: string) => q(`${R}${p}`);
  const lines = ['set -eu', `mount -t tmpfs -o mode=0755,size=64m lgtm-root ${q(R)}`];
  const dirs = ['/usr', '/etc', '/dev', '/proc', '/sys', '/tmp', '/run', '/var/run', '/bin', '/sbin', s.workdir];
  for (const lib of ['/lib', '/lib32', '/lib64', '/libx32']) if (existsSync(lib)) dirs.push(lib);
  lines.push(`mkdir -p ${dirs.map(at).join(' ')}`, `chmod 1777 ${at('/tmp')}`);
  // This machine's userland stands in for the image's base layer (read-only, as image layers are).
  for (const d of ['/usr', ...['/lib', '/lib32', '/lib64', '/libx32'].filter(existsSync)]) {
    lines.push(`mount --rbind ${q(d)} ${at(d)}`, `mount -o remount,bind,ro ${at(d)}`);
  }
  lines.push(`ln -s /usr/bin/sh ${at('/bin/sh')}`);
  lines.push(`cp -a ${q(`${s.etcDir}/.`)} ${at('/etc')}`);
  // /dev: the few devices a runtime gives every container.
  lines.push(`mount -t tmpfs -o mode=0755,size=1m lgtm-dev ${at('/dev')}`);
  for (const d of ['null', 'zero', 'full', 'random', 'urandom', 'tty']) lines.push(`touch ${at(`/dev/${d}`)}`, `mount --bind /dev/${d} ${at(`/dev/${d}`)}`);
  lines.push(`mkdir ${at('/dev/shm')}`, `mount -t tmpfs -o mode=1777,size=64m lgtm-shm ${at('/dev/shm')}`, `ln -s /proc/self/fd ${at('/dev/fd')}`);
  lines.push(`mount -t proc proc ${at('/proc')}`, `mount --rbind /sys ${at('/sys')}`, `mount -o remount,bind,ro ${at('/sys')}`);
  // The image's program, where its Dockerfile puts it.
  lines.push(`mkdir -p ${at(s.entrypoint.replace(/\/[^/]+$/, '') || '/')}`, `touch ${at(s.entrypoint)}`, `mount --bind ${q(s.binary)} ${at(s.entrypoint)}`, `mount -o remount,bind,ro ${at(s.entrypoint)}`);
  // Volume mounts, parents before children; mount points exist before the root turns read-only.
  const mounts = [...s.mounts].sort((a, b) => a.target.split('/').length - b.target.split('/').length);
  for (const m of mounts) lines.push(m.file ? `mkdir -p ${at(m.target.replace(/\/[^/]+$/, '') || '/')} && touch ${at(m.target)}` : `mkdir -p ${at(m.target)}`);
  for (const m of mounts) {
    lines.push(`mount --rbind ${q(m.source)} ${at(m.target)}`);
    if (m.readOnly) lines.push(`mount -o remount,bind,ro ${at(m.target)}`);
  }
  if (s.readOnlyRoot) lines.push(`mount -o remount,ro ${q(R)}`);
  const priv = ['/usr/bin/setpriv', `--reuid=${s.uid}`, `--regid=${s.gid}`];
  priv.push(s.groups.length ? `--groups=${s.groups.join(',')}` : '--clear-groups');
  if (s.capabilities !== 'runtime-default' || s.uid !== 0) {
    const keep = s.capabilities === 'runtime-default' ? RUNTIME_DEFAULT_CAPS : s.capabilities;
    const bounding = keep.length ? `-all,${keep.map((c) => `+${c.toLowerCase()}`).join(',')}` : '-all';
    priv.push(`--bounding-set=${bounding}`, '--inh-caps=-all');
  } else {
    priv.push(`--bounding-set=-all,${RUNTIME_DEFAULT_CAPS.map((c) => `+${c}`).join(',')}`);
  }
  if (s.noNewPrivs) priv.push('--no-new-privs');
  lines.push(`exec unshare --root=${q(R)} --wd=${q(s.workdir)} ${priv.map(q).join(' ')} -- ${s.argv.map(q).join(' ')}`);
  return lines.join('\n');
}

/** The argv that starts a sandbox from the root namespace. */
export function sandboxCommand(s: SandboxSpec): [string, string[]] {
  return ['ip', ['netns', 'exec', s.netns, 'unshare', '--mount', '--propagation', 'private', '--fork', '--', '/bin/sh', '-c', sandboxScript(s)]];
}
