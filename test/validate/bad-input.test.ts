// Each bad input, applied to the valid corpus, must give exactly the one finding listed here.
import { validateObjects, type ExternalRefs } from '../../lib/validate/index';
import { loadManifests, parseManifests } from '../../lib/validate/load';
import type { KubeObject } from '../../lib/k8s/types';

type Obj = Record<string, any>;
const root = new URL('../..', import.meta.url).pathname;
const corpus = loadManifests(root, ['test/validate/corpus/valid']);
const externals: ExternalRefs = { secrets: [{ namespace: 'obs', name: 's3-credentials', keys: [] }], endpoints: ['s3.example.com:443'] };

interface Case {
  name: string;
  mutate: (get: (kind: string, name: string) => Obj, objects: Obj[]) => void;
  expect: [check: string, object: string, path: string, message: string];
}

const pod = (get: (k: string, n: string) => Obj): Obj => get('Deployment', 'web').spec.template.spec;
const container = (get: (k: string, n: string) => Obj): Obj => pod(get).containers[0];

const cases: Case[] = [
  // Strict schema.
  { name: 'misspelled replicas', mutate: (g) => { g('Deployment', 'web').spec.replicaz = 2; }, expect: ['schema-unknown-field', 'Deployment/obs/web', 'spec.replicaz', 'unknown field "replicaz" in DeploymentSpec; did you mean "replicas"?'] },
  { name: 'misspelled selfHeal', mutate: (g) => { g('ApplicationSet', 'obs').spec.template.spec.syncPolicy.automated.selfHeel = true; }, expect: ['schema-unknown-field', 'ApplicationSet/argocd/obs', 'spec.template.spec.syncPolicy.automated.selfHeel', 'unknown field "selfHeel" in SyncPolicyAutomated; did you mean "selfHeal"?'] },
  { name: 'misspelled container image', mutate: (g) => { container(g).imagee = 'x'; }, expect: ['schema-unknown-field', 'Deployment/obs/web', 'spec.template.spec.containers[0].imagee', 'unknown field "imagee" in Container; did you mean "image"?'] },
  { name: 'misspelled labels', mutate: (g) => { g('ServiceAccount', 'web').metadata.labelz = { a: 'b' }; }, expect: ['schema-unknown-field', 'ServiceAccount/obs/web', 'metadata.labelz', 'unknown field "labelz" in ObjectMeta; did you mean "labels"?'] },
  { name: 'unknown field without a close match', mutate: (g) => { g('PersistentVolumeClaim', 'web-data').spec.resources.wanted = 1; }, expect: ['schema-unknown-field', 'PersistentVolumeClaim/obs/web-data', 'spec.resources.wanted', 'unknown field "wanted" in VolumeResourceRequirements; remove it (known fields: limits, requests)'] },
  { name: 'unknown field in a StatefulSet claim template', mutate: (g) => { g('StatefulSet', 'db').spec.volumeClaimTemplates[0].spec.storageClass = 'fast'; }, expect: ['schema-unknown-field', 'StatefulSet/obs/db', 'spec.volumeClaimTemplates[0].spec.storageClass', 'unknown field "storageClass" in PersistentVolumeClaimSpec; did you mean "storageClassName"?'] },
  { name: 'missing apiVersion', mutate: (g) => { delete g('Namespace', 'obs').apiVersion; }, expect: ['schema-required', 'Namespace/obs', 'apiVersion', 'apiVersion is missing; add it (such as apps/v1 or v1)'] },
  { name: 'missing kind', mutate: (_g, all) => { delete all.find((o) => o.kind === 'Namespace')!.kind; }, expect: ['schema-required', '?/obs', 'kind', 'kind is missing; add it (such as Deployment or Service)'] },
  { name: 'unknown kind', mutate: (g) => { g('Namespace', 'obs').kind = 'Namespaec'; }, expect: ['schema-kind', 'Namespaec/obs', 'kind', 'unknown kind v1/Namespaec: not in Kubernetes 1.33, Argo CD or the Prometheus Operator (ServiceMonitor, PodMonitor, Probe, PrometheusRule); add it to lib/validate/declared-kinds.ts with a reason if a CRD provides it'] },
  { name: 'kind in the wrong group', mutate: (g) => { g('Role', 'web').apiVersion = 'v1'; }, expect: ['schema-kind', 'Role/obs/web', 'kind', 'Role is not a kind of v1; use apiVersion rbac.authorization.k8s.io/v1'] },
  { name: 'removed beta API', mutate: (g) => { g('CronJob', 'cleanup').apiVersion = 'batch/v1beta1'; }, expect: ['schema-kind', 'CronJob/obs/cleanup', 'apiVersion', 'CronJob batch/v1beta1 is not served by Kubernetes 1.33 (or only behind a feature gate); use apiVersion batch/v1'] },
  { name: 'string where a number belongs', mutate: (g) => { g('Deployment', 'web').spec.replicas = '2'; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.replicas', 'must be a whole number, not the string "2"'] },
  { name: 'fraction where an integer belongs', mutate: (g) => { g('Deployment', 'web').spec.replicas = 1.5; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.replicas', 'must be a whole number, not the number 1.5'] },
  { name: 'int32 out of range', mutate: (g) => { container(g).ports[0].containerPort = 2 ** 31; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.containers[0].ports[0].containerPort', '2147483648 is out of range; a 32-bit integer lies between -2147483648 and 2147483647'] },
  { name: 'enum value', mutate: (g) => { container(g).imagePullPolicy = 'Sometimes'; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.containers[0].imagePullPolicy', 'the string "Sometimes" is not allowed; use one of "Always", "IfNotPresent", "Never"'] },
  { name: 'bad quantity', mutate: (g) => { container(g).resources.requests.memory = '12XB'; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.requests.memory', 'the string "12XB" is not a Kubernetes quantity; write it like 100m, 0.5, 256Mi or 10Gi'] },
  { name: 'map where a list belongs', mutate: (g) => { g('Role', 'web').rules[0].verbs = { get: true }; }, expect: ['schema-type', 'Role/obs/web', 'rules[0].verbs', 'must be a list, not a map'] },
  { name: 'number in a list of strings', mutate: (g) => { container(g).args = ['--port', 8080]; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.containers[0].args[1]', 'must be a string, not the number 8080'] },
  { name: 'map where a list of strings belongs', mutate: (g) => { container(g).args = { port: '8080' }; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.containers[0].args', 'must be a list, not a map'] },
  { name: 'boolean in a map of strings', mutate: (g) => { g('ServiceAccount', 'web').metadata.annotations = { owner: true }; }, expect: ['schema-type', 'ServiceAccount/obs/web', 'metadata.annotations.owner', 'must be a string, not the boolean true'] },
  { name: 'list where a map of strings belongs', mutate: (g) => { g('ServiceAccount', 'web').metadata.annotations = ['owner']; }, expect: ['schema-type', 'ServiceAccount/obs/web', 'metadata.annotations', 'must be a map, not a list'] },
  { name: 'boolean as a string', mutate: (g) => { pod(g).hostNetwork = 'false'; }, expect: ['schema-type', 'Deployment/obs/web', 'spec.template.spec.hostNetwork', 'must be a boolean (true or false), not the string "false"'] },
  { name: 'missing required container name', mutate: (g) => { delete g('CronJob', 'cleanup').spec.jobTemplate.spec.template.spec.containers[0].name; }, expect: ['schema-required', 'CronJob/obs/cleanup', 'spec.jobTemplate.spec.template.spec.containers[0].name', 'required field "name" is missing; add it'] },
  { name: 'missing required roleRef', mutate: (g) => { delete g('RoleBinding', 'web').roleRef; }, expect: ['schema-required', 'RoleBinding/obs/web', 'roleRef', 'required field "roleRef" is missing; add it'] },
  { name: 'missing metadata.name', mutate: (g) => { delete g('Namespace', 'obs').metadata.name; }, expect: ['schema-required', 'Namespace/?', 'metadata.name', 'metadata.name is missing; every rendered object needs a name'] },
  { name: 'duplicate object', mutate: (g, all) => { all.push(structuredClone(g('ServiceAccount', 'web'))); }, expect: ['duplicate-object', 'ServiceAccount/obs/web', 'metadata.name', 'ServiceAccount/obs/web is also defined in test/validate/corpus/valid/app.yaml; rename one of them'] },
  // Workload policies.
  { name: 'latest tag', mutate: (g) => { container(g).image = 'registry.example.com/web:latest'; }, expect: ['image-tag', 'Deployment/obs/web', 'spec.template.spec.containers[0].image', 'image "registry.example.com/web:latest" uses the latest tag; pin a version (lib/versions.ts)'] },
  { name: 'no tag (registry port is not a tag)', mutate: (g) => { container(g).image = 'registry.example.com:5000/web'; }, expect: ['image-tag', 'Deployment/obs/web', 'spec.template.spec.containers[0].image', 'image "registry.example.com:5000/web" has no tag; pin a version (lib/versions.ts)'] },
  { name: 'no CPU request', mutate: (g) => { delete container(g).resources.requests.cpu; }, expect: ['resources', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.requests.cpu', 'CPU request is missing; set resources.requests.cpu (resources(size) in lib/k8s/workload.ts)'] },
  { name: 'no memory request', mutate: (g) => { delete container(g).resources.requests.memory; }, expect: ['resources', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.requests.memory', 'memory request is missing; set resources.requests.memory (resources(size) in lib/k8s/workload.ts)'] },
  { name: 'memory request above the limit', mutate: (g) => { container(g).resources.requests.memory = '1Gi'; container(g).resources.limits = { memory: '512Mi' }; }, expect: ['request-above-limit', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.requests.memory', 'request 1Gi is above the limit 512Mi; the API server rejects it: lower the request or raise the limit (sizes in env.ts)'] },
  { name: 'CPU request above the limit, in other units', mutate: (g) => { container(g).resources.requests.cpu = '1.5'; container(g).resources.limits = { memory: '1Gi', cpu: '1200m' }; }, expect: ['request-above-limit', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.requests.cpu', 'request 1.5 is above the limit 1200m; the API server rejects it: lower the request or raise the limit (sizes in env.ts)'] },
  { name: 'no memory limit', mutate: (g) => { delete container(g).resources.limits; }, expect: ['resources', 'Deployment/obs/web', 'spec.template.spec.containers[0].resources.limits.memory', 'memory limit is missing; set resources.limits.memory (resources(size) in lib/k8s/workload.ts)'] },
  { name: 'no readiness probe', mutate: (g) => { delete container(g).readinessProbe; }, expect: ['probes', 'Deployment/obs/web', 'spec.template.spec.containers[0].readinessProbe', 'readinessProbe is missing; add one so traffic only reaches a ready pod'] },
  { name: 'no liveness probe', mutate: (g) => { delete g('StatefulSet', 'db').spec.template.spec.containers[0].livenessProbe; }, expect: ['probes', 'StatefulSet/obs/db', 'spec.template.spec.containers[0].livenessProbe', 'livenessProbe is missing; add one so a stuck process is restarted'] },
  { name: 'runAsNonRoot unset', mutate: (g) => { delete pod(g).securityContext.runAsNonRoot; }, expect: ['run-as-non-root', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.runAsNonRoot', 'runAsNonRoot is not true; set securityContext.runAsNonRoot: true on the pod or container'] },
  { name: 'runs as root', mutate: (g) => { container(g).securityContext.runAsUser = 0; }, expect: ['run-as-non-root', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.runAsUser', 'runs as root (runAsUser: 0); use a non-zero runAsUser and runAsNonRoot: true'] },
  { name: 'writable root filesystem', mutate: (g) => { container(g).securityContext.readOnlyRootFilesystem = false; }, expect: ['read-only-root-fs', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem', 'readOnlyRootFilesystem is not true; set it and mount an emptyDir where the process writes'] },
  { name: 'privilege escalation', mutate: (g) => { delete container(g).securityContext.allowPrivilegeEscalation; }, expect: ['privilege-escalation', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', 'allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false'] },
  { name: 'capabilities kept', mutate: (g) => { container(g).securityContext.capabilities = { drop: ['NET_RAW'] }; }, expect: ['drop-capabilities', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.capabilities.drop', 'capabilities are not dropped; set securityContext.capabilities.drop: [ALL]'] },
  { name: 'no seccomp profile', mutate: (g) => { delete pod(g).securityContext.seccompProfile; }, expect: ['seccomp', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.seccompProfile.type', 'seccompProfile is not RuntimeDefault; set securityContext.seccompProfile.type: RuntimeDefault on the pod or container'] },
  { name: 'privileged container', mutate: (g) => { container(g).securityContext.privileged = true; }, expect: ['privileged', 'Deployment/obs/web', 'spec.template.spec.containers[0].securityContext.privileged', 'container is privileged; remove privileged: true and grant only the capability it needs'] },
  { name: 'hostNetwork', mutate: (g) => { pod(g).hostNetwork = true; }, expect: ['host-namespaces', 'Deployment/obs/web', 'spec.template.spec.hostNetwork', 'hostNetwork is true; remove it so the pod keeps its own namespace'] },
  { name: 'hostPID', mutate: (g) => { g('CronJob', 'cleanup').spec.jobTemplate.spec.template.spec.hostPID = true; }, expect: ['host-namespaces', 'CronJob/obs/cleanup', 'spec.jobTemplate.spec.template.spec.hostPID', 'hostPID is true; remove it so the pod keeps its own namespace'] },
  {
    name: 'writable hostPath',
    mutate: (g) => {
      pod(g).volumes.push({ name: 'logs', hostPath: { path: '/var/log' } });
      container(g).volumeMounts.push({ name: 'logs', mountPath: '/var/log' });
    },
    expect: ['writable-host-path', 'Deployment/obs/web', 'spec.template.spec.containers[0].volumeMounts[2].readOnly', 'hostPath volume "logs" is mounted writable; set readOnly: true'],
  },
  {
    name: "the node's root as a hostPath, even read-only",
    mutate: (g) => {
      pod(g).volumes.push({ name: 'root', hostPath: { path: '//' } });
      container(g).volumeMounts.push({ name: 'root', mountPath: '/host', readOnly: true });
    },
    expect: ['host-root', 'Deployment/obs/web', 'spec.template.spec.volumes[2].hostPath.path', 'hostPath volume "root" mounts the node\'s root filesystem; mount only the folders this pod reads'],
  },
  { name: 'token mounted without RBAC', mutate: (_g, all) => { all.splice(all.findIndex((o) => o.kind === 'RoleBinding'), 1); }, expect: ['automount-token', 'Deployment/obs/web', 'spec.template.spec.automountServiceAccountToken', 'pods mount an API token, but ServiceAccount "web" has no RoleBinding or ClusterRoleBinding; set automountServiceAccountToken: false'] },
  // Cluster-level policies.
  { name: 'RBAC wildcard verbs', mutate: (g) => { g('Role', 'web').rules[0].verbs = ['*']; }, expect: ['rbac-wildcard', 'Role/obs/web', 'rules[0].verbs', 'verbs contains "*"; list exactly the verbs this component needs'] },
  { name: 'RBAC wildcard non-resource URLs', mutate: (g) => { g('Role', 'web').rules.push({ nonResourceURLs: ['/*'], verbs: ['get'] }); }, expect: ['rbac-wildcard', 'Role/obs/web', 'rules[1].nonResourceURLs', 'nonResourceURLs contains a wildcard, which reaches every non-resource endpoint of the API server (/debug/pprof included); list exactly the URLs this component reads, such as /metrics'] },
  { name: 'RBAC wildcard groups', mutate: (g) => { g('Role', 'web').rules[0].apiGroups = ['*']; }, expect: ['rbac-wildcard', 'Role/obs/web', 'rules[0].apiGroups', 'apiGroups contains "*"; list exactly the apiGroups this component needs'] },
  { name: 'cluster-admin binding', mutate: (g) => { g('RoleBinding', 'web').roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }; }, expect: ['cluster-admin', 'RoleBinding/obs/web', 'roleRef.name', 'binds cluster-admin; bind a Role or ClusterRole with only the rules this component needs'] },
  { name: 'plaintext Secret', mutate: (_g, all) => { all.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-password', namespace: 'obs' }, stringData: { password: 'hunter2' } }); }, expect: ['secret-data', 'Secret/obs/web-password', 'stringData', "Secret carries stringData in Git; create it out of band (declare it in the app's externals) or through an ExternalSecret"] },
  { name: 'LoadBalancer Service', mutate: (g) => { g('Service', 'web').spec.type = 'LoadBalancer'; }, expect: ['load-balancer', 'Service/obs/web', 'spec.type', 'type LoadBalancer keeps the Argo CD app Progressing until a load balancer exists; use ClusterIP (and an Ingress/Gateway if needed)'] },
  { name: 'PVC without storage', mutate: (g) => { delete g('PersistentVolumeClaim', 'web-data').spec.resources; }, expect: ['pvc-storage', 'PersistentVolumeClaim/obs/web-data', 'spec.resources.requests.storage', "storage request is missing; set resources.requests.storage (the environment's size)"] },
  { name: 'claim template without storage', mutate: (g) => { g('StatefulSet', 'db').spec.volumeClaimTemplates[0].spec.resources.requests = {}; }, expect: ['pvc-storage', 'StatefulSet/obs/db', 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', "storage request is missing; set resources.requests.storage (the environment's size)"] },
  // References.
  { name: 'selector does not match template', mutate: (g) => { g('Deployment', 'web').spec.selector.matchLabels['app.kubernetes.io/name'] = 'webb'; }, expect: ['selector', 'Deployment/obs/web', 'spec.selector.matchLabels["app.kubernetes.io/name"]', 'selector app.kubernetes.io/name=webb does not match the pod template label (web); use selectorLabels() for both'] },
  { name: 'Service selects nothing', mutate: (g) => { g('Service', 'web').spec.selector = { 'app.kubernetes.io/name': 'wbe' }; }, expect: ['service-selector', 'Service/obs/web', 'spec.selector', "selector app.kubernetes.io/name=wbe matches no pod template in namespace obs; fix the selector or the workload's pod labels (selectorLabels())"] },
  { name: 'targetPort name not declared', mutate: (g) => { g('Service', 'web').spec.ports[0].targetPort = 'htp'; }, expect: ['service-target-port', 'Service/obs/web', 'spec.ports[0].targetPort', 'targetPort "htp" is not a container port of Deployment/web (ports: http 8080); use one of those'] },
  { name: 'targetPort number not declared', mutate: (g) => { g('Service', 'db-headless').spec.ports[0].targetPort = 5433; }, expect: ['service-target-port', 'Service/obs/db-headless', 'spec.ports[0].targetPort', 'targetPort 5433 is not a container port of StatefulSet/db (ports: sql 5432, gossip 7946); use one of those'] },
  { name: 'missing ServiceAccount', mutate: (g) => { pod(g).serviceAccountName = 'webb'; }, expect: ['missing-reference', 'Deployment/obs/web', 'spec.template.spec.serviceAccountName', 'ServiceAccount "webb" does not exist in namespace obs; render it or fix the name'] },
  { name: 'missing ConfigMap', mutate: (g) => { pod(g).volumes[0].configMap.name = 'web-conf'; }, expect: ['missing-reference', 'Deployment/obs/web', 'spec.template.spec.volumes[0].configMap.name', 'ConfigMap "web-conf" does not exist in namespace obs; render it or fix the name'] },
  { name: 'missing Secret', mutate: (g) => { container(g).env[1].valueFrom.secretKeyRef.name = 's3-creds'; }, expect: ['missing-reference', 'Deployment/obs/web', 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name', "Secret \"s3-creds\" does not exist in namespace obs; render it as an ExternalSecret or declare it in the app's externals().secrets"] },
  { name: 'missing PVC', mutate: (g) => { pod(g).volumes[1].persistentVolumeClaim.claimName = 'web-dat'; }, expect: ['missing-reference', 'Deployment/obs/web', 'spec.template.spec.volumes[1].persistentVolumeClaim.claimName', 'PersistentVolumeClaim "web-dat" does not exist in namespace obs; render it or use a StatefulSet volumeClaimTemplate'] },
  { name: 'missing Role', mutate: (g) => { g('RoleBinding', 'web').roleRef.name = 'web-reader'; }, expect: ['missing-reference', 'RoleBinding/obs/web', 'roleRef.name', 'Role "web-reader" does not exist in namespace obs; render it or fix roleRef'] },
  { name: 'missing subject', mutate: (g) => { g('RoleBinding', 'web').subjects.push({ kind: 'ServiceAccount', name: 'agent', namespace: 'obs' }); }, expect: ['missing-reference', 'RoleBinding/obs/web', 'subjects[1].name', 'ServiceAccount "agent" does not exist in namespace obs; render it or fix the subject'] },
  { name: 'missing AppProject', mutate: (g) => { g('ApplicationSet', 'obs').spec.template.spec.project = 'observability'; }, expect: ['missing-reference', 'ApplicationSet/argocd/obs', 'spec.template.spec.project', 'AppProject "observability" does not exist in namespace argocd; render it or fix the project'] },
  { name: 'config endpoint on a wrong port', mutate: (g) => { g('ConfigMap', 'web-config').data['config.yaml'] = 'upstream: http://web.obs.svc.cluster.local:8080/api\n'; }, expect: ['endpoint', 'ConfigMap/obs/web-config', 'data["config.yaml"]', 'web.obs.svc.cluster.local:8080 (data["config.yaml"] line 1): Service obs/web has no port 8080 (it has http 80); use a port from lib/endpoints.ts'] },
  { name: 'config URL whose scheme port is wrong', mutate: (g) => { g('ConfigMap', 'web-config').data['config.yaml'] = 'x: 1\nurl: https://web.obs.svc/api\n'; }, expect: ['endpoint', 'ConfigMap/obs/web-config', 'data["config.yaml"]', 'web.obs.svc:443 (data["config.yaml"] line 2): Service obs/web has no port 443 (it has http 80); use a port from lib/endpoints.ts'] },
  { name: 'config endpoint to a Service not rendered', mutate: (g) => { g('ConfigMap', 'web-config').data['config.yaml'] = 'endpoint: minio.obs.svc.cluster.local:9000\n'; }, expect: ['endpoint', 'ConfigMap/obs/web-config', 'data["config.yaml"]', 'minio.obs.svc.cluster.local:9000 (data["config.yaml"] line 1) names Service "minio" in namespace "obs", which this environment does not render; fix the host (lib/endpoints.ts) or declare it in the app\'s externals().endpoints'] },
  { name: 'SRV lookup of a port name the Service lacks', mutate: (g) => { g('ConfigMap', 'db-peers').data['peers.json'] = '["dnssrv+_grpc._tcp.db-headless.obs.svc.cluster.local"]'; }, expect: ['endpoint', 'ConfigMap/obs/db-peers', 'data["peers.json"]', 'Service obs/db-headless has ports sql 5432, gossip 7946; use one of those names'.replace(/^/, '_grpc._tcp.db-headless.obs.svc.cluster.local (data["peers.json"] line 1) asks for port name "grpc", but ')] },
  // Opt-outs.
  { name: 'opt-out without a reason', mutate: (g) => { g('Deployment', 'web').metadata.annotations = { 'lgtm.dev/skip-probes': ' ' }; }, expect: ['opt-out', 'Deployment/obs/web', 'metadata.annotations["lgtm.dev/skip-probes"]', 'skipping "probes" needs a written reason; set the annotation\'s value to why the check does not apply'] },
  { name: 'opt-out of an unknown check', mutate: (g) => { g('Deployment', 'web').metadata.annotations = { 'lgtm.dev/skip-probe': 'batch' }; }, expect: ['opt-out', 'Deployment/obs/web', 'metadata.annotations["lgtm.dev/skip-probe"]', '"probe" is not a check id; use one listed by lgtm validate --help'] },
  { name: 'opt-out of a schema check', mutate: (g) => { g('Deployment', 'web').metadata.annotations = { 'lgtm.dev/skip-schema-unknown-field': 'because' }; }, expect: ['opt-out', 'Deployment/obs/web', 'metadata.annotations["lgtm.dev/skip-schema-unknown-field"]', 'check "schema-unknown-field" cannot be skipped; fix the object instead'] },
];

function run(c: Case) {
  const objects = corpus.objects.map((s) => ({ object: structuredClone(s.object) as KubeObject, file: s.file }));
  const all = objects.map((s) => s.object) as Obj[];
  const get = (kind: string, name: string): Obj => {
    const o = all.find((x) => x.kind === kind && x.metadata?.name === name);
    if (!o) throw new Error(`corpus has no ${kind} ${name}`);
    return o;
  };
  const before = all.length;
  c.mutate(get, all);
  for (let i = before; i < all.length; i++) objects.push({ object: all[i] as KubeObject, file: 'test/validate/corpus/valid/app.yaml' });
  const kept = objects.filter((s) => all.includes(s.object as Obj));
  return validateObjects(kept, externals);
}

describe('lgtm validate: bad inputs', () => {
  test('the table has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  test('the valid corpus passes clean', () => {
    expect(corpus.findings).toEqual([]);
    expect(validateObjects(corpus.objects, externals)).toEqual([]);
  });

  test.each(cases)('$name', (c) => {
    const findings = run(c).map((f) => [f.check, f.object, f.path, f.message]);
    expect(findings).toEqual([c.expect]);
  });
});

test('a plaintext Secret cannot be waived: "trust me" is an opt-out error and the Secret is still one', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-password', namespace: 'obs', annotations: { 'lgtm.dev/skip-secret-data': 'trust me' } }, stringData: { password: 'hunter2' } } as KubeObject;
  const findings = validateObjects([{ object: secret, file: 'x.yaml' }], externals);
  expect(findings.map((f) => [f.check, f.path, f.message])).toEqual([
    ['opt-out', 'metadata.annotations["lgtm.dev/skip-secret-data"]', "a plaintext Secret cannot be waived with an annotation (anyone who can read the repository reads it); create the Secret out of band and declare it in the app's externals()"],
    ['secret-data', 'stringData', "Secret carries stringData in Git; create it out of band (declare it in the app's externals) or through an ExternalSecret"],
  ]);
});

describe('lgtm validate: YAML input', () => {
  test('duplicate keys are rejected with their line', () => {
    const { findings } = parseManifests('x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    expect(findings).toEqual([{ severity: 'error', check: 'yaml', file: 'x.yaml', line: 5, path: '', object: '', message: 'duplicate key "name": YAML maps must have unique keys (kubectl rejects the file); remove one' }]);
  });

  test('an alias bomb is one finding, not an exhausted process', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)];
    const { findings, objects } = parseManifests('bomb.yaml', `${levels.join('\n')}\n`);
    expect(objects).toEqual([]);
    expect(findings.map((f) => [f.check, f.line, f.message])).toEqual([['yaml', 1, 'its aliases expand beyond 100 references (a YAML alias bomb); write the values out']]);
  });

  test('an alias to an anchor of another document is a finding naming the document', () => {
    const { findings } = parseManifests('x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: *n}\n');
    expect(findings.map((f) => [f.check, f.line, f.message])).toEqual([['yaml', 5, 'Unresolved alias (the anchor must be set before the alias): n; an alias must point to an anchor earlier in the same document']]);
  });

  test('syntax errors are rejected with their line', () => {
    const { findings } = parseManifests('x.yaml', 'a: 1\n---\nb: c: d\n');
    expect(findings.map((f) => [f.check, f.line])).toEqual([['yaml', 3]]);
  });

  test('a syntax error reads as one sentence with its column, without yaml\'s excerpt', () => {
    const { findings } = parseManifests('x.yaml', 'a: 1\nb: c: d\n');
    expect(findings.map((f) => [f.line, f.message])).toEqual([[2, 'Nested mappings are not allowed in compact mappings (column 4); fix the YAML syntax']]);
  });

  test('YAML 1.1 booleans are read as kubectl reads them', () => {
    const { objects } = parseManifests('x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: yes\n');
    expect((objects[0]!.object as Obj).spec.hostNetwork).toBe(true);
  });
});
