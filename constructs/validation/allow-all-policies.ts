import type { SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { policyRules } from './cilium-rules';
import { governsWholeNamespace, NETWORK_POLICY_KINDS } from './namespace-policies';

// Network policies add up: a pod's ingress is what any policy over it admits. A policy over every pod of a namespace
// with a rule that admits every source on every port (`podSelector: {}` with `ingress: [{}]`, a quick "allow all")
// therefore lets everything in past every other policy of the namespace, an App's own default deny among them,
// while those policies still read as if they held.

/** The path of the first ingress rule of `policy` that admits every source on every port, if any. Pure. */
function admitsEveryone(policy: SynthesizedObject): string | undefined {
  if (!governsWholeNamespace(policy)) {
    return undefined;
  }
  const manifest = fields(policy.manifest);
  if (text(manifest.kind) === 'NetworkPolicy') {
    const spec = fields(manifest.spec);
    const types = Array.isArray(spec.policyTypes) ? spec.policyTypes as unknown[] : ['Ingress'];
    const open = types.includes('Ingress') ? list(spec.ingress).findIndex((rule) => list(rule.from).length === 0 && list(rule.ports).length === 0) : -1;
    return open < 0 ? undefined : `spec.ingress[${open}]`;
  }
  // Cilium reads an empty ingress rule as a default deny; its allow-all is the entity `all` on every port.
  for (const [rule, path] of policyRules(policy)) {
    const open = list(rule.ingress).findIndex((entry) => Array.isArray(entry.fromEntities) && entry.fromEntities.includes('all') && list(entry.toPorts).length === 0);
    if (open >= 0) {
      return `${path}.ingress[${open}]`;
    }
  }
  return undefined;
}

/** Whether `policy` limits the ingress of the pods it selects (it has ingress rules, or isolates ingress by its types). Pure. */
function limitsIngress(policy: SynthesizedObject): boolean {
  const manifest = fields(policy.manifest);
  if (text(manifest.kind) === 'NetworkPolicy') {
    const spec = fields(manifest.spec);
    return !Array.isArray(spec.policyTypes) || (spec.policyTypes as unknown[]).includes('Ingress');
  }
  return [fields(manifest.spec), ...list(manifest.specs)].some((rule) => rule.ingress !== undefined || rule.ingressDeny !== undefined);
}

/**
 * A policy over every pod of a namespace that admits every source on every port, beside other policies of that
 * namespace that limit ingress (an App's own): a warning on the open rule, as the owner may mean it (a lab opened
 * for a while) but every other limit of the namespace is void while it stands.
 */
export function allowAllPolicies(index: ObjectIndex): Finding[] {
  const policies = index.of(...NETWORK_POLICY_KINDS);
  const findings: Finding[] = [];
  for (const policy of policies) {
    const path = admitsEveryone(policy);
    if (path === undefined) {
      continue;
    }
    const namespace = namespaceOf(policy);
    const undone = policies.filter((other) => other !== policy && namespaceOf(other) === namespace && limitsIngress(other) && admitsEveryone(other) === undefined)
      .map((other) => `${text(other.manifest.kind)} ${text(fields(other.manifest.metadata).name) ?? ''}`);
    if (undone.length === 0) {
      continue;
    }
    findings.push(objectFinding(policy, {
      layer: 'policy', severity: 'warning', field: path,
      message: `admits every source on every port of every pod of namespace "${namespace}"; policies add up, so this undoes the limits of ${undone.join(', ')} `
        + '(an App\'s default deny among them), which still read as if they held',
      hint: 'admit only the peers it is for (from: a namespaceSelector or podSelector, on their ports), or, for an App meant to be open, '
        + "state it on the App (exemptions: { networkPolicy: '…' }) and delete this policy",
    }));
  }
  return findings;
}
