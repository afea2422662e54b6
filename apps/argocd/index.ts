// The Argo CD objects of an environment, rendered into `environments/<env>/manifests/argocd/`:
// the projects, the ApplicationSet that turns every other app folder into an Application, and
// the root Application that manages this folder. Applying that folder server-side as Argo CD's
// field manager (bootstrapCommand in lib/argocd/names.ts) bootstraps the environment (docs/argocd.md).
import type { App } from '../types';
import { applicationSet } from '../../lib/argocd/applicationset';
import { appProject, bootstrapProject } from '../../lib/argocd/project';
import { kept, rootApplication } from '../../lib/argocd/root';
import { ARGOCD_APP } from '../../lib/argocd/names';

export const argocd: App = {
  name: ARGOCD_APP,
  description: 'Argo CD AppProjects, the ApplicationSet of the app folders, and the root Application',
  render: (env) => ({
    projects: [appProject(env), bootstrapProject(env)].map(kept),
    applicationSet: kept(applicationSet(env)),
    root: kept(rootApplication(env)),
  }),
};
