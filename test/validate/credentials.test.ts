// Credentials in ConfigMaps and literal env values are findings that name the kind and the place,
// never the value. The keys below are generated shapes, not real credentials.
import { generateKeyPairSync } from 'node:crypto';
import { validateAll } from '../../lib/validate/index';
import type { KubeObject } from '../../lib/k8s/types';

const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// An AWS key pair in the shape AWS issues (AKIA + 16, then 40 characters), made up here.
const AWS = 'AWS_ACCESS_KEY_ID=AKIA4WQ2FQ7ZOKQXMOXP\nAWS_SECRET_ACCESS_KEY=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';
const TOKEN = ['ghp', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123'].join('_');

const configMap = (data: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'obs', ...(annotations ? { annotations } : {}) }, data });
const deployment = (env: { name: string; value: string }[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'obs' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', env }] } } },
});

async function credentialFindings(objects: KubeObject[]) {
  const sourced = objects.map((object) => ({ object, file: 'x.yaml' }));
  return (await validateAll(sourced, { secrets: [], endpoints: [] }))
    .filter((f) => f.check === 'credential')
    .map((f) => [f.object, f.path, f.message]);
}

const message = (rule: string) => `looks like a credential (secretlint rule ${rule}); keep it in a Secret created out of band and reference it (secretKeyRef, or a file the app reads), never in Git`;

test('an AWS key pair and a PEM private key in ConfigMap data', async () => {
  expect(await credentialFindings([configMap({ 'aws.env': `region=eu-west-1\n${AWS}\n`, 'tls.key': PEM, 'app.yaml': 'level: info\n' })])).toEqual([
    ['ConfigMap/obs/app', 'data["aws.env"]', message('aws')],
    ['ConfigMap/obs/app', 'data["tls.key"]', message('privatekey')],
  ]);
});

test('a token and a connection string with a password as literal env values; plain settings pass', async () => {
  expect(await credentialFindings([deployment([{ name: 'GH_AUTH', value: TOKEN }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_URL', value: 'postgres://app:s3cr3t-pw@db.example.com:5432/app' }])])).toEqual([
    ['Deployment/obs/web', 'spec.template.spec.containers[0].env[0].value', message('github')],
    ['Deployment/obs/web', 'spec.template.spec.containers[0].env[2].value', message('database-connection-string')],
  ]);
});

test('the finding never repeats the value', async () => {
  const sourced = [{ object: deployment([{ name: 'GITHUB_TOKEN', value: TOKEN }]), file: 'x.yaml' }];
  const text = JSON.stringify(await validateAll(sourced, { secrets: [], endpoints: [] }));
  expect(text).not.toContain(TOKEN.slice(4));
});

test('an opt-out with a reason silences it for that object only', async () => {
  expect(await credentialFindings([configMap({ 'example.pem': PEM }, { 'lgtm.dev/skip-credential': 'a documentation example key, never used' })])).toEqual([]);
});

test('a literal value in an env variable named like a credential, whatever its shape', async () => {
  expect(await credentialFindings([deployment([{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'API_TOKEN', value: '$(FROM_SECRET)' }, { name: 'TOKEN_URL', value: 'https://auth.example.com/token' }])])).toEqual([
    ['Deployment/obs/web', 'spec.template.spec.containers[0].env[0].value', 'env "DB_PASSWORD" is named like a credential and has a literal value; take it from a Secret created out of band (valueFrom.secretKeyRef), never from Git'],
  ]);
});
