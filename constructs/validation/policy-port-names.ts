import type { SynthesizedCluster } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { list, objectFinding, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { policiesOverShownPods } from './policy-ingress-ports';

/**
 * Hand-written NetworkPolicies whose ingress admits a port by a name (`port: metrics`) that no container of the
 * pods they select declares: Kubernetes resolves a named port against each selected pod's own
 * container ports, so the entry admits nothing (a Prometheus scrape written for an exporter port the pods do not
 * name), and the traffic stays refused. One error on the entry's `port`, judged where the output shows every pod
 * of the namespace.
 */
export function undeclaredPolicyPortNames(cluster: SynthesizedCluster, index: ObjectIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { policy, rules, declared } of policiesOverShownPods(cluster, index)) {
    rules.forEach((rule, i) => list(rule.ports).forEach((port, j) => {
      const protocol = text(port.protocol) ?? 'TCP';
      // A name declared for another protocol only is the protocol check's to report; digits in quotes, the syntax check's.
      if (typeof port.port !== 'string' || /^\d+$/.test(port.port) || declared.names.has(port.port)) {
        return;
      }
      const names = [...declared.names.keys()];
      const meant = closestName(port.port, names);
      findings.push(objectFinding(policy, {
        layer: 'policy', severity: 'error', field: `spec.ingress[${i}].ports[${j}].port`,
        message: `admits the port named "${port.port}" (${protocol}), but no container of the pods it selects (${declared.workloads.join(', ')}) declares a port of that name: `
          + 'a named port is resolved against the pods\' own container ports, so the entry admits nothing and that traffic stays refused',
        hint: meant !== undefined
          ? `name a port the pods declare: port: '${meant}' (${declared.names.get(meant)!})`
          : names.length > 0
            ? `the pods declare the ports ${names.map((name) => `'${name}' (${declared.names.get(name)!})`).join(', ')}: name one of them, or give the port its number`
            : 'the pods name no port: give the port its number, or name it on the container (ports: [{ name, containerPort }])',
      }));
    }));
  }
  return findings;
}
