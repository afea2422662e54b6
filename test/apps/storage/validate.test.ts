// The storage backends pass `lgtm validate` in every environment (schema, policies, references),
// and the endpoint API confirms the cross-wiring: S3 endpoints, remote-write URLs and the Alertmanager URL.
import { parse } from 'yaml';
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import type { Environment } from '../../../lib/env/types';
import { checkEndpoints, externalsOf, validateObjects } from '../../../lib/validate/index';
import { renderEnvironment } from '../../../render/pipeline/index';
import { STORAGE_APPS, configText } from './render';

describe.each([['dev', dev], ['staging', staging], ['prod', prod]] as const)('%s', (_name, env: Environment) => {
  const rendered = renderEnvironment(env, STORAGE_APPS);
  const objects = rendered.objects.map((o) => o.object);
  const externals = externalsOf(env, STORAGE_APPS);

  test('lgtm validate finds nothing in the storage apps', () => {
    const findings = validateObjects(rendered.objects.map((o) => ({ object: o.object, file: o.file, text: o.text })), externals);
    expect(findings.map((f) => `${f.file}: ${f.path}: ${f.message} (${f.check})`)).toEqual([]);
    // The same objects without the declared Secret: every reference to it is reported.
    const undeclared = validateObjects(rendered.objects.map((o) => ({ object: o.object, file: o.file, text: o.text })), { ...externals, secrets: [] });
    expect(undeclared.length).toBeGreaterThan(0);
    expect(undeclared.every((f) => f.check === 'missing-reference')).toBe(true);
  });

  test('the S3 endpoint resolves to the MinIO Service port or the declared external endpoint', () => {
    const mimir = parse(configText(objects, 'mimir-config', 'mimir.yaml')).common.storage.s3.endpoint as string;
    const [host, port] = mimir.split(':');
    const ref = { host: host!, ...(port ? { port: Number(port) } : {}), where: 'mimir common.storage.s3.endpoint' };
    expect(checkEndpoints(objects, [ref], externals.endpoints)).toEqual([]);
    if (env.storage.type === 'external') {
      expect(externals.endpoints).toEqual([env.storage.endpoint]);
      // Without the declaration the same endpoint is an error: the check is real.
      expect(checkEndpoints(objects, [ref], [])).not.toEqual([]);
    }
  });

  test('remote-write and Alertmanager URLs point at Mimir, and a wrong port is caught', () => {
    const tempo = parse(configText(objects, 'tempo-config', 'tempo.yaml'));
    const mimir = parse(configText(objects, 'mimir-config', 'mimir.yaml'));
    const urls = [...tempo.metrics_generator.storage.remote_write.map((r: { url: string }) => r.url), mimir.ruler.alertmanager_url, mimir.alertmanager.external_url];
    const refs = urls.map((u: string) => {
      const url = new URL(u);
      expect(url.hostname.split('.')[0]).toBe('mimir');
      return { host: url.hostname, port: Number(url.port), where: u };
    });
    expect(checkEndpoints(objects, refs)).toEqual([]);
    expect(checkEndpoints(objects, [{ ...refs[0]!, port: 9009 }])).toHaveLength(1);
  });

  test('the credentials Secret is declared as created out of band, with the two keys the backends read', () => {
    const name = env.storage.type === 'minio' ? 'minio-root' : env.storage.credentials.name;
    expect(externals.secrets.filter((s) => s.name === name)).toEqual([{ namespace: env.namespace, name, keys: [expect.any(String), expect.any(String)] }]);
  });
});
