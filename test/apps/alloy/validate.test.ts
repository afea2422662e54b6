// `lgtm validate` on what the Alloy app renders, in the context of the whole environment (the
// backends' Services are what the bootstrap's endpoints must resolve to).
import dev from '../../../environments/dev/env';
import staging from '../../../environments/staging/env';
import prod from '../../../environments/prod/env';
import { apps } from '../../../apps/registry';
import { externalsOf, validateConfigFiles, validateObjects } from '../../../lib/validate/index';
import { renderEnvironment } from '../../../render/pipeline/index';

describe.each([dev, staging, prod])('$name', (env) => {
  const rendered = renderEnvironment(env, apps);
  const objects = rendered.objects.map((o) => ({ object: o.object, file: o.file, text: o.text }));
  const externals = externalsOf(env, apps);

  test('the Alloy manifests pass every policy and cross-object check', () => {
    const mine = objects.filter((o) => o.file.includes('/manifests/alloy/'));
    // The DaemonSet's objects, and the cluster collector's (its own account, role and bootstrap).
    expect(mine.map((o) => o.object.kind).sort()).toEqual(['ClusterRole', 'ClusterRole', 'ClusterRoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'ConfigMap', 'DaemonSet', 'Service', 'ServiceAccount', 'ServiceAccount', 'StatefulSet']);
    const findings = validateObjects(objects, externals).filter((f) => f.file.includes('/manifests/alloy/'));
    expect(findings.map((f) => `${f.file}: ${f.path}: ${f.message} (${f.check})`)).toEqual([]);
  });

  test('every endpoint in the pipeline module is a rendered Service port', () => {
    const files = rendered.files.filter((f) => f.app === 'alloy');
    expect(files.map((f) => f.path)).toEqual([`environments/${env.name}/alloy/pipeline.alloy`]);
    expect(validateConfigFiles(objects, files, externals).map((f) => f.message)).toEqual([]);
  });
});
