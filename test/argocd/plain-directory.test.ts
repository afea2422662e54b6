// Files that would make Argo CD read an app folder as Kustomize, Helm or Jsonnet instead of YAML.
import { assertPlainDirectory, plainDirectoryProblems } from '../../lib/argocd/plain-directory';

describe('plainDirectoryProblems', () => {
  test.each([
    ['kustomization.yaml', 'kustomization.yaml makes Argo CD build the folder with Kustomize, not as plain YAML; render must not write it (rename the object or file)'],
    ['kustomization.yml', 'kustomization.yml makes Argo CD build the folder with Kustomize, not as plain YAML; render must not write it (rename the object or file)'],
    ['Kustomization', 'Kustomization makes Argo CD build the folder with Kustomize, not as plain YAML; render must not write it (rename the object or file)'],
    ['Chart.yaml', 'Chart.yaml makes Argo CD render the folder as a Helm chart, not as plain YAML; render must not write it (rename the object or file)'],
    ['values-Chart.yaml', 'values-Chart.yaml makes Argo CD render the folder as a Helm chart, not as plain YAML; render must not write it (rename the object or file)'],
    ['.argocd-source.yaml', '.argocd-source.yaml overrides the Application source parameters, not as plain YAML; render must not write it (rename the object or file)'],
    ['sub/.argocd-source-loki-dev.yaml', 'sub/.argocd-source-loki-dev.yaml overrides the Application source parameters, not as plain YAML; render must not write it (rename the object or file)'],
    ['lib/x.jsonnet', 'lib/x.jsonnet is evaluated as Jsonnet in a directory source, not as plain YAML; render must not write it (rename the object or file)'],
  ])('%s is reported', (file, message) => {
    expect(plainDirectoryProblems([file])).toEqual([{ file, message }]);
  });

  test.each([['configmap-loki-config.yaml'], ['configmap-mychart.yaml'], ['Chart.yml'], ['Kustomization.yaml'], ['kustomization-flux.yaml'], ['sub/kustomization.yaml'], ['sub/Chart.yaml'], ['README.md']])(
    '%s is fine (a marker only counts at the folder root)',
    (file) => {
      expect(plainDirectoryProblems([file])).toEqual([]);
    },
  );

  test('assertPlainDirectory names the folder and every file', () => {
    expect(() => assertPlainDirectory('environments/dev/manifests/loki', ['Chart.yaml', 'kustomization.yaml', 'service-loki.yaml'])).toThrow(
      'environments/dev/manifests/loki/Chart.yaml makes Argo CD render the folder as a Helm chart, not as plain YAML; render must not write it (rename the object or file)\n' +
        'environments/dev/manifests/loki/kustomization.yaml makes Argo CD build the folder with Kustomize, not as plain YAML; render must not write it (rename the object or file)',
    );
  });
});
