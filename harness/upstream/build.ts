// Builds one upstream program from the Go module proxy into a cache folder keyed by program,
// version and build recipe. Upstream modules often carry `replace` directives that `go install`
// ignores, so each program gets a small wrapper module that requires the upstream module and
// repeats its replaces and excludes (read with `go mod edit -json`, never parsed by hand).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildablePlan } from './programs';

export class BuildError extends Error {}

/** The Go release the upstream modules need at least (Alloy 1.18 declares go 1.26.5). */
export const MIN_GO = [1, 26] as const;

interface GoModJson {
  Go?: string;
  Require?: { Path: string; Version: string }[];
  Exclude?: { Path: string; Version: string }[];
  Replace?: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[];
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, capturing output (bounded, so a chatty build cannot fill memory). */
export function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (acc: string, chunk: Buffer) => (acc + chunk.toString()).slice(-200_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: String(e.message) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Checks that Go is on PATH and new enough; returns its version or throws one line with the fix. */
export async function checkGo(): Promise<string> {
  const r = await run('go', ['env', 'GOVERSION']);
  if (r.code === 127) throw new BuildError(`Go is not on PATH: install Go ${MIN_GO.join('.')} or newer (the upstream programs are built from their Go modules)`);
  const v = r.stdout.trim();
  const m = /^go(\d+)\.(\d+)/.exec(v);
  if (r.code !== 0 || !m) throw new BuildError(`cannot read the Go version (go env GOVERSION said "${(r.stderr || v).trim()}"); reinstall Go ${MIN_GO.join('.')} or newer`);
  const [maj, min] = [Number(m[1]), Number(m[2])];
  if (maj < MIN_GO[0] || (maj === MIN_GO[0] && min < MIN_GO[1])) {
    throw new BuildError(`Go ${v} is too old: the pinned upstream modules need Go ${MIN_GO.join('.')} or newer; install it and put it first on PATH`);
  }
  return v;
}

const fmtReplace = (p: { Path: string; Version?: string }) => (p.Version ? `${p.Path} ${p.Version}` : p.Path);
const splitAt = (s: string) => {
  const i = s.lastIndexOf('@');
  return { Path: s.slice(0, i), Version: s.slice(i + 1) };
};

/** The wrapper module's go.mod: requires upstream and repeats what it replaces and excludes. */
export function wrapperGoMod(plan: BuildablePlan, upstream: GoModJson): string {
  const lines = [`module lgtm.local/upstream/${plan.name}`, '', `go ${upstream.Go ?? `${MIN_GO.join('.')}`}`, '', `require ${plan.module} ${plan.version}`, ''];
  const replaces: string[] = [];
  for (const r of upstream.Replace ?? []) {
    const local = r.New.Path.startsWith('./') || r.New.Path.startsWith('../');
    if (local) {
      const version = plan.siblingVersion?.(r.Old.Path);
      if (version) replaces.push(`${r.Old.Path} => ${r.Old.Path} ${version}`);
      continue;
    }
    replaces.push(`${fmtReplace(r.Old)} => ${fmtReplace(r.New)}`);
  }
  for (const s of plan.substitutes ?? []) {
    replaces.push(`${fmtReplace(splitAt(s.from))} => ${fmtReplace(splitAt(s.to))}`);
  }
  if (replaces.length) lines.push('replace (', ...replaces.map((r) => `\t${r}`), ')', '');
  const excludes = (upstream.Exclude ?? []).map((e) => `\t${e.Path} ${e.Version}`);
  if (excludes.length) lines.push('exclude (', ...excludes, ')', '');
  return lines.join('\n');
}

/** Everything that changes the binary; part of the cache key. */
export function recipe(plan: BuildablePlan): string {
  return JSON.stringify({
    module: plan.module,
    version: plan.version,
    main: plan.mainPackage,
    wrapper: plan.wrapperMain ?? null,
    substitutes: plan.substitutes ?? [],
    tags: plan.tags ?? [],
    ldflags: plan.ldflags ?? [],
    // The sibling rule is code; its effect shows in the go.mod, hashed after resolution below.
  });
}

export function cacheDir(root: string, plan: BuildablePlan): string {
  const h = createHash('sha256').update(recipe(plan)).digest('hex').slice(0, 10);
  return join(root, plan.name, `${plan.version}-${h}`);
}

export function binaryPath(root: string, plan: BuildablePlan): string {
  return join(cacheDir(root, plan), 'bin', plan.name);
}

export interface BuildOutcome {
  name: string;
  version: string;
  binary: string;
  cached: boolean;
  seconds: number;
}

/** Lines of a failed go command worth showing: the errors, not the download chatter. */
function goErrors(out: string): string {
  const lines = out.split('\n').filter((l) => l && !l.startsWith('go: downloading') && !l.startsWith('go: finding') && !l.startsWith('go: found'));
  return lines.slice(0, 12).join('\n');
}

export async function build(root: string, plan: BuildablePlan, log: (line: string) => void): Promise<BuildOutcome> {
  const started = Date.now();
  const dir = cacheDir(root, plan);
  const bin = join(dir, 'bin', plan.name);
  const stamp = join(dir, 'build.json');
  if (existsSync(bin) && existsSync(stamp)) {
    return { name: plan.name, version: plan.version, binary: bin, cached: true, seconds: 0 };
  }
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' };
  const fail = (step: string, r: RunResult): never => {
    throw new BuildError(`${plan.name} ${plan.version}: ${step} failed:\n${goErrors(r.stderr || r.stdout)}\n(fix: check that ${plan.module}@${plan.version} is served and builds with this Go; work folder ${src})`);
  };

  log(`${plan.name} ${plan.version}: reading ${plan.module}@${plan.version} go.mod`);
  const dl = await run('go', ['mod', 'download', '-json', `${plan.module}@${plan.version}`], { cwd: src, env });
  if (dl.code !== 0) fail('go mod download', dl);
  const { GoMod: goModPath, Dir: moduleDir } = JSON.parse(dl.stdout) as { GoMod?: string; Dir?: string };
  if (!goModPath) throw new BuildError(`${plan.name}: go mod download returned no go.mod path`);
  // Upstream's go.sum vouches for the exact dependency versions it builds with, including
  // pseudo-versions and forks the checksum database has no record of.
  if (moduleDir && existsSync(join(moduleDir, 'go.sum'))) copyFileSync(join(moduleDir, 'go.sum'), join(src, 'go.sum'));
  const parsed = await run('go', ['mod', 'edit', '-json', goModPath], { cwd: src, env });
  if (parsed.code !== 0) fail('go mod edit -json', parsed);
  writeFileSync(join(src, 'go.mod'), wrapperGoMod(plan, JSON.parse(parsed.stdout) as GoModJson));

  log(`${plan.name} ${plan.version}: resolving dependencies`);
  // `go get` of the package, not `go mod tidy`: tidy also resolves the tests of every dependency,
  // which pulls modules the build never needs (and some the proxy's checksum database lacks).
  const get = await run('go', ['get', `${plan.mainPackage}@${plan.version}`], { cwd: src, env });
  if (get.code !== 0) fail('go get', get);
  if (plan.wrapperMain) writeFileSync(join(src, 'main.go'), plan.wrapperMain);

  log(`${plan.name} ${plan.version}: compiling (this is the slow part on a cold cache)`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const args = ['build', '-trimpath', '-o', tmp];
  if (plan.tags?.length) args.push('-tags', plan.tags.join(' '));
  args.push('-ldflags', ['-s', '-w', ...(plan.ldflags ?? [])].join(' '));
  args.push(plan.wrapperMain ? '.' : plan.mainPackage);
  const b = await run('go', args, { cwd: src, env });
  if (b.code !== 0) {
    rmSync(tmp, { force: true });
    fail('go build', b);
  }
  renameSync(tmp, bin);
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(stamp, JSON.stringify({ recipe: JSON.parse(recipe(plan)), goMod: readFileSync(join(src, 'go.mod'), 'utf8'), seconds }, null, 2));
  return { name: plan.name, version: plan.version, binary: bin, cached: false, seconds };
}
