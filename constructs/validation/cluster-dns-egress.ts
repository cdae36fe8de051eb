import { CLUSTER_DNS } from '../platform/network-policy';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { runsCilium } from './app-calls';
import type { Finding } from './finding';
import { type Fields, fields, list, namespaceOf, objectFinding, text } from './manifest';
import { NETWORK_POLICY_KINDS, withoutLabelSource } from './namespace-policies';
import type { ObjectIndex } from './object-index';
import { CILIUM_NAMESPACE_LABEL, namespaceLabels, policyAdmission, type PolicyPod } from './policy-admission';
import { podTemplates, type PodTemplate } from './pod-spec';
import { SelectorIndex } from './label-index';
import { podsShownIn } from './shown-pods';

// A pod asks the cluster DNS (CoreDNS, Service kube-dns in kube-system) for every name it calls, a Service of the
// cluster or a host on the internet. A policy that limits a pod's egress to what it lists and leaves that out
// makes every lookup time out, although the rule it was written for (the internet, a database) admits the
// connection itself. An App's own policy always admits the cluster DNS; hand-written ones must say so.

/** The port and protocol lookups take: UDP 53, CoreDNS' container port `dns`. */
const LOOKUPS = { port: 53, name: 'dns', protocol: 'UDP' };
const DNS_NAMESPACE = CLUSTER_DNS.namespace!;
const DNS_LABELS = CLUSTER_DNS.podLabels!;

/** A CiliumNetworkPolicy egress rule to the cluster DNS on port 53, with `rules` (`{ dns: [...] }`) where given, as TypeScript. Pure. */
export function ciliumClusterDnsRule(rules?: string): string {
  const labels = [`'k8s:${CILIUM_NAMESPACE_LABEL}': '${DNS_NAMESPACE}'`, ...Object.entries(DNS_LABELS).map(([key, value]) => `'k8s:${key}': '${value}'`)];
  return `{ toEndpoints: [{ matchLabels: { ${labels.join(', ')} } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }]${rules === undefined ? '' : `, rules: ${rules}`} }] }`;
}

/** A NetworkPolicy egress rule to the cluster DNS on port 53, UDP and TCP, as TypeScript. Pure. */
function kubernetesClusterDnsRule(): string {
  const labels = Object.entries(DNS_LABELS).map(([key, value]) => `'${key}': '${value}'`).join(', ');
  return `{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '${DNS_NAMESPACE}' } }, podSelector: { matchLabels: { ${labels} } } }], `
    + "ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }";
}

/**
 * A policy's pod selectors of the specs that list egress rules (not a bare default deny), without Cilium's label
 * sources; with `limiting`, only those that limit egress to what they list. Pure.
 */
function egressSelectors(policy: SynthesizedObject, limiting: boolean): Fields[] {
  const manifest = fields(policy.manifest);
  if (text(manifest.kind) === 'NetworkPolicy') {
    const spec = fields(manifest.spec);
    return list(spec.egress).length > 0 ? [fields(spec.podSelector)] : [];
  }
  // A Cilium rule of `enableDefaultDeny: { egress: false }` only adds to what its pods may reach, and limits nothing.
  return [fields(manifest.spec), ...list(manifest.specs)]
    .filter((spec) => spec.endpointSelector !== undefined && list(spec.egress).length > 0 && (!limiting || fields(spec.enableDefaultDeny).egress !== false))
    .map((spec) => withoutLabelSource(fields(spec.endpointSelector)));
}

/** The key under which {@link egressPolicies} keeps CiliumClusterwideNetworkPolicies, of no namespace (no name holds a NUL). */
const CLUSTERWIDE = '\u0000clusterwide';

/** The policies over some pods that list egress rules, and those of them whose rules limit egress to what they list. */
interface EgressPolicies {
  readonly listing: SelectorIndex<SynthesizedObject>;
  readonly limiting: SelectorIndex<SynthesizedObject>;
}

/**
 * The policies that list egress rules, by namespace (CiliumClusterwideNetworkPolicies, which select pods of every
 * namespace, under {@link CLUSTERWIDE}), each found from the labels of the pods it selects: every App has one, and
 * reading every policy of a namespace for each of its pod templates grows with the square of its apps.
 */
function egressPolicies(index: ObjectIndex): Map<string, EgressPolicies> {
  const byNamespace = new Map<string, EgressPolicies>();
  for (const policy of index.of(...NETWORK_POLICY_KINDS, 'CiliumClusterwideNetworkPolicy')) {
    const listing = egressSelectors(policy, false);
    if (listing.length === 0) {
      continue;
    }
    const key = text(policy.manifest.kind) === 'CiliumClusterwideNetworkPolicy' ? CLUSTERWIDE : namespaceOf(policy);
    let policies = byNamespace.get(key);
    if (policies === undefined) {
      policies = { listing: new SelectorIndex<SynthesizedObject>(), limiting: new SelectorIndex<SynthesizedObject>() };
      byNamespace.set(key, policies);
    }
    listing.forEach((selector) => policies.listing.add(selector, policy));
    egressSelectors(policy, true).forEach((selector) => policies.limiting.add(selector, policy));
  }
  return byNamespace;
}

