import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { list, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { policiesOverShownPods } from './policy-ingress-ports';

/**
 * Hand-written NetworkPolicies whose ingress admits, over TCP (the protocol a policy port takes when none is
 * given), a port that the pods they select declare for UDP alone (DNS on 53, syslog on 514, a WireGuard
 * endpoint): the namespace's default deny then drops every datagram clients send there, and the entry admits
 * nothing. One error on the entry's `protocol`; an entry the same policy also opens for UDP is left alone, and so is
 * a namespace whose pods the output does not all show (a chart's may listen over TCP there). Linear: the pods of
 * a policy come from its namespace's label index.
 */
export function udpPortsAdmittedOverTcp(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, rules, declared } of policiesOverShownPods(cluster, index)) {
    const opened = new Set(rules.flatMap((rule) => list(rule.ports).map((port) => `${text(port.protocol) ?? 'TCP'}/${String(port.port)}`)));
    rules.forEach((rule, i) => list(rule.ports).forEach((port, j) => {
      const number = port.port;
      if ((text(port.protocol) ?? 'TCP') !== 'TCP' || (typeof number !== 'number' && typeof number !== 'string') || port.endPort !== undefined) {
        return;
      }
      if (!declared.keys.has(`UDP/${number}`) || declared.keys.has(`TCP/${number}`) || opened.has(`UDP/${number}`)) {
        return;
      }
      const shownPort = typeof number === 'number' ? number : `'${number}'`;
      findings.push(objectFinding(policy, {
        layer: 'policy', severity: 'error', field: `spec.ingress[${i}].ports[${j}].protocol`,
        message: `admits port ${String(number)} over TCP${port.protocol === undefined ? ' (the protocol a policy port takes when none is given)' : ''}, but the pods it selects (${declared.workloads.join(', ')}) `
          + `declare ${String(number)} for UDP alone: the entry admits nothing they serve, and every datagram clients send there is dropped`,
        hint: `open it for UDP: { port: ${shownPort}, protocol: 'UDP' }`,
      }));
    }));
  }
  return findings;
}
