import type { IConstruct } from 'constructs';
import type { Arch, Host } from '../inventory/host';
import { workloadRoleLabel } from '../inventory/node-labels';
import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';

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
  if (!Array.isArray(clusterHosts) || !clusterHosts.every(isHostLike)) {
    // The cluster itself (rolePlacement(this, …)) or a host's name: its hosts are what the role is looked up in.
    const given = clusterHosts as unknown;
    const ofCluster = Array.isArray((given as { hosts?: unknown } | null)?.hosts);
    return misusedPlacement(`rolePlacement() was given ${describeValue(given)} where it takes a list of the cluster's hosts`,
      `pass the hosts: rolePlacement(${ofCluster ? 'cluster.hosts' : '[host1, host2]'}, '${typeof role === 'string' ? role : 'monitoring'}')`);
  }
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
  if (!isHostLike(host)) {
    return misusedPlacement(`hostPlacement() was given ${describeValue(host)}, not a host of the inventory`,
      `pass the host object the inventory declares: hostPlacement(${typeof host === 'string' && /^[a-z_$][\w$]*$/i.test(host) ? host : 'host'})`);
  }
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

/** Whether `value` has what a placement reads of a host: its node name and taints. */
export function isHostLike(value: unknown): value is Host<any, any> {
  const host = value as Partial<Host<any, any>> | null | undefined;
  return typeof host === 'object' && host !== null && typeof host.nodeName === 'string' && Array.isArray(host.taints) && Array.isArray(host.workloadRoles);
}

/** Nothing when `host` is a host of the inventory, else the input error of the method `call` of `scope` that was given it. */
export function requiredHost(host: unknown, call: string, scope: IConstruct): asserts host is Host<any, any> {
  if (!isHostLike(host)) {
    throw new InputError(`${call}() was given ${describeValue(host)} for host, not a host of the inventory`, `${call}.host`, 'give it a host of the inventory, e.g. one of the cluster\'s hosts', scope);
  }
}

/** The placements made from arguments that are no hosts, with what was wrong: they place nothing, and the option that takes one says why. */
const MISUSED_PLACEMENTS = new WeakMap<RolePlacement, { readonly message: string; readonly hint: string }>();

/** A placement of no host, marked with `message` and `hint`: the factories never throw on what plain JavaScript hands them. */
function misusedPlacement(message: string, hint: string): RolePlacement {
  const placement: RolePlacement = { nodeSelector: {}, tolerations: [], hosts: [] };
  MISUSED_PLACEMENTS.set(placement, { message, hint });
  return placement;
}

/**
 * What was wrong with the arguments of the `rolePlacement()` or `hostPlacement()` call that made `value`
 * (a host's name where the host belongs), or undefined for any other value. Pure.
 */
export function placementCallProblem(value: unknown): { readonly message: string; readonly hint: string } | undefined {
  return typeof value === 'object' && value !== null ? MISUSED_PLACEMENTS.get(value as RolePlacement) : undefined;
}

/** Whether a value has the shape of a placement ({@link rolePlacement}, {@link hostPlacement}), for props the type checker does not see. */
export function isRolePlacement(value: unknown): value is RolePlacement {
  const placement = value as Partial<RolePlacement> | null;
  return typeof placement === 'object' && placement !== null && placementCallProblem(placement) === undefined
    && typeof placement.nodeSelector === 'object' && placement.nodeSelector !== null
    && Array.isArray(placement.tolerations) && Array.isArray(placement.hosts);
}
