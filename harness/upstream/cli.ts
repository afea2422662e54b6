// `npm run upstream`: build every upstream program the local cluster runs, at the versions
// lib/versions.ts pins. A warm run builds nothing and says so.
import { resolve } from 'node:path';
import { BuildError, build, checkGo, type BuildOutcome } from './build';
import { allPrograms } from './programs';
import { upstreamCacheRoot } from './paths';

export async function buildAll(root: string, only: readonly string[] | undefined, log: (l: string) => void): Promise<BuildOutcome[]> {
  const goVersion = await checkGo();
  const programs = allPrograms().filter((p) => !only || only.includes(p.name));
  const outcomes: BuildOutcome[] = [];
  for (const p of programs) {
    if (p.kind === 'blocked' || p.unavailable) continue;
    const o = await build(root, p, log);
    log(o.cached ? `${o.name} ${o.version}: cached` : `${o.name} ${o.version}: built in ${o.seconds.toFixed(1)} s`);
    outcomes.push(o);
  }
  log(`(${goVersion}; cache ${root})`);
  return outcomes;
}

async function main(argv: string[]): Promise<number> {
  const onlyArg = argv.find((a) => a.startsWith('--only='));
  if (argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write('Usage: npm run upstream [-- --only=name,name]\nBuilds the upstream programs at the versions lib/versions.ts pins into .cache/upstream (LGTM_UPSTREAM_CACHE overrides).\n');
    return 0;
  }
  const only = onlyArg?.slice('--only='.length).split(',').filter(Boolean);
  const known = new Set(allPrograms().map((p) => p.name));
  const unknown = only?.filter((n) => !known.has(n)) ?? [];
  if (unknown.length) {
    process.stderr.write(`upstream: unknown program ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${[...known].join(', ')}\n`);
    return 2;
  }
  const started = Date.now();
  const root = upstreamCacheRoot(resolve(import.meta.dirname, '../..'));
  try {
    const outcomes = await buildAll(root, only, (l) => process.stdout.write(`${l}\n`));
    for (const p of allPrograms()) {
      const why = p.kind === 'blocked' ? p.why : p.unavailable;
      if (why && (!only || only.includes(p.name))) process.stdout.write(`${p.name} ${p.version}: not built: ${why}\n`);
    }
    const total = (Date.now() - started) / 1000;
    const built = outcomes.filter((o) => !o.cached).length;
    process.stdout.write(built === 0 ? `nothing to build: ${outcomes.length} programs cached (${total.toFixed(2)} s)\n` : `built ${built} of ${outcomes.length} programs in ${total.toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      process.stderr.write(`upstream: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
}

// No top-level await: the compiled CLI bundles this module as CommonJS (bin/compile.mjs).
if (import.meta.filename === process.argv[1]) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
