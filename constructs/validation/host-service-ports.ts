import type { Host } from '../inventory/host';
import { BoundHostPort, hostServicePorts } from '../inventory/host-service-ports';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { hostPorts } from './host-port-rules';
import { objectFinding } from './manifest';
import { makesPods, podTemplates } from './pod-spec';
import { schedulableHosts, schedulableHostsOfSpec } from './scheduling';
import { platformReading } from './platform-reading';

const layer = 'inventory' as const;

/** The first of `hosts` whose own services bind `protocol`/`port` on every address, with that binding. Pure. */
function heldBy(hosts: readonly Host[], port: number, protocol: string): { host: Host; bound: BoundHostPort } | undefined {
  for (const host of hosts) {
    const bound = hostServicePorts(host).find((b) => b.port === port && b.protocol === protocol);
    if (bound) {
      return { host, bound };
    }
  }
  return undefined;
}

/** Why the port is taken, in words: `Docker in swarm mode (services: ['docker-swarm'] of host n5)`. Pure. */
function holder(held: { host: Host; bound: BoundHostPort }): string {
  return `${held.bound.what} (services: ['${held.bound.service}'] of host ${held.host.name})`;
}

/**
 * Ports the software of a host binds outside Kubernetes (its inventory `services`, e.g. Docker in swarm mode)
 * are not bound again on that host by a platform component's pods or by a pod on the host network or with a
 * hostPort: the second bind fails, and the pod with it. A component's pods may run on every host without a
 * taint, as its chart leaves them; a pod template's, on the hosts its placement allows.
 */
export function checkHostServicePorts(cluster: SynthesizedCluster): Finding[] {
  if (!cluster.chart.hosts.some((host) => hostServicePorts(host).length > 0)) {
    return [];
  }
  const findings: Finding[] = [];
  const untainted = schedulableHostsOfSpec({}, cluster.chart).hosts;
  for (const component of platformReading(cluster).components) {
    (component.props.hostPorts ?? []).forEach((request, i) => {
      const protocol = request.protocol ?? 'TCP';
      const held = heldBy(untainted, request.port, protocol);
      if (held) {
        findings.push({
          layer, severity: 'error', constructPath: component.node.path, field: `hostPorts[${i}]`,
          message: `platform component ${component.name} binds ${protocol}/${request.port} on the nodes it runs on, and on ${held.host.name} ${holder(held)} holds that port: its pod there fails to start`,
          hint: request.setBy
            ? `give it a port the host leaves free with ${request.setBy}, e.g. ${request.port + 1}`
            : `stop ${held.bound.service} on ${held.host.name} and drop it from the host's services, or leave the component out of the cluster`,
        });
      }
    });
  }
  for (const template of podTemplates(cluster.objects)) {
    if (!makesPods(template)) {
      continue;
    }
    const uses = hostPorts(template);
    if (uses.length === 0) {
      continue;
    }
    const hosts = schedulableHosts(template, cluster.chart).hosts;
    for (const use of uses) {
      const held = heldBy(hosts, use.port, use.protocol);
      if (held) {
        findings.push(objectFinding(template.object, {
          layer, severity: 'error', field: use.field,
          message: `host port ${use.protocol}/${use.port} is held on ${held.host.name} by ${holder(held)}, where the pod may run: it fails to start there`,
          hint: `use another port, or keep the pod off ${held.host.name}`,
        }));
      }
    }
  }
  return findings;
}
