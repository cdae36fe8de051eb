import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { containersOf, podTemplateIndexIn, type PodTemplate } from './pod-spec';
import { podsShownIn } from './shown-pods';

/** The ports the containers of some pod templates declare, by number and by name, for each protocol. */
interface DeclaredPorts {
  /** `<protocol>/<number or name>` of every declared port. */
  readonly keys: ReadonlySet<string>;
  /** Names of the workloads that declare them, for messages. */
  readonly workloads: readonly string[];
}

function declaredPorts(templates: readonly PodTemplate[]): DeclaredPorts {
  const keys = new Set<string>();
  for (const template of templates) {
    for (const { container } of containersOf(template)) {
      for (const port of list(container.ports)) {
        const protocol = text(port.protocol) ?? 'TCP';
        keys.add(`${protocol}/${String(port.containerPort)}`);
        if (typeof port.name === 'string') {
          keys.add(`${protocol}/${port.name}`);
        }
      }
    }
  }
  return { keys, workloads: templates.map((t) => `${String(t.object.manifest.kind)} ${String(fields(t.object.manifest.metadata).name)}`) };
}

/**
 * Hand-written NetworkPolicies whose ingress admits, over TCP (the protocol a policy port takes when none is
 * given), a port that the pods they select declare for UDP alone (DNS on 53, syslog on 514, a WireGuard
 * endpoint): the namespace's default deny then drops every datagram clients send there, and the entry admits
 * nothing. One error on the entry's `protocol`; an entry the same policy also opens for UDP is left alone, and so is
 * a namespace whose pods the output does not all show (a chart's may listen over TCP there). Linear: the pods of
 * a policy come from its namespace's label index.
 */
export function udpPortsAdmittedOverTcp(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const policies = index.of('NetworkPolicy');
  if (policies.length === 0) {
    return [];
  }
  const shown = podsShownIn(cluster);
  const findings: Finding[] = [];
  for (const policy of policies) {
    const namespace = namespaceOf(policy);
    const spec = fields(policy.manifest.spec);
    if (!shown(namespace)) {
      continue;
    }
    const selected = podTemplateIndexIn(cluster.objects, namespace).selectedBy(fields(spec.podSelector));
    if (selected.length === 0) {
      continue;
    }
    const declared = declaredPorts(selected);
    const rules = list(spec.ingress);
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
