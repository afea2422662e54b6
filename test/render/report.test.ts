import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffMarkdown } from '../../lib/report/diff-markdown';
import { topology } from '../../lib/report/topology';
import { defineEnvironment } from '../../environments/defaults';
import type { KubeObject } from '../../lib/k8s/types';
import { gitIn } from '../helpers/git';
import { lgtm, tempRepo } from '../helpers/tmp-repo';
import { environmentNames, loadEnvironment } from '../../lib/env/load';

const env = defineEnvironment({ name: 'test', cluster: { name: 'test', nodes: 3 }, collect: { namespaces: 'all', exclude: ['sandbox'] } });

const workload = (kind: string, name: string, memory: string, cpu = '100m', replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, resources: { requests: { cpu, memory }, limits: { memory } } }] } },
  },
});
const service = (name: string, port: number, portName: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'observability' },
  spec: { selector: { app: name }, ports: [{ name: portName, port }] },
});
const configMap = (name: string, text: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'config.yaml': text } });

describe('topology', () => {
  test('edges come from the Service references inside each app\'s config files', () => {
    const objects = [
      { app: 'mimir', object: workload('StatefulSet', 'mimir', '1Gi') },
      { app: 'mimir', object: service('mimir', 8080, 'http') },
      { app: 'mimir', object: configMap('mimir', 'endpoint: minio.observability.svc.cluster.local:9000\n') },
      { app: 'minio', object: workload('StatefulSet', 'minio', '256Mi') },
      { app: 'minio', object: service('minio', 9000, 'api') },
      { app: 'alloy', object: workload('DaemonSet', 'alloy', '256Mi') },
    ];
    const files = [{ app: 'alloy', content: 'url = "http://mimir.observability.svc.cluster.local:8080/api/v1/push"' }];
    expect(topology({ env, objects, files })).toBe(
      [
        'flowchart LR',
        '  apps["Applications<br/>all namespaces but sandbox"]',
        '  alloy["alloy<br/>DaemonSet 3 nodes"]',
        '  mimir["mimir<br/>StatefulSet ×1"]',
        '  minio["minio<br/>StatefulSet ×1"]',
        '  alloy -->|http| mimir',
        '  apps -->|OTLP, logs, metrics| alloy',
        '  mimir -->|api| minio',
        '',
      ].join('\n'),
    );
  });
});

describe('diff --format markdown', () => {
  test('counts objects per environment and application, with request deltas and Applications that lose their folder', () => {
    const yaml = (o: KubeObject) => JSON.stringify(o);
    const md = diffMarkdown(
      [
        { path: 'environments/test/manifests/mimir/statefulset-mimir.yaml', status: 'changed', before: yaml(workload('StatefulSet', 'mimir', '1Gi')), after: yaml(workload('StatefulSet', 'mimir', '2Gi', '300m')) },
        { path: 'environments/test/manifests/alloy/daemonset-alloy.yaml', status: 'added', before: '', after: yaml(workload('DaemonSet', 'alloy', '256Mi')) },
        { path: 'environments/test/manifests/old/configmap-x.yaml', status: 'removed', before: yaml(configMap('x', '')), after: '' },
      ],
      ['diff --git a/x b/x\n-```\n+````\n'],
      [env],
      { created: [{ name: 'test-alloy', path: 'environments/test/manifests/alloy' }], deleted: [{ name: 'test-old', path: 'environments/test/manifests/old' }] },
      'origin/main',
    );
    expect(md).toContain('| test | alloy | 1 | 0 | 0 | +300m | +768Mi |');
    expect(md).toContain('| test | mimir | 0 | 1 | 0 | +200m | +1024Mi |');
    expect(md).toContain('| test | old | 0 | 0 | 1 | 0 | 0 |');
    expect(md).toContain('- created `test-alloy` from `environments/test/manifests/alloy`');
    // create-update: Argo CD keeps the Application, which can no longer sync, and its objects keep running.
    expect(md).toContain('- **`test-old` loses its folder** (was `environments/test/manifests/old`): Argo CD keeps the Application (create-update) but it can no longer sync; its objects keep running until it is deleted');
    // The fence outgrows any backtick run inside the diff, so the block cannot end early.
    expect(md).toContain('<details><summary>YAML diff: 3 file(s)</summary>\n\n`````diff\n');
    expect(md).not.toMatch(/https?:\/\//);
  });

  test('against a real Git base: a changed environment shows in the summary and exits 1', async () => {
    const repo = tempRepo();
    try {
      const git = (...args: string[]) => gitIn(repo.root, ...args);
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-qm', 'base');
      const envFile = join(repo.root, 'environments/dev/env.ts');
      writeFileSync(envFile, readFileSync(envFile, 'utf8').replace("logs: '3d'", "logs: '5d'"));
      const r = await lgtm(repo.root, 'diff', '--base', 'main', '--format', 'markdown', '--env', 'dev');
      expect(r.code).toBe(1);
      expect(r.out).toContain('## Rendered changes against `main`');
      expect(r.out).toContain('environments/dev/README.md');
      expect((await lgtm(repo.root, 'diff', '--base', 'no-such-rev')).err).toContain('revision "no-such-rev" does not exist');
      expect((await lgtm(repo.root, 'diff', '--format', 'markdown')).code).toBe(2);
    } finally {
      repo.cleanup();
    }
  });
});

describe('lgtm report', () => {
  test('prints the resource table with a total, a Mermaid topology and retention for every environment', async () => {
    const repo = tempRepo();
    try {
      const r = await lgtm(repo.root, 'report');
      expect(r.code).toBe(0);
      const names = environmentNames(repo.root);
      for (const name of names) expect(r.out).toContain(`# Environment \`${name}\``);
      expect(r.out.match(/```mermaid\nflowchart LR\n/g)).toHaveLength(names.length);
      expect(r.out.match(/\| \*\*Total\*\* \|/g)).toHaveLength(names.length);
      // An environment on external S3 shows the endpoint and region beside its traces bucket.
      for (const name of names) {
        const env = await loadEnvironment(repo.root, name);
        if (env.storage.type === 'external') expect(r.out).toContain(`| Traces | Tempo (block retention) | \`${env.buckets.traces}\` | external S3 at \`${env.storage.endpoint}\` (${env.storage.region}) | ${env.retention.traces} |`);
      }
    } finally {
      repo.cleanup();
    }
  });

  test('answered through the render cache, it is the report render writes, never a hand edit of the README', async () => {
    const repo = tempRepo();
    try {
      const fresh = await lgtm(repo.root, 'report', '--no-cache');
      expect((await lgtm(repo.root, 'report')).out).toBe(fresh.out); // fills the cache
      const name = environmentNames(repo.root)[0]!;
      const readme = join(repo.root, 'environments', name, 'README.md');
      writeFileSync(readme, readFileSync(readme, 'utf8').replace('# Environment', '# Edited environment'));
      const cached = await lgtm(repo.root, 'report');
      expect(cached.code).toBe(0);
      expect(cached.out).toBe(fresh.out);
      expect(cached.out).not.toContain('# Edited environment');
    } finally {
      repo.cleanup();
    }
  });
});
