// Expands an ApplicationSet into Applications the way Argo CD's ApplicationSet controller does for
// a Git directory generator (applicationset/generators/git.go): select folders with Go path.Match,
// exclude beats include, build `.path.*` params, render every string of the template with Go
// templates, then apply the `templatePatch`. Pure: the folder list comes from the caller.
import { parse } from 'yaml';
import type { KubeObject } from '../k8s/types';
import { BadPatternError, pathMatch } from './glob';
import { TemplateError, isTemplated, renderTemplate, type TemplateOptions } from './gotemplate';
import { RESOURCES_FINALIZER } from './names';

export type Finding = { kind: 'template' | 'glob' | 'unsupported' | 'empty-generator'; message: string };

export interface DirectoryItem {
  path: string;
  exclude?: boolean;
}

/**
 * Go's `strings.ToLower`: each code point by its simple mapping. JavaScript's `toLowerCase` applies
 * the full mapping, which differs for `İ` (U+0130, to `i` plus a combining dot) and for a final
 * `Σ` (to `ς`); lower-casing one code point at a time gives the simple mapping except for `İ`.
 */
function goToLower(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

/**
 * Argo CD's `utils.SanitizeName` (applicationset/utils/template_functions.go): Go's lower case,
 * every code point outside `[-a-z0-9.]` to one `-` (Go's regexp works on runes, so an emoji is one
 * `-`, not two), at most 253, trimmed of `-.`.
 */
export function sanitizeName(name: string): string {
  return goToLower(name)
    .replace(/[^-a-z0-9.]/gu, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** The folders a directory generator selects (filterApps): matched by an include, by no exclude. */
export function selectDirectories(items: readonly DirectoryItem[], dirs: readonly string[]): { selected: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const usable: DirectoryItem[] = [];
  for (const item of items) {
    try {
      pathMatch(item.path, '');
      usable.push(item);
    } catch (e) {
      if (!(e instanceof BadPatternError)) throw e;
      findings.push({ kind: 'glob', message: `directories path ${JSON.stringify(item.path)}: ${e.message}` });
    }
  }
  const selected = dirs.filter((dir) => {
    let include = false;
    let exclude = false;
    for (const item of usable) {
      if (!pathMatch(item.path, dir)) continue;
      if (item.exclude) exclude = true;
      else include = true;
    }
    return include && !exclude;
  });
  return { selected, findings };
}

/** The goTemplate params of one selected folder (generateParamsFromApps). */
export function directoryParams(dir: string, pathParamPrefix?: string): Record<string, unknown> {
  const basename = dir.slice(dir.lastIndexOf('/') + 1);
  const path = { path: dir, basename, basenameNormalized: sanitizeName(basename), segments: dir.split('/') };
  return pathParamPrefix ? { [pathParamPrefix]: { path } } : { path };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function renderStrings(value: Json, params: Record<string, unknown>, options: TemplateOptions, at: string): Json {
  if (typeof value === 'string') return isTemplated(value) ? renderTemplate(value, params, options) : value;
  if (Array.isArray(value)) return value.map((v, i) => renderStrings(v, params, options, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    // Keys are templated as well as values (applicationset/utils/utils.go, since Argo CD 2.14).
    for (const [k, v] of Object.entries(value)) {
      const key = isTemplated(k) ? renderTemplate(k, params, options) : k;
      out[key] = renderStrings(v, params, options, `${at}.${key}`);
    }
    return out;
  }
  return value;
}

/** Strategic merge as Argo CD applies it to an Application: maps merge, lists replace, null deletes. */
export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: { [k: string]: Json } = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k] ?? null, v);
  }
  return base;
}

export interface Generated {
  application: KubeObject;
  /** The folder that produced it. */
  directory: string;
}

export interface Expansion {
  applications: Generated[];
  findings: Finding[];
}

const SUPPORTED_GIT_KEYS = new Set(['repoURL', 'revision', 'directories', 'pathParamPrefix', 'values', 'requeueAfterSeconds']);

/** Every Application an ApplicationSet would generate from the repository's folders `dirs`. */
export function expandApplicationSet(appSet: KubeObject, dirs: readonly string[]): Expansion {
  const spec = (appSet.spec ?? {}) as Record<string, any>;
  const findings: Finding[] = [];
  const applications: Generated[] = [];
  if (spec.goTemplate !== true) {
    return { applications, findings: [{ kind: 'unsupported', message: 'spec.goTemplate is not true; lgtm plan evaluates Go templates only (fasttemplate is deprecated upstream)' }] };
  }
  const options: TemplateOptions = { missingKeyError: Array.isArray(spec.goTemplateOptions) && spec.goTemplateOptions.includes('missingkey=error') };
  const template = spec.template as { metadata?: Json; spec?: Json } | undefined;
  if (!template) return { applications, findings: [{ kind: 'unsupported', message: 'spec.template is missing' }] };
  const preserve = spec.syncPolicy?.preserveResourcesOnDeletion === true;
  const generators: unknown[] = Array.isArray(spec.generators) ? spec.generators : [];
  if (generators.length === 0) findings.push({ kind: 'empty-generator', message: 'spec.generators is empty: Argo CD would generate no Application' });
  generators.forEach((g, gi) => {
    const at = `spec.generators[${gi}]`;
    const git = (g as Record<string, any>)?.git;
    const keys = Object.keys((g as object) ?? {});
    if (!git || keys.length !== 1) {
      findings.push({ kind: 'unsupported', message: `${at}: only a Git directory generator is evaluated by lgtm plan, found ${keys.join(', ') || 'nothing'}` });
      return;
    }
    const extra = Object.keys(git).filter((k) => !SUPPORTED_GIT_KEYS.has(k));
    if (extra.length > 0 || !Array.isArray(git.directories)) {
      findings.push({ kind: 'unsupported', message: `${at}.git: lgtm plan evaluates the directories form only (found ${[...extra, ...(Array.isArray(git.directories) ? [] : ['no directories'])].join(', ')})` });
      return;
    }
    const { selected, findings: globFindings } = selectDirectories(git.directories as DirectoryItem[], dirs);
    findings.push(...globFindings.map((f) => ({ ...f, message: `${at}.git.${f.message}` })));
    if (selected.length === 0) {
      findings.push({
        kind: 'empty-generator',
        message: `${at}.git: no folder matches ${(git.directories as DirectoryItem[]).filter((d) => !d.exclude).map((d) => JSON.stringify(d.path)).join(', ')}: the generator yields no Application`,
      });
    }
    for (const dir of selected) {
      const params = directoryParams(dir, git.pathParamPrefix);
      try {
        if (git.values && typeof git.values === 'object') {
          const values: Record<string, string> = {};
          for (const [k, v] of Object.entries(git.values as Record<string, string>)) values[k] = renderTemplate(String(v), params, options);
          params.values = values;
        }
        const metadata = renderStrings(template.metadata ?? {}, params, options, 'template.metadata') as Record<string, Json>;
        let app: Json = {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: appSet.metadata.namespace ? { ...metadata, namespace: appSet.metadata.namespace } : metadata,
          spec: renderStrings(template.spec ?? {}, params, options, 'template.spec'),
        };
        if (typeof spec.templatePatch === 'string') {
          const patchText = renderTemplate(spec.templatePatch, params, options);
          let patch: unknown;
          try {
            patch = parse(patchText);
          } catch (e) {
            throw new TemplateError('evaluation', spec.templatePatch, `the rendered templatePatch is not YAML: ${(e as Error).message}`);
          }
          if (patch !== null && (typeof patch !== 'object' || Array.isArray(patch))) {
            throw new TemplateError('evaluation', spec.templatePatch, 'the rendered templatePatch must be a YAML map (spec: …)');
          }
          app = mergePatch(app, patch as Json);
          // A patch cannot move an Application to another project: the controller puts the
          // template's back (applicationset/controllers/template/patch.go).
          const patched = app as { spec?: Record<string, Json> };
          const templated = (renderStrings(template.spec ?? {}, params, options, 'template.spec') as Record<string, Json>).project;
          if (patched.spec && templated !== undefined) patched.spec.project = templated;
        }
        const application = app as unknown as KubeObject;
        const finalizers = application.metadata.finalizers as string[] | undefined;
        if (!preserve && (!finalizers || finalizers.length === 0)) application.metadata.finalizers = [RESOURCES_FINALIZER];
        applications.push({ application, directory: dir });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        findings.push({ kind: e.kind === 'unsupported' ? 'unsupported' : 'template', message: `folder ${dir}: ${e.message}` });
      }
    }
  });
  return { applications, findings };
}
