// Files that keep Argo CD from reading an app folder as plain YAML: with this repository's
// explicit directory source, and with a source whose type Argo CD detects.
import { assertPlainDirectory, plainDirectoryProblems } from '../../lib/argocd/plain-directory';

const fix = '; render must not write it (rename the object or file)';

describe('plainDirectoryProblems, explicit directory source (this repository\'s Applications)', () => {
  test.each([
    ['kustomization.yaml', 'kustomization.yaml is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails'],
    ['kustomization.yml', 'kustomization.yml is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails'],
    ['.argocd-source.yaml', '.argocd-source.yaml overrides the Application source parameters'],
    ['sub/.argocd-source-loki-dev.yaml', 'sub/.argocd-source-loki-dev.yaml overrides the Application source parameters'],
    ['lib/x.jsonnet', 'lib/x.jsonnet is evaluated as Jsonnet in a directory source, not read as plain YAML'],
  ])('%s is reported', (file, message) => {
    expect(plainDirectoryProblems([file])).toEqual([{ file, message: message + fix }]);
  });

  test.each([['configmap-loki-config.yaml'], ['Chart.yaml'], ['values-Chart.yaml'], ['Kustomization'], ['lib/x.libsonnet'], ['Kustomization.yaml'], ['sub/kustomization.yaml'], ['README.md']])(
    '%s is fine: never read, skipped as no object, or not at the folder root',
    (file) => {
      expect(plainDirectoryProblems([file])).toEqual([]);
    },
  );
});

describe('plainDirectoryProblems, detected source type', () => {
  test.each([
    ['kustomization.yaml', 'kustomization.yaml makes Argo CD build the folder with Kustomize, not as plain YAML'],
    ['Kustomization', 'Kustomization makes Argo CD build the folder with Kustomize, not as plain YAML'],
    ['Chart.yaml', 'Chart.yaml makes Argo CD render the folder as a Helm chart, not as plain YAML'],
    ['values-Chart.yaml', 'values-Chart.yaml makes Argo CD render the folder as a Helm chart, not as plain YAML'],
  ])('%s flips the source type', (file, message) => {
    expect(plainDirectoryProblems([file], false)).toEqual([{ file, message: message + fix }]);
  });

  test.each([['Chart.yml'], ['kustomization-flux.yaml'], ['sub/Chart.yaml']])('%s is fine (a marker only counts at the folder root)', (file) => {
    expect(plainDirectoryProblems([file], false)).toEqual([]);
  });
});

test('assertPlainDirectory names the folder and every file', () => {
  expect(() => assertPlainDirectory('environments/dev/manifests/loki', ['a.jsonnet', 'kustomization.yaml', 'service-loki.yaml'])).toThrow(
    'environments/dev/manifests/loki/a.jsonnet is evaluated as Jsonnet in a directory source, not read as plain YAML' + fix + '\n' +
      'environments/dev/manifests/loki/kustomization.yaml is read as an object of kind Kustomization (the source is an explicit directory), which no cluster serves, so the sync fails' + fix,
  );
});
