import type { SynthesizedObject } from '../synth/collect';
import { checkHttpRules } from './cilium-http-rules';
import { AddFinding, fields, Fields, list, text } from './manifest';

// What the Cilium agent refuses in a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy although the CRD
// schema allows it (pkg/policy/api/rule_validation.go: Rule.Sanitize; pkg/k8s/apis/cilium.io/v2: the policy's
// Parse, which refuses a policy of neither spec nor specs and a namespaced one whose rule selects nodes). The
// agent imports no rule of a policy it cannot parse or sanitize, so the policy enforces nothing where it was meant to.

/** The peers of an ingress and of an egress rule, of which one rule takes one kind. */
const INGRESS_PEERS = ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups'] as const;
const EGRESS_PEERS = ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toServices', 'toFQDNs', 'toGroups', 'toNodes'] as const;
/** The layer-7 rules of a port rule other than DNS, which the proxy applies to TCP only. */
const TCP_ONLY_RULES = ['http', 'kafka', 'l7proto'] as const;

/** The rules of a policy: its `spec`, and each of its `specs`, with their paths. */
export function policyRules(object: SynthesizedObject): Array<[Fields, string]> {
  const manifest = object.manifest as Readonly<Record<string, unknown>>;
  const rules: Array<[Fields, string]> = manifest.spec === undefined ? [] : [[fields(manifest.spec), 'spec']];
  return [...rules, ...list(manifest.specs).map((rule, i): [Fields, string] => [rule, `specs[${i}]`])];
}

/**
 * A Cilium policy's ingress and egress rules: one kind of peer each (IngressRule.sanitize,
 * EgressRule.sanitize), no ports beside `toServices`, no DNS rules on ingress, and layer-7 rules other than
 * DNS only on ports of protocol TCP (PortRule.sanitize); and HTTP rules no request matches (`checkHttpRules`).
 */
export function checkCiliumPolicy(object: SynthesizedObject, add: AddFinding): void {
  const rules = policyRules(object);
  const kind = String(object.manifest.kind);
  if (rules.length === 0) {
    add('spec', `the ${kind} has neither spec nor specs, so the agent refuses it as an empty policy and enforces nothing`,
      "give its rule as spec: { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [...] }");
  }
  for (const [rule, path] of rules) {
    // Beside an endpointSelector the CRD's own oneOf refuses it already.
    if (kind === 'CiliumNetworkPolicy' && rule.nodeSelector !== undefined && rule.nodeSelector !== null && rule.endpointSelector === undefined) {
      add(`${path}.nodeSelector`, 'a CiliumNetworkPolicy belongs to a namespace and selects its pods only, so the agent refuses a rule that selects nodes and enforces none of the policy',
        'select the pods with endpointSelector, or make a CiliumClusterwideNetworkPolicy for a rule over nodes (host firewall)');
    }
    list(rule.ingress).forEach((entry, i) => checkDirection(entry, `${path}.ingress[${i}]`, INGRESS_PEERS, true, add));
    list(rule.egress).forEach((entry, i) => checkDirection(entry, `${path}.egress[${i}]`, EGRESS_PEERS, false, add));
  }
}

/** Whether a list field of a rule holds something. */
function given(entry: Fields, key: string): boolean {
  return Array.isArray(entry[key]) && (entry[key] as unknown[]).length > 0;
}

/** One ingress or egress rule: one kind of peer, no ports beside `toServices`, and its port rules. */
function checkDirection(entry: Fields, path: string, peers: readonly string[], ingress: boolean, add: AddFinding): void {
  const present = peers.filter((peer) => given(entry, peer));
  if (present.length > 1) {
    add(`${path}.${present[1]}`, `the rule combines ${present[0]} and ${present[1]}, which Cilium does not support in one rule, so the agent refuses the policy`,
      `write one rule with ${present[0]} and another with ${present[1]}, each with its own toPorts`);
  }
  if (present.includes('toServices') && given(entry, 'toPorts')) {
    add(`${path}.toPorts`, 'the rule combines toServices and toPorts, which Cilium does not support, so the agent refuses the policy',
      "drop toPorts (toServices allows the Service's ports), or select the Service's pods with toEndpoints and list the ports");
  }
  list(entry.toPorts).forEach((portRule, j) => checkPortRule(portRule, `${path}.toPorts[${j}]`, ingress, add));
}

/** A port rule's layer-7 rules: DNS on egress only, others on TCP ports only. */
function checkPortRule(portRule: Fields, path: string, ingress: boolean, add: AddFinding): void {
  const rules = fields(portRule.rules);
  const dns = Array.isArray(rules.dns) && rules.dns.length > 0;
  if (ingress && dns) {
    add(`${path}.rules.dns`, 'DNS rules apply to the lookups a pod makes, so the agent refuses them on ingress',
      'move the DNS rule to an egress rule towards the DNS server (toPorts: [{ ports: [{ port: "53", protocol: ANY }], rules: { dns: [...] } }])');
    return;
  }
  checkHttpRules(portRule, path, add);
  const l7 = TCP_ONLY_RULES.find((key) => rules[key] !== undefined && rules[key] !== '');
  if (dns || l7 === undefined) {
    return;
  }
  list(portRule.ports).forEach((port, k) => {
    const protocol = (text(port.protocol) ?? 'ANY').toUpperCase();
    if (protocol !== 'TCP') {
      add(`${path}.ports[${k}].protocol`, `${l7} rules apply to TCP only, and port ${JSON.stringify(port.port ?? '')} is ${protocol}${port.protocol === undefined ? ' (no protocol given)' : ''}, so the agent refuses the policy`,
        'set protocol: TCP');
    }
  });
}
