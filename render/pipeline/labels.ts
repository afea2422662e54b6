// Step 4: the labels every object carries, so `kubectl get -l` and Argo CD's UI can group them.
import type { KubeObject } from '../../lib/k8s/types';
import { ENVIRONMENT_LABEL } from '../../lib/k8s/labels';

export { ENVIRONMENT_LABEL };

/** Adds the common labels where the app has not set them itself. */
export function addCommonLabels(objects: KubeObject[], app: string, environment: string): void {
  for (const o of objects) {
    o.metadata.labels = {
      'app.kubernetes.io/name': app,
      'app.kubernetes.io/part-of': 'lgtm',
      'app.kubernetes.io/managed-by': 'lgtm-gitops',
      [ENVIRONMENT_LABEL]: environment,
      ...o.metadata.labels,
    };
  }
}
