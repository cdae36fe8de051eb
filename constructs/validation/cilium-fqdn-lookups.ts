import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { policyRules } from './cilium-rules';
import { ciliumClusterDnsRule } from './cluster-dns-egress';
import { CILIUM_NAMESPACE_LABEL } from './policy-admission';
import type { Finding } from './finding';
import { type Fields, fields, labelSelectorMatches, list, namespaceOf, objectFinding, text } from './manifest';
import { withoutLabelSource } from './namespace-policies';
import type { ObjectIndex } from './object-index';
import { podTemplateIndexIn } from './pod-spec';
import { podsShownIn } from './shown-pods';

// Cilium allows a `toFQDNs` name only at the addresses its DNS proxy saw answered to the pod's lookups, and the
// proxy sees a pod's lookups only where a policy over that pod has an egress rule on port 53 with layer-7 DNS
// rules (`rules.dns`): the interception is a rule of its own, which the FQDN rule does not bring
// (docs.cilium.io, "DNS Proxy"). Without it the name never gains an address and every connection is dropped.

const CILIUM_POLICY_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

/** A rule of a Cilium policy that sends the lookups of the pods it selects through the DNS proxy. */
interface ProxiedLookups {
  /** The policy's namespace; undefined for a clusterwide policy. */
  readonly namespace: string | undefined;
  /** Its endpoint selector, without Cilium's label sources. */
  readonly selector: Fields;
}

/** Whether a port rule takes port 53 to the DNS proxy: DNS rules on a port list that holds 53. Pure. */
function proxiesLookups(portRule: Fields): boolean {
  const dns = fields(portRule.rules).dns;
  return Array.isArray(dns) && dns.length > 0 && list(portRule.ports).some((port) => String(port.port) === '53');
}

/** The rules of the cluster's Cilium policies that send their pods' lookups through the DNS proxy. Pure. */
function proxiedLookups(policies: readonly SynthesizedObject[]): ProxiedLookups[] {
  return policies.flatMap((policy) => policyRules(policy)
    .filter(([rule]) => rule.endpointSelector !== undefined && list(rule.egress).some((entry) => list(entry.toPorts).some(proxiesLookups)))
    .map(([rule]) => ({
      namespace: text(policy.manifest.kind) === 'CiliumNetworkPolicy' ? namespaceOf(policy) : undefined,
      selector: withoutLabelSource(fields(rule.endpointSelector)),
    })));
}

/**
 * Whether the pods a rule of `namespace` selects have their lookups proxied: each pod the output shows there is
 * selected by a proxying rule of its namespace or a clusterwide one; where the output shows none of its pods (a
 * chart's, a clusterwide rule's), any proxying rule of the namespace or the cluster counts, as it may cover them.
 */
function lookupsProxied(cluster: SynthesizedCluster, shown: (namespace: string) => boolean, namespace: string | undefined, selector: Fields, proxied: readonly ProxiedLookups[]): boolean {
  const near = proxied.filter((rule) => rule.namespace === undefined || namespace === undefined || rule.namespace === namespace);
  const pods = namespace !== undefined && shown(namespace) ? podTemplateIndexIn(cluster.objects, namespace).selectedBy(selector) : [];
  if (pods.length === 0) {
    return near.length > 0;
  }
  return pods.every((pod) => near.some((rule) => labelSelectorMatches(rule.selector, { ...pod.labels, [CILIUM_NAMESPACE_LABEL]: namespace! })));
}

/**
 * Cilium policies whose egress allows names (`toFQDNs`) to pods whose lookups no Cilium policy sends through the
 * DNS proxy: one error on each such rule's `toFQDNs`, whose hint writes the DNS rule beside it. Linear in the
 * policies and the pods they select.
 */
export function fqdnRulesWithoutDnsProxy(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const policies = index.of(...CILIUM_POLICY_KINDS);
  const withNames = policies.flatMap((policy) => policyRules(policy).flatMap(([rule, path]) => list(rule.egress)
    .map((entry, i) => ({ policy, rule, field: `${path}.egress[${i}].toFQDNs`, names: list(entry.toFQDNs) }))
    .filter((found) => found.names.length > 0 && found.rule.endpointSelector !== undefined)));
  if (withNames.length === 0) {
    return [];
  }
  const proxied = proxiedLookups(policies);
  const shown = podsShownIn(cluster);
  return withNames
    .filter(({ policy, rule }) => !lookupsProxied(cluster, shown, text(policy.manifest.kind) === 'CiliumNetworkPolicy' ? namespaceOf(policy) : undefined,
      withoutLabelSource(fields(rule.endpointSelector)), proxied))
    .map(({ policy, field, names }) => objectFinding(policy, {
      layer: 'policy', severity: 'error', field,
      message: `allows ${names.map((name) => text(name.matchName) ?? text(name.matchPattern) ?? '?').join(', ')} by name, but no Cilium policy over its pods `
        + 'sends their lookups through the DNS proxy (an egress rule on port 53 with rules.dns), which alone learns the addresses a name resolves to: '
        + 'the rule allows no address, and every connection to those names is dropped',
      hint: `add an egress rule to the cluster DNS beside it: ${ciliumClusterDnsRule("{ dns: [{ matchPattern: '*' }] }")}`,
    }));
}
