// What makes Argo CD read an app folder as something other than plain YAML (reposerver
// `GetAppSourceType` and `findManifests`): a tool marker at the folder's root flips the source
// type, `.argocd-source*.yaml` overrides the source spec, `.jsonnet` files are evaluated. Render
// must never write any of these into an app folder; `lgtm plan` reports them on committed trees.

export interface DirectoryProblem {
  file: string;
  message: string;
}

const ROOT_MARKERS: { test: (base: string) => boolean; reason: string }[] = [
  // kustomize.IsKustomization: exactly these three names.
  { test: (b) => b === 'kustomization.yaml' || b === 'kustomization.yml' || b === 'Kustomization', reason: 'makes Argo CD build the folder with Kustomize' },
  // discovery.Discover: any name that ends with `Chart.yaml`, case-sensitive.
  { test: (b) => b.endsWith('Chart.yaml'), reason: 'makes Argo CD render the folder as a Helm chart' },
];

const ANYWHERE: { test: (base: string) => boolean; reason: string }[] = [
  { test: (b) => /^\.argocd-source(-[^/]*)?\.ya?ml$/.test(b), reason: 'overrides the Application source parameters' },
  { test: (b) => b.endsWith('.jsonnet') || b.endsWith('.libsonnet'), reason: 'is evaluated as Jsonnet in a directory source' },
];

/**
 * Problems among `files` (paths relative to the app folder, `/`-separated) that would keep Argo CD
 * from reading the folder as a plain directory of manifests.
 */
export function plainDirectoryProblems(files: readonly string[]): DirectoryProblem[] {
  const out: DirectoryProblem[] = [];
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const atRoot = !file.includes('/');
    for (const m of [...(atRoot ? ROOT_MARKERS : []), ...ANYWHERE]) {
      if (m.test(base)) out.push({ file, message: `${file} ${m.reason}, not as plain YAML; render must not write it (rename the object or file)` });
    }
  }
  return out;
}

/** Throws with every problem of an app folder; for the render pipeline, before anything is written. */
export function assertPlainDirectory(appDir: string, files: readonly string[]): void {
  const problems = plainDirectoryProblems(files);
  if (problems.length > 0) {
    throw new Error(problems.map((p) => `${appDir}/${p.message}`).join('\n'));
  }
}
