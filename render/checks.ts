// Checks that run on the rendered tree before anything is written: render, render --check and
// validate all go through here, so they can never disagree.
import type { RenderedEnvironment } from './pipeline/index';

export interface CheckFinding {
  severity: 'error' | 'warning';
  /** One line: `file:line: object-path: message (check-id)`. */
  text: string;
}

export type PostRenderCheck = (root: string, environments: RenderedEnvironment[]) => CheckFinding[] | Promise<CheckFinding[]>;

/** Generated-folder hygiene: Argo CD would read a folder with these files as Kustomize or Helm, not as plain YAML. */
const notPlainDirectory: PostRenderCheck = (_root, environments) => {
  const out: CheckFinding[] = [];
  for (const r of environments) {
    for (const o of r.objects) {
      const base = o.file.slice(o.file.lastIndexOf('/') + 1);
      if (/^kustomization\.ya?ml$|^Kustomization$|Chart\.ya?ml$/i.test(base)) {
        out.push({ severity: 'error', text: `${o.file}: ${o.object.kind} "${o.object.metadata.name}" would make Argo CD read ${o.file.slice(0, o.file.lastIndexOf('/'))} as Kustomize or Helm instead of a plain directory; rename the object (plain-directory)` });
      }
    }
  }
  return out;
};

export const checks: PostRenderCheck[] = [notPlainDirectory];

export async function postRenderChecks(root: string, environments: RenderedEnvironment[]): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const check of checks) out.push(...(await check(root, environments)));
  return out;
}
