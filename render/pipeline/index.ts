// The render pipeline of one environment, in the spirit of Tanka's pkg/process: each step is a
// small function over plain objects; this file only chains them.
import type { App, OwnedFile } from '../../apps/types';
import type { Environment } from '../../lib/env/types';
import type { KubeObject } from '../../lib/k8s/types';
import type { RenderedEnvironment, RenderedObject } from '../../lib/checks';
import { RenderError } from './errors';
import { flatten, type Extracted } from './flatten';
import { addCommonLabels } from './labels';
import { injectNamespace } from './namespace';
import { serializeObject, withHeader } from './serialize';
import { sortObjects } from './sort';
import { verify } from './verify';
import { applySyncWaves } from './waves';

export type { RenderedEnvironment, RenderedObject } from '../../lib/checks';

export { OWNED_PATHS } from '../owned';

export function fileNameOf(object: KubeObject): string {
  return `${object.kind}-${object.metadata.name}.yaml`.toLowerCase();
}

function renderApp(app: App, env: Environment): Extracted[] {
  let tree: unknown;
  try {
    tree = app.render(env);
  } catch (e) {
    throw new RenderError(`apps/${app.name} failed for environments/${env.name}/env.ts: ${(e as Error).message}`);
  }
  const items = flatten(tree, app.name);
  verify(items);
  const objects = items.map((i) => i.object);
  injectNamespace(objects, env.namespace);
  addCommonLabels(objects, app.name, env.name);
  const waved = applySyncWaves(objects);
  return items.map((item, i) => ({ ...item, object: waved[i]! }));
}

function ownedFiles(app: App, env: Environment): OwnedFile[] {
  if (!app.files) return [];
  let files: OwnedFile[];
  try {
    files = app.files(env);
  } catch (e) {
    throw new RenderError(`apps/${app.name} failed to render its files for environments/${env.name}/env.ts: ${(e as Error).message}`);
  }
  for (const f of files) {
    const ok = /^alloy\/([a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*$/.test(f.path) && !f.path.includes('..');
    if (!ok) {
      throw new RenderError(`apps/${app.name}: file "${f.path}" must be a lower-case relative path under alloy/ (render owns only manifests/ and alloy/)`);
    }
  }
  return files;
}

const COMMENT_STYLE: Record<string, '#' | '//'> = { alloy: '//' };

export function renderEnvironment(env: Environment, apps: readonly App[]): RenderedEnvironment {
  const objects: RenderedObject[] = [];
  const files: RenderedEnvironment['files'] = [];
  const byFile = new Map<string, RenderedObject>();
  for (const app of apps) {
    if (app.enabled && !app.enabled(env)) continue;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(app.name)) {
      throw new RenderError(`apps/${app.name}: an app name must be a lower-case DNS label; it becomes a folder and an Argo CD Application name`);
    }
    for (const { object, source } of sortObjects(renderApp(app, env))) {
      const file = `environments/${env.name}/manifests/${app.name}/${fileNameOf(object)}`;
      const clash = byFile.get(file);
      if (clash) {
        throw new RenderError(`${file}: two objects want this file: ${clash.source} and ${source} (${object.kind} "${object.metadata.name}"); give one of them another name`);
      }
      const rendered: RenderedObject = { object, app: app.name, source, file, text: serializeObject(object) };
      byFile.set(file, rendered);
      objects.push(rendered);
    }
    for (const f of ownedFiles(app, env)) {
      const path = `environments/${env.name}/${f.path}`;
      if (files.some((x) => x.path === path)) throw new RenderError(`${path}: rendered twice (by apps/${app.name} and another app)`);
      const ext = f.path.slice(f.path.lastIndexOf('.') + 1);
      files.push({ path, app: app.name, content: withHeader(f.content, COMMENT_STYLE[ext] ?? '#') });
    }
  }
  return { env, objects: sortObjects(objects), files };
}
