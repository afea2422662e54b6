// `lgtm validate [PATH...]`: offline validation of manifests, per environment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { apps } from '../../apps/registry';
import { EnvironmentError, environmentNames, loadEnvironment } from '../../lib/env/load';
import { checksHelp, externalsOf, mergeExternals, validateAll, validateConfigFiles, type ExternalRefs, type Finding } from '../../lib/validate/index';
import { FORMATS, formatFindings, type Format } from '../../lib/validate/format';
import { loadManifests } from '../../lib/validate/load';
import { SKIP_PREFIX } from '../../lib/validate/optout';
import { PROFILES, inProfile, type Profile } from '../../lib/validate/checks';
import { parseOptions } from './options';
import { EXIT, UsageError, UserError, type Command, type Io } from './types';

const help = `Usage: lgtm validate [PATH...] [--output human|json|junit|github] [--profile schema|policies|all]

Validates Kubernetes manifests offline: strict schemas (Kubernetes 1.33 from kubernetes-models,
Argo CD from @kubernetes-models/argo-cd; unknown fields, duplicate keys and unknown kinds are
errors), policies, and references between the objects of one environment.

PATH is a YAML/JSON file or a folder (multi-document files and List kinds are read). Without a
PATH, every rendered environment (environments/<env>/manifests) is checked. Files under
environments/<env>/ are checked together as that environment, with the Secrets and endpoints its
apps declare as external; any other files are checked together as one set.

Options:
  -o, --output FORMAT  human (default), json, junit or github (::error annotations).
  --externals FILE     YAML/JSON {secrets: [{namespace, name, keys?}], endpoints: ["host:port"]}: what the
                       checked files reference but do not contain (added to each app's externals).
  --profile PROFILE    schema: only what a cluster would refuse (YAML, kinds, fields, types, duplicates);
                       policies: schema plus this repository's policies; all (default): also the
                       references between the objects, which hold only for a complete set.
  -h, --help           This help.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage, 3 an environment failed to load.

Opting out: annotate the object with ${SKIP_PREFIX}<check-id>: "<why the check does not apply>".
An empty reason, an unknown id or a check marked "always" is itself an error.

Checks:
${checksHelp()}
`;

interface Group {
  /** Environment name, or undefined for files outside environments/. */
  env?: string;
  paths: string[];
  /**
   * For part of an environment: report only findings in files under these paths. The whole
   * environment is still loaded, so references to its other objects resolve as they do on its cluster.
   */
  only?: string[];
}

function groupPaths(root: string, paths: string[]): Group[] {
  if (paths.length === 0) {
    return environmentNames(root)
      .filter((env) => existsSync(join(root, 'environments', env, 'manifests')))
      .map((env) => ({ env, paths: [`environments/${env}/manifests`] }));
  }
  const groups = new Map<string | undefined, string[]>();
  const known = environmentNames(root);
  for (const p of paths) {
    if (!existsSync(join(root, p)) && !existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    const rel = relative(root, resolve(root, p)).split(sep).join('/');
    // The repository or environments/ itself: every environment, each as its own cluster.
    if (rel === '' || rel === 'environments') {
      for (const env of known) groups.set(env, [...(groups.get(env) ?? []), `environments/${env}`]);
      continue;
    }
    const env = /^environments\/([^/]+)(?:\/|$)/.exec(rel)?.[1];
    const inEnv = env !== undefined && known.includes(env);
    groups.set(inEnv ? env : undefined, [...(groups.get(inEnv ? env : undefined) ?? []), inEnv ? rel : p]);
  }
  return [...groups].map(([env, ps]) => {
    if (env === undefined) return { paths: ps };
    const whole = ps.some((p) => p === `environments/${env}` || p === `environments/${env}/manifests`);
    return whole ? { env, paths: [`environments/${env}/manifests`] } : { env, paths: [`environments/${env}/manifests`], only: ps };
  });
}

/** Config files rendered beside the manifests (the Alloy module), whose endpoints are checked too. */
function ownedConfigFiles(root: string, env: string): { path: string; content: string }[] {
  const dir = join(root, 'environments', env, 'alloy');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath ?? d.path, d.name)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path, content: readFileSync(join(root, path), 'utf8') }));
}

