import { ciliumPoliciesWithoutCilium } from '../platform/network-policy';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';

/** The kinds of the policies the library writes, whichever API the cluster's CNI takes. */
const POLICY_KINDS = new Set(['networking.k8s.io/v1 NetworkPolicy', 'cilium.io/v2 CiliumNetworkPolicy']);

/**
 * One warning per cluster that writes NetworkPolicies its pod network does not enforce (Talos' built-in
 * Flannel, K3s with `--disable-network-policy`): every app's default deny would be silently absent. The
 * owner's `unenforcedNetworkPolicies` reason silences it; a network the library cannot judge is left to
 * the README, which says so.
 */
export function checkPolicyEnforcement(cluster: SynthesizedCluster): Finding[] {
  const enforcement = cluster.chart.policyEnforcement;
  if (enforcement === undefined || enforcement.enforced !== false || enforcement.accepted !== undefined) {
    return [];
  }
  // CiliumNetworkPolicies without Cilium are already an error on `networkPolicy`: one mistake, one finding.
  if (ciliumPoliciesWithoutCilium(cluster.chart)) {
    return [];
  }
  const policies = cluster.objects.filter((o) => POLICY_KINDS.has(`${o.manifest.apiVersion} ${o.manifest.kind}`)).length;
  if (policies === 0) {
    return [];
  }
  return [{
    layer: 'policy', severity: 'warning', constructPath: cluster.chart.node.path, field: enforcement.field,
    message: `cluster "${cluster.chart.clusterName}" writes ${policies} NetworkPolicies, and its pod network (${enforcement.network}) enforces none: `
      + 'every pod may reach every other, whatever the policies say',
    hint: `${enforcement.change}; or, to run without them, say why with the cluster's unenforcedNetworkPolicies: '…' (written into its README)`,
  }];
}
