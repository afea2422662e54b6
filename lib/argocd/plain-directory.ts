// What keeps Argo CD from reading an app folder as plain YAML (reposerver `GetAppSourceType` and
// `findManifests`). This repository's ApplicationSet sets `source.directory` explicitly, so the
// source type never changes (`ExplicitType`); then a `kustomization.yaml` is read as one more
// manifest, an object of kind Kustomization that no cluster serves (the sync fails), a `*Chart.yaml`
// has no kind and is skipped, `.libsonnet` files are not read at all, and `.jsonnet` files are
// evaluated. Without an explicit type (`explicit: false`) a marker at the folder's root flips the
// source to Kustomize or Helm. `.argocd-source*.yaml` overrides the source parameters either way.
// Render must never write any of these; `lgtm plan` reports them on committed trees.

export interface DirectoryProblem {
  file: string;
  message: string;
}

type Marker = { test: (base: string) => boolean; reason: string };

/** Tool markers at the folder's root, when the source type is detected (no `source.directory`). */
const ROOT_MARKERS: Marker[] = [
  // kustomize.IsKustomization: exactly these three names.
  { test: (b) => b === 'kustomization.yaml' || b === 'kustomization.yml' || b === 'Kustomization', reason: 'makes Argo CD build the folder with Kustomize, not as plain YAML' },
  // discovery.Discover: any name that ends with `Chart.yaml`, case-sensitive.
  { test: (b) => b.endsWith('Chart.yaml'), reason: 'makes Argo CD render the folder as a Helm chart, not as plain YAML' },
];

/** The same markers under an explicit directory source: only a YAML kustomization is read, as an object. */
const EXPLICIT_ROOT_MARKERS: Marker[] = [
  { test: (b) => b === 'kustomization.yaml' || b === 'kustomization.yml', reason: 'is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails' },
];

const ANYWHERE: Marker[] = [
  { test: (b) => /^\.argocd-source(-[^/]*)?\.ya?ml$/.test(b), reason: 'overrides the Application source parameters' },
  // The repo server's manifest pattern is yaml|yml|json|jsonnet: a .libsonnet is never read.
  { test: (b) => b.endsWith('.jsonnet'), reason: 'is evaluated as Jsonnet in a directory source, not read as plain YAML' },
];

/**
 * Problems among `files` (paths relative to the app folder, `/`-separated) that would keep Argo CD
 * from reading the folder as a plain directory of manifests.
 */
export function plainDirectoryProblems(files: readonly string[], explicit = true): DirectoryProblem[] {
  const out: DirectoryProblem[] = [];
  const rootMarkers = explicit ? EXPLICIT_ROOT_MARKERS : ROOT_MARKERS;
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const atRoot = !file.includes('/');
    for (const m of [...(atRoot ? rootMarkers : []), ...ANYWHERE]) {
      if (m.test(base)) out.push({ file, message: `${file} ${m.reason}; render must not write it (rename the object or file)` });
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