/** Reads an --externals file, refusing anything but the documented shape. */
function readExternals(root: string, file: string): ExternalRefs {
  const path = join(root, file);
  if (!existsSync(path)) throw new UsageError(`--externals ${file}: no such file`);
  const value = parse(readFileSync(path, 'utf8')) as { secrets?: unknown; endpoints?: unknown } | null;
  const secrets = value?.secrets ?? [];
  const endpoints = value?.endpoints ?? [];
  const okSecrets =
    Array.isArray(secrets) &&
    secrets.every(
      (s) =>
        typeof s?.namespace === 'string' &&
        typeof s?.name === 'string' &&
        (s.keys === undefined || (Array.isArray(s.keys) && s.keys.every((k: unknown) => typeof k === 'string'))) &&
        Object.keys(s).every((k) => k === 'namespace' || k === 'name' || k === 'keys'),
    );
  const okEndpoints = Array.isArray(endpoints) && endpoints.every((e) => typeof e === 'string' && /^[^\s:/]+(:\d+)?$/.test(e));
  const okKeys = value !== null && typeof value === 'object' && Object.keys(value).every((k) => k === 'secrets' || k === 'endpoints');
  if (!okKeys || !okSecrets || !okEndpoints) {
    throw new UserError(`${file}: must be a map with secrets: [{namespace, name, keys?}] and endpoints: ["host:port"], nothing else`);
  }
  const typed = secrets as { namespace: string; name: string; keys?: string[] }[];
  return { secrets: typed.map((s) => ({ namespace: s.namespace, name: s.name, keys: s.keys ?? [] })), endpoints: endpoints as string[] };
}

async function externalsFor(io: Io, env: string | undefined): Promise<ExternalRefs> {
  if (env === undefined || !environmentNames(io.root).includes(env)) return { secrets: [], endpoints: [] };
  try {
    return externalsOf(await loadEnvironment(io.root, env), apps);
  } catch (e) {
    if (e instanceof EnvironmentError) throw new UserError(e.message);
    throw e;
  }
}

export const command: Command = {
  name: 'validate',
  summary: 'Validate manifests offline: strict schemas, policies and cross-object references',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions({ args, options: { output: { type: 'string', short: 'o', default: 'human' }, externals: { type: 'string' }, profile: { type: 'string', default: 'all' } }, allowPositionals: true, strict: true });
    const format = values.output as Format;
    const profile = values.profile as Profile;
    if (!Object.hasOwn(PROFILES, profile)) throw new UsageError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, not "${values.profile}"`);
    if (!FORMATS.includes(format)) throw new UsageError(`--output must be one of ${FORMATS.join(', ')}, not "${values.output}"`);
    const extra = values.externals !== undefined ? readExternals(io.root, values.externals) : { secrets: [], endpoints: [] };
    const groups = groupPaths(io.root, positionals);
    if (groups.length === 0) throw new UserError('no rendered environment found under environments/*/manifests; run lgtm render first or pass a PATH');
    const findings: Finding[] = [];
    const files: string[] = [];
    const outOfBand: string[] = [];
    let objects = 0;
    for (const g of groups) {
      const loaded = loadManifests(io.root, g.paths);
      const declared = await externalsFor(io, g.env);
      for (const s of declared.secrets) outOfBand.push(`  ${g.env}: ${s.namespace}/${s.name}${s.keys.length ? ` (keys: ${s.keys.join(', ')})` : ''}`);
      const externals = mergeExternals(declared, extra);
      const all = [...loaded.findings, ...(await validateAll(loaded.objects, externals))];
      if (g.env !== undefined && !g.only) all.push(...validateConfigFiles(loaded.objects, ownedConfigFiles(io.root, g.env), externals));
      const mine = (file: string) => !g.only || g.only.some((p) => file === p || file.startsWith(`${p.replace(/\/$/, '')}/`));
      findings.push(...all.filter((f) => mine(f.file) && inProfile(profile, f.check)));
      const myFiles = loaded.files.filter(mine);
      files.push(...myFiles);
      objects += loaded.objects.filter((o) => mine(o.file)).length;
    }
    // Nothing to validate is not a pass: a wrong path or an empty folder would otherwise look clean.
    if (objects === 0 && findings.length === 0) throw new UserError(`no Kubernetes object found in ${positionals.length ? positionals.join(', ') : 'environments/*/manifests'} (${files.length} file(s) read); give the folder or files that hold the manifests`);
    io.out(formatFindings(format, findings, objects, files));
    // Human output also says what the cluster must already hold: these are never in Git.
    if (format === 'human' && outOfBand.length) io.out(`\nSecrets to create before the first sync (out of band, never in Git):\n${outOfBand.join('\n')}\n`);
    return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};
