// Render-time Argo CD checks, for render/checks.ts: every app folder of every environment must be
// read by Argo CD as plain YAML, and every object must be one the environment's AppProject lets
// its Application sync. `lgtm plan` runs the same checks on committed trees.
import type { CheckFinding, EnvironmentCheck } from '../checks';
import { projectProblems } from './permits';
import { plainDirectoryProblems } from './plain-directory';
import { appProject } from './project';
import { ARGOCD_APP, manifestsPath, projectName } from './names';

export const argocdChecks: EnvironmentCheck = ({ env, objects }) => {
  const out: CheckFinding[] = [];
  const project = appProject(env);
  const byApp = new Map<string, typeof objects>();
  for (const o of objects) byApp.set(o.app, [...(byApp.get(o.app) ?? []), o]);
  for (const [app, rendered] of byApp) {
    const folder = `${manifestsPath(env)}/${app}`;
    for (const p of plainDirectoryProblems(rendered.map((o) => o.file.slice(folder.length + 1)))) {
      out.push({ severity: 'error', text: `${folder}/${p.message} (argocd-plain-directory)` });
    }
    if (app === ARGOCD_APP) continue;
    const target = { project: projectName(env), repoURL: env.git.repoURL, server: env.cluster.server, namespace: env.namespace };
    for (const problem of projectProblems(target, project, rendered)) {
      out.push({ severity: 'error', text: `apps/${app} in ${env.name}: ${problem} (argocd-project)` });
    }
  }
  return out;
};
