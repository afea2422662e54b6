// The grafana app's objects: a stateless, restricted Deployment with admin credentials from an
// out-of-Git Secret, provisioning ConfigMaps, and one dashboards ConfigMap per folder.
import dev from '../../environments/dev/env';
import prod from '../../environments/prod/env';
import { renderGrafana, ADMIN_SECRET } from '../../apps/grafana/index';
import { CONFIGMAP_MAX_BYTES, SERVER_SIDE_APPLY_BYTES, folderMounts, folderSlug } from '../../apps/grafana/dashboard-configmaps';
import { renderDashboards, type RenderedDashboard } from '../../apps/grafana/dashboards/index';
import { flatten } from '../../render/pipeline/flatten';
import type { KubeObject } from '../../lib/k8s/types';

const flattenTree = (tree: unknown): KubeObject[] => flatten(tree, 'grafana').map((e) => e.object);

const objects = (env: typeof dev): any[] => flattenTree(renderGrafana(env));
const deploymentOf = (env: typeof dev): any => objects(env).find((o) => o.kind === 'Deployment');

test('renders no Secret: the admin credentials come from one created out of band', () => {
  expect(objects(dev).map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'ConfigMap/grafana-dashboard-providers',
    'ConfigMap/grafana-dashboards-applications',
    'ConfigMap/grafana-dashboards-databases',
    'ConfigMap/grafana-dashboards-kubernetes',
    'ConfigMap/grafana-dashboards-observability',
    'ConfigMap/grafana-dashboards-security',
    'ConfigMap/grafana-datasources',
    'Deployment/grafana',
    'Service/grafana',
  ]);
  const env = deploymentOf(dev).spec.template.spec.containers[0].env;
  expect(env.filter((e: any) => e.valueFrom)).toEqual([
    { name: 'GF_SECURITY_ADMIN_USER', valueFrom: { secretKeyRef: { name: ADMIN_SECRET, key: 'admin-user' } } },
    { name: 'GF_SECURITY_ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: ADMIN_SECRET, key: 'admin-password' } } },
  ]);
});

test('runs the pinned image, ready on /api/health (database included), live on /healthz (web server only), restricted profile', () => {
  const pod = deploymentOf(dev).spec.template.spec;
  const c = pod.containers[0];
  expect(c.image).toBe('docker.io/grafana/grafana:13.2.3');
  expect(c.readinessProbe.httpGet).toEqual({ path: '/api/health', port: 'http' });
  expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  expect(c.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 472, seccompProfile: { type: 'RuntimeDefault' } });
  expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  expect(pod.automountServiceAccountToken).toBe(false);
});

test('is stateless: its data directory is an emptyDir, and no volume is a PVC', () => {
  const pod = deploymentOf(dev).spec.template.spec;
  expect(pod.volumes.find((v: any) => v.name === 'data')).toEqual({ name: 'data', emptyDir: {} });
  expect(pod.volumes.some((v: any) => v.persistentVolumeClaim)).toBe(false);
});

test('mounts every dashboards ConfigMap as its folder, without subPath so updates reach the pod', () => {
  const pod = deploymentOf(dev).spec.template.spec;
  const mounts = pod.containers[0].volumeMounts.filter((m: any) => m.mountPath.startsWith('/etc/grafana/dashboards/'));
  expect(mounts.map((m: any) => m.mountPath)).toEqual(
    ['Applications', 'Databases', 'Kubernetes', 'Observability', 'Security'].map((f) => `/etc/grafana/dashboards/${f}`),
  );
  expect(mounts.every((m: any) => m.subPath === undefined)).toBe(true);
  const cms = objects(dev).filter((o) => o.metadata.name.startsWith('grafana-dashboards-'));
  const volumes = new Set(pod.volumes.map((v: any) => v.configMap?.name));
  for (const cm of cms) expect(volumes.has(cm.metadata.name)).toBe(true);
});

test('a datasource change rolls the pods; a dashboard change does not need to', () => {
  const checksum = (o: any) => o.spec.template.metadata.annotations['checksum/config'];
  const base = deploymentOf(dev);
  const moved = flattenTree(renderGrafana({ ...dev, namespace: 'elsewhere' })).find((o) => o.kind === 'Deployment');
  expect(checksum(moved)).not.toBe(checksum(base));
  const fewer = flattenTree(renderGrafana(dev, [])).find((o) => o.kind === 'Deployment') as any;
  expect(checksum(fewer)).toBe(checksum(base));
});

test('with two replicas (prod) sessions stick to a pod and a disruption budget keeps one up', () => {
  const prodObjects = objects(prod);
  expect(deploymentOf(prod).spec.replicas).toBe(2);
  expect((prodObjects.find((o) => o.kind === 'Service') as any).spec.sessionAffinity).toBe('ClientIP');
  expect(prodObjects.find((o) => o.kind === 'PodDisruptionBudget')).toMatchObject({ spec: { maxUnavailable: 1 } });
  expect(objects(dev).some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
});

function padded(uid: string, folder: string, bytes: number): RenderedDashboard {
  const [first] = renderDashboards(dev);
  return { uid, folder, dashboard: { ...first!.dashboard, uid, description: 'x'.repeat(bytes) } };
}

test('a folder ConfigMap above the server-side apply threshold carries the Argo CD annotation', () => {
  const [small, large] = folderMounts([padded('a', 'Small', 10), padded('b', 'Za Large', SERVER_SIDE_APPLY_BYTES)]);
  expect(small!.configMap.metadata.annotations).toBeUndefined();
  expect(large!.configMap.metadata).toMatchObject({
    name: 'grafana-dashboards-za-large',
    annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' },
  });
});

test('a folder over the ConfigMap size limit fails render with the fix', () => {
  expect(() => folderMounts([padded('a', 'Huge', CONFIGMAP_MAX_BYTES)])).toThrow(
    /^dashboard folder "Huge" renders a \d+-byte ConfigMap grafana-dashboards-huge, over the 1 MiB limit; move dashboards to another folder$/,
  );
});

test('a folder name without letters or digits is refused', () => {
  expect(() => folderSlug('  ')).toThrow('dashboard folder "  " has no letters or digits to name its ConfigMap after');
});
