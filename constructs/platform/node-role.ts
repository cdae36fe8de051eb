import type { Arch, Host } from '../inventory/host';
import { workloadRoleLabel } from '../inventory/node-labels';

export { workloadRoleLabel };

/** Where a chart's pods go: a nodeSelector on a workload role (and an architecture), with the hosts' taints tolerated. */
export interface RolePlacement {
  /** Node selector for the chart's values. */
  readonly nodeSelector: Record<string, string>;
  /** Tolerations of the taints of the hosts with the role. */
  readonly tolerations: Array<Record<string, string>>;
  /** Hosts that carry the role (and architecture). */
  readonly hosts: Host<any, any>[];
}

/**
 * The nodeSelector that keeps a component's pods on the hosts set aside for `role`, from the inventory.
 * Pure: the caller reports when `hosts` is empty.
 */
export function rolePlacement(clusterHosts: readonly Host<any, any>[], role: string, arch?: Arch): RolePlacement {
  const hosts = clusterHosts.filter((h) => h.workloadRoles.includes(role) && (!arch || h.arch === arch));
  return {
    nodeSelector: { [workloadRoleLabel(role)]: 'true', ...(arch ? { 'kubernetes.io/arch': arch } : {}) },
    tolerations: tolerationsOf(hosts),
    hosts,
  };
}

/** The `kubectl label` command the owner runs once per host that has workload roles. */
export function roleLabelCommand(host: Host<any, any>): string {
  return `kubectl label node ${host.nodeName} ${host.workloadRoles.map((r) => `${workloadRoleLabel(r)}=true`).join(' ')}`;
}

/** Where a chart's pods go to stay on one host: its `kubernetes.io/hostname`, with its taints tolerated. */
export function hostPlacement(host: Host<any, any>): RolePlacement {
  return {
    nodeSelector: { 'kubernetes.io/hostname': host.nodeName },
    tolerations: tolerationsOf([host]),
    hosts: [host],
  };
}

/** Tolerations of every taint of the hosts, each once. */
function tolerationsOf(hosts: readonly Host<any, any>[]): Array<Record<string, string>> {
  return [...new Map(hosts.flatMap((h) => h.taints).map((t) => [`${t.key}:${t.effect}`, t])).values()]
    .map((t) => ({ key: t.key, operator: t.value === undefined ? 'Exists' : 'Equal', ...(t.value === undefined ? {} : { value: t.value }), effect: t.effect }));
}

/** Whether a value has the shape of a placement ({@link rolePlacement}, {@link hostPlacement}), for props the type checker does not see. */
export function isRolePlacement(value: unknown): value is RolePlacement {
  const placement = value as Partial<RolePlacement> | null;
  return typeof placement === 'object' && placement !== null && typeof placement.nodeSelector === 'object' && placement.nodeSelector !== null
    && Array.isArray(placement.tolerations) && Array.isArray(placement.hosts);
}
