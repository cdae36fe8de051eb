/**
 * The node label that sets a host aside for a workload role: `role.homelab.dev/<role>=true`. One key per
 * role, because a node carries one value per key and a host may serve several roles (monitoring and
 * CI/CD on one small worker); `role=monitoring` and `role=ci-cd` could not both be on it.
 */
export function workloadRoleLabel(role: string): string {
  return `role.homelab.dev/${role}`;
}
