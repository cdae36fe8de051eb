import type { SynthesizedCluster } from '../synth/collect';
import { apiServerOidcOf, oidcUserName } from '../platform/talos-oidc';
import { tenantGroups } from '../platform/tenant-namespaces';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { holdsEveryone, systemGroupMembers } from './rbac-groups';
import { renderedFor } from './rendered-for';

const layer = 'policy' as const;

/** The built-in roles that read or write what a namespace holds; a tenant's group gets them in its own namespace alone. */
const NAMESPACE_CONTENT_ROLES: ReadonlySet<string> = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/**
 * Who a RoleBinding or ClusterRoleBinding gives its role to, where that reaches further than it reads: a group
 * that holds everyone of a kind (`system:authenticated` is every ServiceAccount too), bound to a role other than
 * Kubernetes' own `system:` roles; a Tenant's OIDC group bound cluster-wide to a built-in role that reads or
 * writes what namespaces hold, which reaches the other tenants' namespaces and the platform's; and a
 * ServiceAccount of a Tenant's namespace bound cluster-wide, which the tenant's people, who may edit the
 * namespace, can run a pod as, and so hold its cluster-wide rules themselves.
 */
export function checkBindingSubjects(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const tenants = tenantGroups(cluster.chart);
  const tenantNamespaces = new Set(tenants.values());
  const sources = renderedFor(cluster);
  const oidc = apiServerOidcOf(cluster.chart);
  for (const object of cluster.objects) {
    const kind = object.manifest.kind;
    if ((kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') || object.manifest.apiVersion !== 'rbac.authorization.k8s.io/v1') {
      continue;
    }
    const role = text(fields(object.manifest.roleRef).name) ?? '';
    const where = kind === 'ClusterRoleBinding' ? 'in every namespace' : `in namespace "${namespaceOf(object)}"`;
    list(object.manifest.subjects).forEach((subject, i) => {
      const account = subject.kind === 'ServiceAccount' ? text(subject.name) : undefined;
      const accountNamespace = text(subject.namespace) ?? namespaceOf(object);
      if (account !== undefined && kind === 'ClusterRoleBinding' && tenantNamespaces.has(accountNamespace)) {
        const groups = [...tenants].filter(([, namespace]) => namespace === accountNamespace).map(([group]) => `"${group}"`);
        const source = sources.get(object.constructPath);
        const problem = {
          layer, severity: 'error' as const,
          message: `ServiceAccount ${accountNamespace}/${account} is of tenant namespace "${accountNamespace}", whose people (${groups.join(', ')}) may edit it and so run a pod as the ServiceAccount: `
            + `they would hold ClusterRole "${role}" in every namespace, the other tenants' and the platform's among them`,
          hint: `keep the tenant's workloads to rules of their own namespace (serviceAccount.rules, a Role there), or run what needs cluster-wide rights in a namespace of the owner's`,
        };
        findings.push(source !== undefined ? { ...problem, constructPath: source.at, field: source.field } : objectFinding(object, { ...problem, field: `subjects[${i}]` }));
        return;
      }
      const user = subject.kind === 'User' ? text(subject.name) : undefined;
      if (user !== undefined && oidc !== undefined && !user.startsWith('system:') && oidcUserName(oidc, user) !== user && !user.startsWith(oidcUserName(oidc, ''))) {
        findings.push(objectFinding(object, {
          layer, severity: 'error', field: `subjects[${i}].name`,
          message: `user "${user}" is bound ${where}, but the API server names a person who logs in through the issuer by claim ${oidc.oidc.usernameClaim ?? 'sub'} `
            + `after a prefix (${oidc.field}): "${oidcUserName(oidc, user)}", so the binding reaches nobody who logs in through it`,
          hint: `bind the name the API server gives: name: '${oidcUserName(oidc, user)}'; or bind a group the issuer sends, which needs no prefix`,
        }));
        return;
      }
      const group = subject.kind === 'Group' ? text(subject.name) : undefined;
      if (group === undefined) {
        return;
      }
      if (holdsEveryone(group) && !role.startsWith('system:')) {
        findings.push(objectFinding(object, {
          layer, severity: 'error', field: `subjects[${i}].name`,
          message: `group "${group}" holds ${systemGroupMembers(group)}: the binding gives all of them ${role === '' ? 'its role' : `role "${role}"`} ${where}`,
          hint: kind === 'RoleBinding'
            ? `bind the ServiceAccount that needs it ({ kind: 'ServiceAccount', name: '<name>', namespace: '${namespaceOf(object)}' }) or the group of the people who do`
            : "bind the ServiceAccount that needs it ({ kind: 'ServiceAccount', name: '<name>', namespace: '<namespace>' }) or the group of the people who do",
        }));
        return;
      }
      const tenant = tenants.get(group);
      if (oidc !== undefined && oidc.oidc.groupsClaim === undefined && !group.startsWith('system:')) {
        // A Tenant's own binding is told on the Tenant, whose oidcGroups the user wrote.
        const ownTenant = tenant === namespaceOf(object) && text(fields(object.manifest.metadata).name)?.startsWith('oidc-edit-') === true;
        const problem = {
          layer, severity: 'error' as const,
          message: `group "${group}" is bound ${where}, but the API server's OpenID Connect settings (${oidc.field}) name no groupsClaim: `
            + "its ID tokens give a user no groups, so the binding reaches nobody who logs in through the issuer",
          hint: `name the claim the issuer lists the user's groups in: ${oidc.groupsClaimWritten} (Keycloak, Authelia, Authentik, Pocket ID and Kanidm call it groups, once the client's scope asks for it)`,
        };
        findings.push(ownTenant
          ? { ...problem, constructPath: object.constructPath.replace(/\/[^/]+$/, ''), field: 'oidcGroups' }
          : objectFinding(object, { ...problem, field: `subjects[${i}].name` }));
        return;
      }
      if (tenant !== undefined && kind === 'ClusterRoleBinding' && NAMESPACE_CONTENT_ROLES.has(role)) {
        findings.push(objectFinding(object, {
          layer, severity: 'error', field: `subjects[${i}].name`,
          message: `group "${group}" is the tenant of namespace "${tenant}" (its oidcGroups); the ClusterRoleBinding gives it ClusterRole "${role}" in every namespace, the other tenants' and the platform's among them`,
          hint: `give the tenant's people their rights in namespace "${tenant}" alone: the Tenant's oidcGroups bind edit there, or a RoleBinding of namespace "${tenant}" binds ${role}`,
        }));
      }
    });
  }
  return findings;
}
