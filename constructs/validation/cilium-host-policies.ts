import type { CiliumOptions } from '../platform/components/cilium';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { indexOf } from './object-index';
import { objectFinding } from './manifest';
import { policyRules } from './cilium-rules';

/**
 * Cilium policies that select nodes (`nodeSelector`: host policies, as Cilium's host firewall guide writes them to
 * limit what reaches the nodes) in a cluster whose `cilium()` leaves the host firewall off: the agent loads them and
 * applies none to any node, so the nodes stay open while the policy reads as if it held. One error on each
 * `nodeSelector`. A Cilium the cluster does not install (preinstalled) is not judged.
 */
export function checkCiliumHostPolicies(cluster: SynthesizedCluster): Finding[] {
  const cni = cluster.chart.cni;
  if (cni?.name !== 'cilium' || !('options' in cni) || (cni.options as CiliumOptions).hostFirewall === true) {
    return [];
  }
  return indexOf(cluster.objects).of('CiliumClusterwideNetworkPolicy', 'CiliumNetworkPolicy').flatMap((policy) => policyRules(policy)
    .filter(([rule]) => rule.nodeSelector !== undefined)
    .map(([, path]) => objectFinding(policy, {
      layer: 'policy', severity: 'error', field: `${path}.nodeSelector`,
      message: "selects nodes (a host policy), which Cilium enforces only with its host firewall on, and the cluster's cilium() leaves it off: "
        + 'the policy limits nothing that reaches or leaves the nodes',
      hint: 'turn the host firewall on with cilium({ hostFirewall: true }), once the policy admits what the nodes need (the API server, the kubelet, SSH), '
        + 'as a host policy denies a node everything else; or delete the policy',
    })));
}
