// RBAC policies: no wildcards, no cluster-admin.
import { isMap, listOf, type ObjectCheck } from '../report';

export const rbacPolicies: ObjectCheck = (object, report) => {
  if (object.kind === 'Role' || object.kind === 'ClusterRole') {
    const rules = listOf(object.rules);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!isMap(rule)) continue;
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        if (listOf(rule[field]).includes('*')) report('rbac-wildcard', ['rules', i, field], `${field} contains "*"; list exactly the ${field} this component needs`);
      }
      // Non-resource URLs (/metrics, /healthz, /debug/pprof, …): "*" or "/*" reaches all of them.
      const urls = listOf(rule.nonResourceURLs);
      if (urls.includes('*') || urls.includes('/*')) report('rbac-wildcard', ['rules', i, 'nonResourceURLs'], 'nonResourceURLs contains a wildcard, which reaches every non-resource endpoint of the API server (/debug/pprof included); list exactly the URLs this component reads, such as /metrics');
    }
  } else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
    const roleRef = isMap(object.roleRef) ? object.roleRef : {};
    if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
      report('cluster-admin', ['roleRef', 'name'], 'binds cluster-admin; bind a Role or ClusterRole with only the rules this component needs');
    }
  }
};
