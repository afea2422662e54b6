// The render pipeline runs the same validation as `lgtm validate`, with the same finding lines.
import dev from '../../environments/dev/env';
import { loadManifests } from '../../lib/validate/load';
import { validateRendered } from '../../lib/validate/render-check';
import { apps } from '../../apps/registry';
import type { RenderedEnvironment } from '../../render/pipeline/index';

const root = new URL('../..', import.meta.url).pathname;

test('render-time validation reports findings as lgtm validate prints them', async () => {
  const { objects } = loadManifests(root, ['test/validate/corpus/valid']);
  const rendered: RenderedEnvironment = {
    env: dev,
    objects: objects.map((o) => ({ object: o.object, app: 'corpus', source: 'corpus', file: o.file, text: o.text ?? '' })),
    files: [{ path: 'environments/dev/alloy/pipeline.alloy', content: 'remote = "http://web.obs.svc.cluster.local:8080"\n', app: 'alloy' }],
  };
  expect(await validateRendered(apps)(rendered)).toEqual([
    {
      severity: 'error',
      text: 'test/validate/corpus/valid/app.yaml:82: Deployment/obs/web spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name: Secret "s3-credentials" does not exist in namespace obs; render it as an ExternalSecret or declare it in the app\'s externals().secrets (missing-reference)',
    },
    {
      severity: 'error',
      text: 'environments/dev/alloy/pipeline.alloy:1: web.obs.svc.cluster.local:8080 (environments/dev/alloy/pipeline.alloy line 1): Service obs/web has no port 8080 (it has http 80); use a port from lib/endpoints.ts (endpoint)',
    },
  ]);
});
