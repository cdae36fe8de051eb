import type { Host } from './host';

/** One port that software running on a host itself (outside Kubernetes) binds on every address of the host. */
export interface HostServicePort {
  /** The port. */
  readonly port: number;
  /** Its protocol. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** What a service of the inventory (`host(..., { services })`) is, and the ports it binds on the host. */
export interface KnownHostService {
  /** What runs, for messages, e.g. `Docker in swarm mode`. */
  readonly what: string;
  /** The ports it binds on the host's addresses. */
  readonly ports: readonly HostServicePort[];
}

/**
 * The host services whose ports the library knows, by the name a host lists them under in `services`.
 * `docker-swarm`: Docker Engine in swarm mode, which Dokploy (and a `docker stack deploy` setup) runs even on
 * one machine; Docker's swarm documentation opens TCP 2377 (cluster management), TCP and UDP 7946
 * (communication between the nodes) and UDP 4789 (overlay network traffic), and the daemon binds them on
 * every address of the host.
 */
export const KNOWN_HOST_SERVICES: Readonly<Record<string, KnownHostService>> = {
  'docker-swarm': {
    what: 'Docker in swarm mode',
    ports: [{ port: 2377 }, { port: 7946 }, { port: 7946, protocol: 'UDP' }, { port: 4789, protocol: 'UDP' }],
  },
};

/** Whether `host` runs Docker beside Kubernetes: it lists `docker`, or `docker-swarm`, which is Docker too. Pure. */
export function runsDocker(host: Pick<Host, 'services'>): boolean {
  return host.services.includes('docker') || host.services.includes('docker-swarm');
}

/** A port of `host` that one of its inventory services binds, with that service's name. */
export interface BoundHostPort {
  /** The service's name in the host's `services`. */
  readonly service: string;
  /** What the service is. */
  readonly what: string;
  /** The port. */
  readonly port: number;
  /** Its protocol. */
  readonly protocol: 'TCP' | 'UDP';
}

/** The ports the services `host` lists bind on it, for the services the library knows. Pure. */
export function hostServicePorts(host: Pick<Host, 'services'>): BoundHostPort[] {
  return host.services.flatMap((service) => {
    const known = Object.prototype.hasOwnProperty.call(KNOWN_HOST_SERVICES, service) ? KNOWN_HOST_SERVICES[service] : undefined;
    return (known?.ports ?? []).map((p) => ({ service, what: known!.what, port: p.port, protocol: p.protocol ?? 'TCP' }));
  });
}
