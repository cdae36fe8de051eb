import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { type Fields, fields, list, objectFinding, stringMap, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { policyRules } from './cilium-rules';
import { policiesOverShownPods, selectorHint } from './idle-network-policies';
import { withoutLabelSource } from './namespace-policies';

/**
 * Whether an endpoint selector names only labels a pod template carries: none of Cilium's own (`io.kubernetes.pod.namespace`,
 * `io.cilium.k8s.policy.serviceaccount`, a namespace's labels) nor one of another source (`reserved:host`), which the
 * pod's labels do not show. An empty selector, which selects every pod, is not judged either. Pure.
 */
function namesPodLabelsOnly(selector: Fields): boolean {
  const keys = [...Object.keys(stringMap(selector.matchLabels)), ...list(selector.matchExpressions).map((e) => text(e.key) ?? '')];
  return keys.length > 0 && keys.every((key) => !key.includes(':') && !key.startsWith('io.kubernetes.pod.') && !key.startsWith('io.cilium.'));
}

/**
 * Hand-written CiliumNetworkPolicies whose `endpointSelector` (of `spec` or one of `specs`) selects no pod of a
 * namespace whose pods the output all shows: one written with the labels a guide or a Helm chart gives (`app: postgres`)
 * beside an App, whose pods carry `app.kubernetes.io/name`, governs nothing, so what it lets in stays refused by the
 * App's own policy (and what it was to limit stays open). One error on the selector, as for a NetworkPolicy's `podSelector`.
 */
export function idleCiliumPolicies(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, namespace, templates, selectsNone } of policiesOverShownPods(cluster, index, 'CiliumNetworkPolicy')) {
    for (const [rule, path] of policyRules(policy)) {
      const selector = rule.endpointSelector === undefined ? undefined : withoutLabelSource(fields(rule.endpointSelector));
      if (selector === undefined || !namesPodLabelsOnly(selector) || !selectsNone(selector)) {
        continue;
      }
      findings.push(objectFinding(policy, {
        layer: 'policy', severity: 'error', field: `${path}.endpointSelector`,
        message: `selects no pod of namespace "${namespace}" (${JSON.stringify(rule.endpointSelector)}), so it governs nothing: the traffic it lets in stays refused, and what it limits stays open`,
        hint: `${selectorHint(templates)}, or delete the policy if its app is gone`,
      }));
    }
  }
  return findings;
}
