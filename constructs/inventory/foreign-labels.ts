import { workloadRoleLabel } from './node-labels';

// The node labels the library knows are the ones the inventory derives (host name, arch, roles, workload roles) and
// the distribution sets; a label another tool writes on the nodes at run time (node-feature-discovery's
// `feature.node.kubernetes.io/…`) is known to no host, so a pod that asks for it is answered with a workload role.

/** A workload role named after node label `key` (its last segment, in small letters), for hints. Pure. */
export function roleFromLabel(key: string): string {
  return key.replace(/^.*\//, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'zigbee';
}

/** How to select by a workload role the hosts a label of another tool was meant to pick. Pure. */
export function foreignLabelHint(key: string, how: (role: string) => string): string {
  const role = roleFromLabel(key);
  return `a workload role is a name of the inventory's own, which the host carries as the node label ${workloadRoleLabel('<role>')}=true; `
    + `a node label another tool sets (node-feature-discovery's feature.node.kubernetes.io/…) is not read: give the hosts meant a role, `
    + `workloadRoles: ['${role}'], and ${how(role)}`;
}
