// Credentials written where Git keeps them: ConfigMap data and literal container env values,
// scanned with secretlint's recommended preset (AWS, GCP, Azure, GitHub, Slack, npm, private keys,
// basic-auth URLs, …) rather than patterns of our own. A finding names the kind of credential and
// where it is, never the value: CI logs are not a place for it either.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { containersOf, podTemplateOf } from './pods';
import { isMap, listOf } from './report';
import type { Path, SourcedObject } from './types';

export interface CredentialHit {
  /** Index of the object in the list given. */
  index: number;
  path: Path;
  /** 0-based line inside a multi-line value. */
  lineInValue: number;
  message: string;
}

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/** `@secretlint/secretlint-rule-aws` → `aws`. */
const ruleName = (id: string) => id.replace(/^@secretlint\/secretlint-rule-/, '');

/** Literal env values of an object's containers (`$(VAR)` references and empty values included). */
function envLiterals(object: unknown): { path: Path; name: string; value: string }[] {
  const pod = isMap(object) ? podTemplateOf(object as never) : undefined;
  if (!pod) return [];
  return containersOf(pod).flatMap(({ container, path }) =>
    listOf(container.env).flatMap((e, i) => (isMap(e) && typeof e.value === 'string' ? [{ path: [...path, 'env', i, 'value'], name: String(e.name), value: e.value }] : [])),
  );
}

/** Every string a credential could hide in: ConfigMap data and literal env values of containers. */
function valuesOf(object: unknown): { path: Path; text: string }[] {
  if (!isMap(object)) return [];
  const out: { path: Path; text: string }[] = [];
  if (object.kind === 'ConfigMap' && isMap(object.data)) {
    for (const [key, text] of Object.entries(object.data)) if (typeof text === 'string') out.push({ path: ['data', key], text });
  }
  for (const e of envLiterals(object)) if (e.value !== '') out.push({ path: e.path, text: `${e.name}=${e.value}` });
  return out;
}

/** Env names that say what they hold; a literal value there is a credential whatever its shape. */
const CREDENTIAL_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

/** Literal values of env variables named like credentials (`DB_PASSWORD: hunter2`), which no pattern recognises. */
function namedCredentials(objects: readonly SourcedObject[]): CredentialHit[] {
  return objects.flatMap((s, index) =>
    envLiterals(s.object)
      // `$(OTHER_VAR)` only refers to another variable.
      .filter((e) => e.value !== '' && CREDENTIAL_NAME.test(e.name) && !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(e.value))
      .map((e) => ({ index, path: e.path, lineInValue: 0, message: `env "${e.name}" is named like a credential and has a literal value; take it from a Secret created out of band (valueFrom.secretKeyRef), never from Git` })),
  );
}

export async function scanCredentials(objects: readonly SourcedObject[]): Promise<CredentialHit[]> {
  return [...namedCredentials(objects), ...(await patternCredentials(objects))];
}

async function patternCredentials(objects: readonly SourcedObject[]): Promise<CredentialHit[]> {
  // One scan for all values (a call costs far more than its text): each value starts on a new
  // line, and every hit is mapped back to its object and value by line.
  const values = objects.flatMap((s, index) => valuesOf(s.object).map((v) => ({ index, ...v })));
  if (values.length === 0) return [];
  const starts: number[] = [];
  let line = 1;
  for (const v of values) {
    starts.push(line);
    line += v.text.split('\n').length;
  }
  const content = values.map((v) => v.text).join('\n');
  const result = await lintSource({ source: { filePath: 'values.txt', content, contentType: 'text' }, options: { config: CONFIG } });
  return result.messages.map((m) => {
    const at = m.loc?.start.line ?? 1;
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > at) i--;
    return {
      index: values[i]!.index,
      path: values[i]!.path,
      lineInValue: at - starts[i]!,
      message: `looks like a credential (secretlint rule ${ruleName(m.ruleId)}); keep it in a Secret created out of band and reference it (secretKeyRef, or a file the app reads), never in Git`,
    };
  });
}
