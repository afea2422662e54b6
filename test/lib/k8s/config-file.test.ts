// Config files for Mimir, Loki and Tempo: `${VAR}` references double-quoted (the programs expand
// them as text before parsing), the rest as the manifests' YAML-1.1-safe serializer writes it.
import { parse } from 'yaml';
import { configYaml } from '../../../lib/k8s/config-file';

test('a ${VAR} value is double-quoted, other strings as the serializer writes them', () => {
  expect(configYaml({ s3: { secret_access_key: '${S3_SECRET}', bucket: 'on' } })).toBe('s3:\n  secret_access_key: "${S3_SECRET}"\n  bucket: "on"\n');
});

test('a ${VAR} key, which the fast emitter leaves to the library, is quoted with its values', () => {
  const text = configYaml({ '${TENANT}': { limit: '${LIMIT}' } });
  expect(text).toBe('"${TENANT}":\n  limit: "${LIMIT}"\n');
  expect(parse(text)).toEqual({ '${TENANT}': { limit: '${LIMIT}' } });
});

test('a key named << stays quoted on both paths, so a YAML 1.1 reader does not merge it', () => {
  for (const config of [{ '<<': { a: '${A}' } }, { '${TENANT}': '${X}', '<<': { a: 1 } }]) {
    const text = configYaml(config);
    expect(text).toContain('"<<":');
    expect(parse(text, { version: '1.1', merge: true })).toEqual(config);
  }
});
