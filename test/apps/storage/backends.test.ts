// The storage backends as rendered for each environment: golden configs, the correlation wiring
// (exemplars, metrics generator, OTLP on 0.0.0.0), object storage per environment, and the
// conventions every workload must follow.
import { parse } from 'yaml';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import type { Environment } from '../../../lib/env/types';
import type { KubeObject } from '../../../lib/k8s/types';
import { httpUrl, hostPort, services, type ServiceName } from '../../../lib/endpoints';
import { image } from '../../../lib/versions';
import { hoursOf } from '../../../lib/env/duration';
import { CHECKSUM_ANNOTATION } from '../../../lib/k8s/workload';
import { bucketNames, bucketScript } from '../../../apps/minio/index';
import { expectGolden } from '../../helpers/golden';
import { configText, find, renderStorage } from './render';

const ENVS: Environment[] = [dev, staging, prod];

type Cfg = Record<string, any>;
const configs = (objects: KubeObject[]) => ({
  mimir: parse(configText(objects, 'mimir-config', 'mimir.yaml')) as Cfg,
  loki: parse(configText(objects, 'loki-config', 'loki.yaml')) as Cfg,
  tempo: parse(configText(objects, 'tempo-config', 'tempo.yaml')) as Cfg,
});

function podSpec(o: KubeObject): Cfg {
  return (o.spec as Cfg).template.spec;
}

const workloads = (objects: KubeObject[]) => objects.filter((o) => ['StatefulSet', 'Deployment', 'Job'].includes(o.kind));

