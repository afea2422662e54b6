// The harness proves it catches what offline checks cannot: each break takes a temporary copy of a
// rendered environment, damages it one way, and expects the local cluster to fail naming the pod
// (or Service) and the reason. A break that goes unnoticed fails the run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { toYaml } from '../../lib/k8s/yaml';

export interface Break {
  readonly name: string;
  /** Damages the copy; returns what the failure must mention. */
  apply(envDir: string, ctx: { externalSecret?: { name: string; keys: readonly string[] } }): { expect: RegExp[] } | { skip: string };
}

function editYaml(path: string, edit: (doc: Record<string, any>) => void): void {
  const text = readFileSync(path, 'utf8');
  const js = parse(text) as Record<string, any>;
  edit(js);
  // The header line stays: a damaged copy is still a rendered file as far as the loader cares.
  writeFileSync(path, `${text.split('\n')[0]}\n${toYaml(js)}`);
}

function findManifest(envDir: string, app: string, kind: string): string | undefined {
  const dir = join(envDir, 'manifests', app);
  const file = readdirSync(dir).find((f) => f.startsWith(`${kind.toLowerCase()}-`));
  return file ? join(dir, file) : undefined;
}

export const BREAKS: readonly Break[] = [
  {
    name: 'a write outside the mounted volumes under readOnlyRootFilesystem',
    apply(envDir) {
      // No program that runs here writes at start-up, so the container writes first, as Mimir does
      // with ./metrics-activity.log, then starts its program.
      const file = findManifest(envDir, 'pushgateway', 'Deployment');
      if (!file) return { skip: 'no Pushgateway Deployment' };
      editYaml(file, (o) => {
        const c = o.spec.template.spec.containers[0];
        c.command = ['/bin/sh', '-c', 'echo started > ./activity.log && exec /bin/pushgateway "$@"', 'pushgateway'];
      });
      return { expect: [/pod observability\/pushgateway-/, /read-only file system/i] };
    },
  },
  {
    name: 'a Service port that points at the wrong container port',
    apply(envDir) {
      const file = findManifest(envDir, 'pushgateway', 'Service');
      if (!file) return { skip: 'no Pushgateway Service' };
      editYaml(file, (o) => {
        o.spec.ports[0].targetPort = 9092;
      });
      return { expect: [/Service observability\/pushgateway/, /does not answer on .*:9092/] };
    },
  },
  {
    name: 'a Secret key that does not exist',
    apply(envDir, ctx) {
      const file = findManifest(envDir, 'pushgateway', 'Deployment');
      if (!file || !ctx.externalSecret) return { skip: 'no Pushgateway Deployment or no out-of-band Secret in this environment' };
      const secret = ctx.externalSecret.name;
      editYaml(file, (o) => {
        const c = o.spec.template.spec.containers[0];
        c.env = [...(c.env ?? []), { name: 'MISSPELT', valueFrom: { secretKeyRef: { name: secret, key: 'no-such-key' } } }];
      });
      return { expect: [/pod observability\/pushgateway-/, new RegExp(`couldn't find key no-such-key in secret observability/${secret}`)] };
    },
  },
  {
    name: 'memory requests above the limit (the API server rejects the workload)',
    apply(envDir) {
      const file = findManifest(envDir, 'pushgateway', 'Deployment');
      if (!file) return { skip: 'no Pushgateway Deployment' };
      editYaml(file, (o) => {
        o.spec.template.spec.containers[0].resources = { requests: { memory: '256Mi' }, limits: { memory: '128Mi' } };
      });
      return { expect: [/manifests\/pushgateway\/deployment-pushgateway\.yaml/, /must be less than or equal to memory limit/] };
    },
  },
  {
    name: 'a pod that breaks its namespace\'s restricted Pod Security level',
    apply(envDir) {
      const dir = join(envDir, 'manifests', 'db-exporters');
      const file = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('deployment-')) : undefined;
      if (!file) return { skip: 'no database exporter in this environment' };
      editYaml(join(dir, file), (o) => {
        o.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true;
      });
      return { expect: [new RegExp(`manifests/db-exporters/${file.replace('.', '\\.')}`), /violates PodSecurity "restricted/] };
    },
  },
];

/** Breaks the issue names that cannot be tried here, and why. */
export const NOT_TRIED = [
  'an unknown key in a backend config file: Mimir, Loki and Tempo cannot be built or run on these machines (see npm run upstream)',
  'an Alloy component argument that does not exist: Alloy v1.18.1 cannot be built here (see npm run upstream)',
];

/** A temporary copy of one environment's rendered folder, as a Git work tree the Git host can serve. */
export function copyEnvironment(repoRoot: string, envName: string): { root: string; envDir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), `lgtm-break-${envName}-`));
  const envDir = join(root, 'environments', envName);
  cpSync(join(repoRoot, 'environments', envName), envDir, { recursive: true });
  execFileSync('git', ['init', '--quiet', root]);
  return { root, envDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
