import type { Host } from '../inventory/host';
import type { Preinstalled } from './component';

// kubeadm taints every control-plane node it makes (`node-role.kubernetes.io/control-plane:NoSchedule`, its
// "control plane node isolation"), so a mini PC that the inventory makes a control plane and a worker runs none of
// the cluster's pods until the owner removes the taint, as kubeadm's guide says for a cluster that schedules there.

/** The taint kubeadm puts on the control-plane nodes it makes. */
export const KUBEADM_CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane:NoSchedule';

/** The step that removes it from the hosts that are workers too. */
export interface UntaintStep {
  /** What the owner does, naming the nodes. */
  readonly action: string;
  /** The command. */
  readonly command: string;
}

/**
 * The step that takes kubeadm's taint off the hosts with the roles control-plane and worker, when the cluster's
 * distribution is declared as `kubeadm` and its declaration states no `controlPlaneTaints` of its own (an owner who
 * keeps or removed the taint says so there). Pure.
 */
export function kubeadmUntaintStep(declared: readonly Preinstalled[], hosts: readonly Host<any, any>[]): UntaintStep | undefined {
  const distribution = declared.find((p) => typeof p.distribution === 'string');
  if (distribution?.distribution?.trim().toLowerCase() !== 'kubeadm' || distribution.controlPlaneTaints !== undefined) {
    return undefined;
  }
  const both = hosts.filter((h) => h.roles.includes('control-plane') && h.roles.includes('worker')).map((h) => h.nodeName);
  return both.length === 0 ? undefined : {
    action: `remove the taint kubeadm puts on control-plane node${both.length === 1 ? '' : 's'} ${both.join(', ')} (${KUBEADM_CONTROL_PLANE_TAINT}) once `
      + `${both.length === 1 ? 'it joins' : 'they join'}: the inventory runs workloads there, and no pod of the cluster would be scheduled on a tainted one`,
    command: `kubectl taint nodes ${both.join(' ')} ${KUBEADM_CONTROL_PLANE_TAINT}-`,
  };
}