describe.each(ENVS.map((e) => [e.name, e] as const))('%s', (name, env) => {
  const objects = renderStorage(env);
  const cfg = configs(objects);

  test.each(['mimir', 'loki', 'tempo'] as const)('%s writes only under the writable volumes its container mounts (its root file system is read-only)', (app) => {
    const pod = podSpec(find(objects, 'StatefulSet', app));
    const container = pod.containers.find((c: Cfg) => c.name === app);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    const writable: string[] = container.volumeMounts.filter((m: Cfg) => !m.readOnly).map((m: Cfg) => m.mountPath);
    const paths: [string, string][] = [];
    const walk = (v: unknown, at: string) => {
      // Local storage backends are read-only sources (mounted ConfigMaps), not places it writes.
      if (/_storage\.local$/.test(at)) return;
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
      else if (typeof v === 'string' && /(^|_|\.)(dir|path|filepath|path_prefix|rule_path|data_dir|sync_dir)$/.test(at)) paths.push([at, v]);
    };
    walk(cfg[app], '');
    expect(paths.length).toBeGreaterThan(0);
    for (const [key, path] of paths) {
      expect([key, path.startsWith('/')]).toEqual([key, true]);
      expect([key, writable.some((m) => path === m || path.startsWith(`${m}/`))]).toEqual([key, true]);
    }
    // Mimir's activity tracker defaults to ./metrics-activity.log under the image's `/`: it must be set.
    if (app === 'mimir') expect(cfg.mimir.activity_tracker.filepath).toMatch(/^\/data\//);
  });

  test('secrets reach the configs as double-quoted ${VAR} references, expanded before the YAML is parsed', () => {
    for (const name of ['mimir-config', 'loki-config', 'tempo-config']) {
      const text = configText(objects, name, `${name.replace('-config', '')}.yaml`);
      const refs = text.match(/\S*\$\{S3_[A-Z_]+\}\S*/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) expect(r).toMatch(/^"\$\{S3_[A-Z_]+\}"$/);
    }
  });

  test('Loki caches query results: the results cache exists only with query_range.cache_results', () => {
    expect(cfg.loki.query_range.cache_results).toBe(true);
    expect(cfg.loki.query_range.results_cache.cache.embedded_cache.enabled).toBe(true);
  });

  test('one query can span all the data kept, and nothing older than what is kept is ingested', () => {
    const hours = (d: string) => hoursOf(d);
    expect(hours(cfg.loki.limits_config.max_query_length)).toBeGreaterThanOrEqual(hours(env.retention.logs));
    expect(hours(cfg.loki.limits_config.reject_old_samples_max_age)).toBeLessThanOrEqual(hours(env.retention.logs));
    expect(hours(cfg.tempo.query_frontend.search.max_duration)).toBeGreaterThanOrEqual(hours(env.retention.traces));
  });

  test('golden configs', () => {
    expectGolden(`storage/${name}/mimir.yaml`, configText(objects, 'mimir-config', 'mimir.yaml'));
    expectGolden(`storage/${name}/loki.yaml`, configText(objects, 'loki-config', 'loki.yaml'));
    expectGolden(`storage/${name}/tempo.yaml`, configText(objects, 'tempo-config', 'tempo.yaml'));
  });

  test('Mimir keeps exemplars and blocks in object storage, and retains metrics per environment', () => {
    expect(cfg.mimir.limits.max_global_exemplars_per_user).toBeGreaterThan(0);
    expect(cfg.mimir.limits.compactor_blocks_retention_period).toBe(env.retention.metrics);
    expect(cfg.mimir.target.split(',')).toEqual(expect.arrayContaining(['all', 'alertmanager']));
    expect(cfg.mimir.ingester.ring.replication_factor).toBe(1);
    expect(cfg.mimir.common.storage.backend).toBe('s3');
    expect(cfg.mimir.blocks_storage.s3.bucket_name).toBe(env.buckets.metrics);
    // Rules and Alertmanager routing are files from Git (apps/alerting), not objects in a bucket.
    expect(cfg.mimir.ruler_storage.backend).toBe('local');
    expect(cfg.mimir.alertmanager_storage.backend).toBe('local');
    expect(cfg.mimir.server).toMatchObject({ http_listen_port: 8080, grpc_listen_port: 9095 });
    // The ruler sends its alerts to this same Mimir's Alertmanager, through the Service.
    expect(cfg.mimir.ruler.alertmanager_url).toBe(httpUrl(env, 'mimir', 'http', '/alertmanager'));
  });

  test('Loki: tsdb v13 with structured metadata and compactor retention per environment', () => {
    expect(cfg.loki.schema_config.configs).toEqual([expect.objectContaining({ store: 'tsdb', schema: 'v13', object_store: 's3' })]);
    expect(cfg.loki.limits_config.allow_structured_metadata).toBe(true);
    expect(cfg.loki.limits_config.retention_period).toBe(env.retention.logs);
    expect(cfg.loki.compactor).toMatchObject({ retention_enabled: true, delete_request_store: 's3' });
    expect(cfg.loki.common.storage.s3.bucketnames).toBe(env.buckets.logs);
    expect(cfg.loki.server.http_listen_port).toBe(3100);
  });

  test('Tempo: OTLP on 0.0.0.0, retention in hours, generator remote-writing classic histograms with exemplars to Mimir', () => {
    expect(cfg.tempo.distributor.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
    const hours = { '2d': '48h', '7d': '168h', '30d': '720h' }[env.retention.traces];
    expect(cfg.tempo.compactor.compaction.block_retention).toBe(hours);
    expect(cfg.tempo.metrics_generator.storage.remote_write).toEqual([{ url: httpUrl(env, 'mimir', 'http', '/api/v1/push'), send_exemplars: true }]);
    expect(cfg.tempo.overrides.defaults.metrics_generator).toEqual({ processors: ['service-graphs', 'span-metrics'], generate_native_histograms: 'classic' });
    expect(cfg.tempo.metrics_generator.registry.external_labels.cluster).toBe(env.cluster.name);
    expect(cfg.tempo.storage.trace.s3.bucket).toBe(env.buckets.traces);
  });

  test('every remote-write URL resolves to the Mimir Service and its http port', () => {
    const svc = find(objects, 'Service', services.mimir.name);
    const port = ((svc.spec as Cfg).ports as Cfg[]).find((p) => p.name === 'http');
    for (const rw of cfg.tempo.metrics_generator.storage.remote_write as { url: string }[]) {
      const url = new URL(rw.url);
      expect(url.host).toBe(`${services.mimir.name}.${env.namespace}.svc.cluster.local:${port?.port}`);
    }
  });

  test('the S3 endpoint of every backend is the MinIO Service or the declared external endpoint', () => {
    const endpoints = [cfg.mimir.common.storage.s3.endpoint, cfg.loki.common.storage.s3.endpoint, cfg.tempo.storage.trace.s3.endpoint];
    if (env.storage.type === 'minio') {
      const svc = find(objects, 'Service', services.minio.name);
      const api = ((svc.spec as Cfg).ports as Cfg[]).find((p) => p.name === 'api');
      expect(`${svc.metadata.name}.${env.namespace}.svc.cluster.local:${api?.port}`).toBe(hostPort(env, 'minio', 'api'));
      expect(endpoints).toEqual([hostPort(env, 'minio', 'api'), hostPort(env, 'minio', 'api'), hostPort(env, 'minio', 'api')]);
      // MinIO serves path-style only.
      expect([cfg.mimir.common.storage.s3.bucket_lookup_type, cfg.loki.common.storage.s3.s3forcepathstyle, cfg.tempo.storage.trace.s3.forcepathstyle]).toEqual(['path', true, true]);
    } else {
      expect(endpoints).toEqual([env.storage.endpoint, env.storage.endpoint, env.storage.endpoint]);
      expect(objects.filter((o) => o.metadata.name?.startsWith('minio'))).toEqual([]);
    }
  });

  test('the bucket Job creates exactly the buckets the backends use (MinIO only)', () => {
    const used = new Set([
      cfg.mimir.blocks_storage.s3.bucket_name,
      cfg.loki.common.storage.s3.bucketnames,
      cfg.tempo.storage.trace.s3.bucket,
    ]);
    expect(new Set(bucketNames(env))).toEqual(used);
    if (env.storage.type !== 'minio') return;
    const job = find(objects, 'Job', 'minio-buckets');
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const script = podSpec(job).containers[0].command[2] as string;
    expect(script).toBe(bucketScript(env));
    const created = /for b in ([^;]+); do\n {2}mc mb --ignore-existing "minio\/\$b"/.exec(script)?.[1]?.split(' ');
    expect(new Set(created)).toEqual(used);
  });

  test('consumers wait for their buckets with an init container when MinIO is in the same environment', () => {
    const expected: Record<string, string[]> = {
      mimir: [env.buckets.metrics],
      loki: [env.buckets.logs],
      tempo: [env.buckets.traces],
    };
    for (const [name, buckets] of Object.entries(expected)) {
      const init = podSpec(find(objects, 'StatefulSet', name)).initContainers as Cfg[] | undefined;
      if (env.storage.type !== 'minio') {
        expect(init).toBeUndefined();
        continue;
      }
      if (!init) throw new Error(`${name} has no init containers`);
      expect(init.map((c) => c.name)).toEqual(['wait-for-buckets']);
      expect(init[0]!.command[2]).toContain(`for b in ${buckets.join(' ')}; do`);
    }
  });

  test('credentials come from the out-of-band Secret by reference; no Secret is rendered', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const secret = env.storage.type === 'minio' ? 'minio-root' : env.storage.credentials.name;
    for (const name of ['mimir', 'loki', 'tempo']) {
      const c = podSpec(find(objects, 'StatefulSet', name)).containers[0] as Cfg;
      const refs = (c.env as Cfg[]).filter((e) => e.valueFrom).map((e) => [e.name, e.valueFrom.secretKeyRef.name]);
      expect(refs).toEqual([['S3_ACCESS_KEY_ID', secret], ['S3_SECRET_ACCESS_KEY', secret]]);
      expect(c.args).toContain('-config.expand-env=true');
    }
    for (const text of [configText(objects, 'mimir-config', 'mimir.yaml'), configText(objects, 'loki-config', 'loki.yaml'), configText(objects, 'tempo-config', 'tempo.yaml')]) {
      expect(text.match(/\$\{[^}]*\}/g)).toEqual(['${S3_ACCESS_KEY_ID}', '${S3_SECRET_ACCESS_KEY}']);
    }
  });

  test('every workload: pinned image from the version table, restricted security, resources from the environment', () => {
    const allowed = new Set(['mimir', 'loki', 'tempo', 'minio', 'mc', 'pushgateway'].map((n) => image(n as Parameters<typeof image>[0])));
    for (const w of workloads(objects)) {
      const spec = podSpec(w);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const c of [...(spec.initContainers ?? []), ...spec.containers] as Cfg[]) {
        expect(allowed).toContain(c.image);
        expect(c.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(c.resources.requests).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
      }
    }
    for (const name of ['mimir', 'loki', 'tempo'] as const) {
      const c = podSpec(find(objects, 'StatefulSet', name)).containers[0] as Cfg;
      expect(c.resources).toEqual({ requests: env.sizes[name].resources.requests, limits: { memory: env.sizes[name].resources.limits.memory } });
      expect(c.env).toContainEqual({ name: 'GOMEMLIMIT', value: expect.stringMatching(/^\d+MiB$/) });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    }
  });

  test('Services carry the named ports of lib/endpoints, and containers declare them', () => {
    const names: ServiceName[] = ['mimir', 'loki', 'tempo', 'pushgateway', ...(env.storage.type === 'minio' ? (['minio'] as const) : [])];
    for (const name of names) {
      const svc = find(objects, 'Service', name);
      const ports = Object.entries(services[name].ports).map(([n, p]) => ({ name: n, port: p, targetPort: n, protocol: 'TCP' }));
      expect((svc.spec as Cfg).ports).toEqual(ports);
      const workload = objects.find((o) => (o.kind === 'StatefulSet' || o.kind === 'Deployment') && o.metadata.name === name)!;
      const declared = (podSpec(workload).containers[0].ports as Cfg[]).map((p) => p.name);
      expect(declared).toEqual(Object.keys(services[name].ports));
    }
  });

  test('PVCs are protected from Argo CD pruning and from StatefulSet deletion', () => {
    for (const sts of objects.filter((o) => o.kind === 'StatefulSet')) {
      const spec = sts.spec as Cfg;
      expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
      expect(spec.volumeClaimTemplates[0].metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' });
      expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(env.sizes[sts.metadata.name as 'mimir'].storage);
    }
  });

  test('no PodDisruptionBudget: every storage workload runs one replica (a PDB on one pod would block node drains)', () => {
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    for (const w of objects.filter((o) => o.kind === 'StatefulSet' || o.kind === 'Deployment')) expect((w.spec as Cfg).replicas).toBe(1);
  });
});

test('a config change changes the pod-template checksum, so the pods roll', () => {
  const before = find(renderStorage(dev), 'StatefulSet', 'tempo');
  const after = find(renderStorage({ ...dev, retention: { ...dev.retention, traces: '3d' } }), 'StatefulSet', 'tempo');
  const sum = (o: KubeObject) => (o.spec as Cfg).template.metadata.annotations[CHECKSUM_ANNOTATION] as string;
  expect(sum(before)).toMatch(/^[0-9a-f]{64}$/);
  expect(sum(after)).not.toBe(sum(before));
  // …and only the config: an unrelated change keeps it.
  const resized = find(renderStorage({ ...dev, sizes: { ...dev.sizes, tempo: { ...dev.sizes.tempo, storage: '20Gi' } } }), 'StatefulSet', 'tempo');
  expect(sum(resized)).toBe(sum(before));
});

test('prod renders no MinIO; dev and staging do', () => {
  const has = (env: Environment) => renderStorage(env).some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'minio');
  expect([has(dev), has(staging), has(prod)]).toEqual([true, true, false]);
});
