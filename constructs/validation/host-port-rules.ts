import { AddFinding, list, text } from './manifest';
import { containersOf, PodTemplate, runsWithPod } from './pod-spec';

/** One port a pod takes on its node. */
export interface HostPortUse {
  /** The port on the node. */
  readonly port: number;
  /** Its protocol, `TCP` when the manifest leaves it out. */
  readonly protocol: string;
  /** The node address it is bound to; undefined for every address. */
  readonly hostIP?: string;
  /** Field path of the container port, e.g. `spec.template.spec.containers[0].ports[1]`. */
  readonly field: string;
}

/**
 * Ports a pod template takes on its node, in container order: every container port with hostNetwork
 * (where the API server gives a port without `hostPort` its container port), else the declared
 * `hostPort`s. A `hostPort` of 0 asks for none. Init containers that run to completion are left out;
 * native sidecars (`restartPolicy: Always`) keep their ports as long as the pod runs. Pure.
 */
export function hostPorts(template: PodTemplate): HostPortUse[] {
  const hostNetwork = template.spec.hostNetwork === true;
  return containersOf(template).filter(runsWithPod).flatMap(({ container, path }) => list(container.ports).flatMap((p, i) => {
    const declared = typeof p.hostPort === 'number' && p.hostPort !== 0 ? p.hostPort : undefined;
    const port = hostNetwork ? declared ?? p.containerPort : declared;
    const hostIP = text(p.hostIP);
    return typeof port === 'number' ? [{ port, protocol: text(p.protocol) ?? 'TCP', hostIP: hostIP && hostIP !== '0.0.0.0' && hostIP !== '::' ? hostIP : undefined, field: `${path}.ports[${i}]` }] : [];
  }));
}

/**
 * Whether two uses of one protocol and port keep each other off a node: as the scheduler has it, unless
 * both are bound to distinct addresses of the node. Pure.
 */
export function hostPortsClash(a: HostPortUse, b: HostPortUse): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === undefined || b.hostIP === undefined || a.hostIP === b.hostIP);
}

/**
 * What the API server refuses in the host ports of one pod template: on the host network a `hostPort`
 * other than its `containerPort` ("must match `containerPort` when `hostNetwork` is true"), and one
 * protocol, address and host port taken by two ports of the pod's containers (a duplicate value).
 */
export function checkPodHostPorts(template: PodTemplate, add: AddFinding): void {
  const hostNetwork = template.spec.hostNetwork === true;
  // Most pods bind no host port: they need no map.
  let seen: Map<string, string> | undefined;
  for (const { container, path, init } of containersOf(template)) {
    list(container.ports).forEach((port, i) => {
      const hostPort = port.hostPort;
      if (typeof hostPort !== 'number' || hostPort === 0) {
        return;
      }
      const field = `${path}.ports[${i}].hostPort`;
      if (hostNetwork && typeof port.containerPort === 'number' && hostPort !== port.containerPort) {
        add(field, `host port ${hostPort} differs from the container port ${port.containerPort}; on the host network the process binds the node's port itself, so the API server takes only the same number`,
          `leave hostPort out (it is the container port on the host network), or have the process listen on ${hostPort}`);
        return;
      }
      // The API server keeps init containers and containers apart; each list holds a host port once.
      const key = `${init ? 'init' : 'main'}/${text(port.protocol) ?? 'TCP'}/${text(port.hostIP) ?? ''}/${hostPort}`;
      seen ??= new Map();
      const first = seen.get(key);
      if (first !== undefined) {
        add(field, `host port ${text(port.protocol) ?? 'TCP'}/${hostPort} is taken by ${first} of the same pod already`, 'give each port of the pod its own host port, or drop the second one');
      } else {
        seen.set(key, field.slice(template.specPath.length + 1, -'.hostPort'.length));
      }
    });
  }
}
