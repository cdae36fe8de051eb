import type { Host, Taint } from './host';

/**
 * The taints a host carries as a node of its cluster: the inventory's own, and the ones the cluster's
 * distribution puts on control-plane nodes (`controlPlaneTaints`). Pure.
 *
 * When every host is a control-plane node, or this one lists the role worker too, the distribution's taint is
 * left out: the distribution reports once that nothing would be scheduled there, rather than every workload
 * placed there reporting it again.
 */
export function nodeTaints(host: Host<any, any>, clusterHosts: readonly Host<any, any>[], controlPlaneTaints: readonly Taint[]): readonly Taint[] {
  if (controlPlaneTaints.length === 0 || !host.roles.includes('control-plane') || host.roles.includes('worker')
    || clusterHosts.every((h) => h.roles.includes('control-plane'))) {
    return host.taints;
  }
  const own = new Set(host.taints.map((t) => `${t.key}:${t.effect}`));
  return [...host.taints, ...controlPlaneTaints.filter((t) => !own.has(`${t.key}:${t.effect}`))];
}
