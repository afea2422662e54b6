// `lgtm validate`: strict schema, policies and cross-object references for one environment's
// objects. The render pipeline and the CLI both call validateObjects.
import type { KubeObject } from '../k8s/types';
import { CHECK_BY_ID, type CheckId } from './checks';
import { lineResolver } from './lines';
import { optOuts } from './optout';
import { formatPath } from './path';
import { containerPolicies } from './policy/containers';
import { objectPolicies } from './policy/objects';
import { podPolicies } from './policy/pod';
import { prometheusRuleChecks } from './policy/prometheus-rules';
import { rbacPolicies } from './policy/rbac';
import { endpointJudge, endpointProblems, indexServices } from './endpoints';
import { rememberingPodTemplates } from './pods';
import { checkReferences } from './refs';
import { isMap, type ObjectCheck, type ObjectReport } from './report';
import { checkSchema } from './schema/check';
import type { ExternalRefs, Finding, Path, SourcedObject } from './types';
import { scanCredentials, type CredentialHit } from './credentials';

export type { ExternalRefs, Finding, SourcedObject } from './types';
export { checkEndpoints, findEndpoints, type EndpointRef } from './endpoints';
export { CHECKS, checksHelp, type CheckId } from './checks';
export { mergeExternals, externalsOf, type ExternalsSource } from './externals';

const NONE: ReadonlySet<string> = new Set();

const POLICIES: readonly ObjectCheck[] = [containerPolicies, podPolicies, rbacPolicies, objectPolicies, prometheusRuleChecks];

interface Raw {
  index: number;
  check: CheckId;
  path: Path;
  message: string;
  lineInValue?: number;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function objectName(object: KubeObject): string {
  const meta = isMap(object.metadata) ? object.metadata : {};
  const ns = typeof meta.namespace === 'string' ? `${meta.namespace}/` : '';
  return `${String(object.kind ?? '?')}/${ns}${String(meta.name ?? '?')}`;
}

function groupOf(apiVersion: unknown): string {
  const s = String(apiVersion);
  return s.includes('/') ? s.slice(0, s.indexOf('/')) : '';
}

/**
 * Objects by identity (API group, kind, namespace, name), found by namespace and name first so
 * that no key string is built per object; `add` answers the index of an earlier object with the
 * same identity.
 */
function objectRegistry(objects: readonly SourcedObject[]): { add(o: KubeObject, name: string, index: number): number | undefined } {
  // A name is mostly one object's: its index alone, a list only once a second object shares it.
  const byNamespace = new Map<string, Map<string, number | number[]>>();
  const same = (j: number, o: KubeObject): boolean => {
    const other = objects[j]!.object;
    return other.kind === o.kind && groupOf(other.apiVersion) === groupOf(o.apiVersion);
  };
  return {
    add(o, name, index) {
      const ns = String(o.metadata.namespace ?? '');
      let byName = byNamespace.get(ns);
      if (!byName) byNamespace.set(ns, (byName = new Map()));
      const named = byName.get(name);
      if (named === undefined) {
        byName.set(name, index);
        return undefined;
      }
      if (typeof named === 'number') {
        if (same(named, o)) return named;
        byName.set(name, [named, index]);
        return undefined;
      }
      for (const j of named) if (same(j, o)) return j;
      named.push(index);
      return undefined;
    },
  };
}

/**
 * Validates one environment's objects; findings are sorted by file, line and path. `credentials`
 * are the hits of the (asynchronous) credential scan, reported and opted out like any other check;
 * `validateAll` runs both.
 */
export function validateObjects(objects: SourcedObject[], externals: ExternalRefs, credentials: readonly CredentialHit[] = []): Finding[] {
  return rememberingPodTemplates(() => validateRemembering(objects, externals, credentials));
}

function validateRemembering(objects: SourcedObject[], externals: ExternalRefs, credentials: readonly CredentialHit[]): Finding[] {
  const raw: Raw[] = credentials.map((c) => ({ index: c.index, check: 'credential', path: c.path, message: c.message, lineInValue: c.lineInValue }));
  // One reporter per object, made when first asked for: the object checks, the references and the
  // opt-outs each ask, and most objects report nothing.
  const reporters: ObjectReport[] = new Array(objects.length);
  const reportFor = (index: number): ObjectReport =>
    (reporters[index] ??= (check, path, message, lineInValue) => {
      raw.push({ index, check, path, message, ...(lineInValue !== undefined ? { lineInValue } : {}) });
    });
  const sound: KubeObject[] = [];
  const soundIndex: number[] = [];
  const seen = objectRegistry(objects);
  objects.forEach((s, i) => {
    const report = reportFor(i);
    const o = s.object;
    if (!isMap(o)) {
      report('schema-type', [], 'a document must be a map with apiVersion, kind and metadata');
      return;
    }
    checkSchema(o, report);
    const meta = o.metadata;
    if (!isMap(meta) || typeof meta.name !== 'string' || meta.name === '') {
      report('schema-required', ['metadata', 'name'], 'metadata.name is missing; every rendered object needs a name');
      return;
    }
    const first = seen.add(o, meta.name, i);
    if (first !== undefined) report('duplicate-object', ['metadata', 'name'], `${objectName(o)} is also defined in ${objects[first]!.file}; rename one of them`);
    for (const policy of POLICIES) policy(o, report);
    sound.push(o);
    soundIndex.push(i);
  });
  checkReferences(sound, externals, (i) => reportFor(soundIndex[i]!));

  // Opt-out annotations are read for every object so that a bad one is reported even when unused.
  const skips = objects.map((s, i) => (isMap(s.object) && isMap(s.object.metadata) ? optOuts(s.object, reportFor(i)) : NONE));

  const line = lineResolver();
  const findings: Finding[] = [];
  for (const r of raw) {
    if (skips[r.index]!.has(r.check)) continue;
    const s = objects[r.index]!;
    const lineNo = s.text !== undefined && isMap(s.object) ? line(s.text, s.object, s.doc, r.path, r.lineInValue) : undefined;
    findings.push({
      severity: CHECK_BY_ID.get(r.check)!.severity,
      check: r.check,
      file: s.file,
      ...(lineNo !== undefined ? { line: lineNo } : {}),
      path: formatPath(r.path),
      object: isMap(s.object) ? objectName(s.object) : '?',
      message: r.message,
    });
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path) || a.check.localeCompare(b.check));
}

/** Every object check, the credential scan included: what `lgtm validate` and render run. */
export async function validateAll(objects: SourcedObject[], externals: ExternalRefs): Promise<Finding[]> {
  return validateObjects(objects, externals, await scanCredentials(objects));
}

/**
 * Endpoints in config files rendered beside the manifests (the Alloy module under
 * `environments/<env>/alloy/`), checked against the environment's Services like ConfigMap data.
 */
export function validateConfigFiles(objects: readonly SourcedObject[], files: readonly { path: string; content: string }[], externals: ExternalRefs): Finding[] {
  const judge = endpointJudge(indexServices(objects.map((s) => s.object).filter(isMap) as KubeObject[]), externals.endpoints);
  const findings: Finding[] = [];
  for (const file of files) {
    for (const p of endpointProblems(judge, file.content, () => file.path)) {
      findings.push({ severity: CHECK_BY_ID.get('endpoint')!.severity, check: 'endpoint', file: file.path, line: p.line + 1, path: '', object: '', message: p.message });
    }
  }
  return findings;
}
