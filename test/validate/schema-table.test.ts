// The committed schema table is what the generator makes from the installed typings.
import { execFileSync } from 'node:child_process';
import { schema } from '../../lib/validate/schema/table';

const root = new URL('../..', import.meta.url).pathname;

describe('known-fields.json', () => {
  test('is current with kubernetes-models, @kubernetes-models/argo-cd and @kubernetes-models/prometheus-operator', () => {
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'lib/validate/schema/generate.ts', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  test('covers the kinds this repository renders', () => {
    for (const k of ['apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'v1/Service', 'v1/ConfigMap', 'rbac.authorization.k8s.io/v1/ClusterRole', 'argoproj.io/v1alpha1/Application', 'argoproj.io/v1alpha1/ApplicationSet', 'argoproj.io/v1alpha1/AppProject']) {
      expect(schema.kinds[k]).toBeDefined();
    }
  });

  test('knows the Prometheus Operator kinds application teams ship, and not the operator\'s own', () => {
    for (const kind of ['ServiceMonitor', 'PodMonitor', 'Probe', 'PrometheusRule']) expect(schema.kinds[`monitoring.coreos.com/v1/${kind}`]).toBeDefined();
    expect(schema.kinds['monitoring.coreos.com/v1/Prometheus']).toBeUndefined();
  });
});