/**
 * The policies over the pods of `template` that list egress rules (with `limiting`, rules that limit it): those of
 * their namespace, and the clusterwide ones, whose selectors may name the namespace by Cilium's label.
 */
function policiesOver(policies: ReadonlyMap<string, EgressPolicies>, template: PodTemplate, limiting: boolean): SynthesizedObject[] {
  const labels = { ...template.labels, [CILIUM_NAMESPACE_LABEL]: template.namespace };
  const which = limiting ? 'limiting' : 'listing';
  return [template.namespace, CLUSTERWIDE].flatMap((key) => policies.get(key)?.[which].ownersSelecting(labels) ?? []);
}

/** Whether a policy has an egress rule that names port 53, of a NetworkPolicy's `ports` or a Cilium rule's `toPorts`. Pure. */
function opensPort53(policy: SynthesizedObject): boolean {
  const manifest = fields(policy.manifest);
  const rules = [fields(manifest.spec), ...list(manifest.specs)].flatMap((spec) => list(spec.egress));
  const ports = rules.flatMap((rule) => [...list(rule.ports), ...list(rule.toPorts).flatMap((entry) => list(entry.ports))]);
  return ports.some((port) => String(port.port) === '53');
}

/** Whether the pods of a template ask the cluster DNS: on the pod network, with a `dnsPolicy` that uses it. */
function asksClusterDns(template: PodTemplate): boolean {
  const dnsPolicy = text(template.spec.dnsPolicy) ?? 'ClusterFirst';
  return template.spec.hostNetwork !== true && dnsPolicy === 'ClusterFirst';
}

/**
 * Hand-written policies that give pods some egress while every policy over those pods surely refuses their
 * lookups to the cluster DNS: one error on each such policy's `spec.egress`, naming the workloads, whose hint
 * writes the rule. Left alone: a pod kept from all egress (a bare default deny), which may be isolated on purpose;
 * one whose policies name port 53 (another resolver); a namespace whose pods the output does not all show.
 */
export function egressWithoutClusterDns(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const policies = egressPolicies(index);
  if (policies.size === 0) {
    return [];
  }
  const shown = podsShownIn(cluster);
  const dns: PolicyPod = {
    namespace: DNS_NAMESPACE, namespaceLabels: namespaceLabels(index, DNS_NAMESPACE), labels: { ...DNS_LABELS },
    ...(runsCilium(cluster) ? { missedByAddressBlocks: true } : {}),
  };
  const refused = new Map<SynthesizedObject, string[]>();
  for (const template of podTemplates(cluster.objects)) {
    if (!asksClusterDns(template) || !shown(template.namespace)) {
      continue;
    }
    const givers = policiesOver(policies, template, true);
    // A rule on port 53 of any policy over the pods (to the cluster DNS, or to a resolver of the owner's choosing,
    // NodeLocal DNSCache's or the router's) opens lookups on purpose.
    if (givers.length === 0 || policiesOver(policies, template, false).some(opensPort53)) {
      continue;
    }
    const pod: PolicyPod = { namespace: template.namespace, namespaceLabels: namespaceLabels(index, template.namespace), labels: template.labels };
    if (policyAdmission(index, 'egress', pod, dns, LOOKUPS) !== 'refuses') {
      continue;
    }
    const workload = `${String(template.object.manifest.kind)} ${String(fields(template.object.manifest.metadata).name)}`;
    givers.forEach((policy) => refused.set(policy, [...refused.get(policy) ?? [], workload]));
  }
  return [...refused].map(([policy, workloads]) => {
    const cilium = text(policy.manifest.kind) !== 'NetworkPolicy';
    return objectFinding(policy, {
      layer: 'policy', severity: 'error', field: 'spec.egress',
      message: `limits the egress of the pods of ${workloads.join(', ')} to what it lists, but no policy over them admits their lookups to the cluster DNS `
        + `(pods ${Object.entries(DNS_LABELS).map(([key, value]) => `${key}=${value}`).join(',')} in ${DNS_NAMESPACE}, UDP 53): every name they look up times out, `
        + 'so each connection they make by name fails',
      hint: `add an egress rule: ${cilium ? ciliumClusterDnsRule() : kubernetesClusterDnsRule()}`,
    });
  });
}
