// Policies on single objects that are not workloads: Secrets, Services, volume claims.
import type { Path } from '../types';
import { isMap, listOf, type Json, type ObjectCheck, type ObjectReport } from '../report';

function checkClaim(spec: unknown, path: Path, report: ObjectReport): void {
  const resources = isMap(spec) && isMap(spec.resources) ? spec.resources : {};
  const requests = isMap(resources.requests) ? resources.requests : {};
  if (requests.storage === undefined) report('pvc-storage', [...path, 'resources', 'requests', 'storage'], 'storage request is missing; set resources.requests.storage (the environment\'s size)');
}

export const objectPolicies: ObjectCheck = (object, report) => {
  switch (object.kind) {
    case 'Secret':
      for (const field of ['data', 'stringData'] as const) {
        const value = object[field];
        if (isMap(value) && Object.keys(value).length > 0) {
          report('secret-data', [field], `Secret carries ${field} in Git; create it out of band (declare it in the app's externals) or through an ExternalSecret`);
        }
      }
      return;
    case 'Service':
      if (isMap(object.spec) && object.spec.type === 'LoadBalancer') {
        report('load-balancer', ['spec', 'type'], 'type LoadBalancer keeps the Argo CD app Progressing until a load balancer exists; use ClusterIP (and an Ingress/Gateway if needed)');
      }
      return;
    case 'PersistentVolumeClaim':
      checkClaim(object.spec, ['spec'], report);
      return;
    case 'StatefulSet': {
      const templates = listOf(isMap(object.spec) ? object.spec.volumeClaimTemplates : undefined);
      for (let i = 0; i < templates.length; i++) {
        const t = templates[i];
        checkClaim(isMap(t) ? (t as Json).spec : undefined, ['spec', 'volumeClaimTemplates', i, 'spec'], report);
      }
      return;
    }
  }
};
