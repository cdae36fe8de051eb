import type { IConstruct } from 'constructs';
import type { Host } from '../inventory/host';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { schedulableHostsOfSpec } from './scheduling';
import { platformReading } from './platform-reading';

const HOST_PORT_NOTE = `${NOTE_TYPE_PREFIX}host-ports`;

/** One port of a node that pods bind, TCP unless said otherwise. */
export interface HostPortRequest {
  /** The port. */
  readonly port: number;
  /** Its protocol. @default 'TCP' */
  readonly protocol?: string;
  /**
   * The option that moves the port elsewhere, for hints, e.g. `metalLb({ memberlistPort })`.
   * @default - the port is fixed
   */
  readonly setBy?: string;
}

/** Host ports of pods that are no object of the cluster, as the construct that asks for them states them. */
interface HostPortNote {
  /** Who takes the ports, for messages, e.g. `Traefik (traefik({ hostPorts: true }))`. */
  readonly owner: string;
  /** The pod spec's scheduling fields (nodeSelector, affinity, tolerations); empty for none. */
  readonly scheduling: Record<string, unknown>;
  readonly ports: readonly HostPortRequest[];
}

/** Host ports that pods rendered outside the cluster's objects take, with the hosts those pods may run on. */
export interface NotedHostPorts {
  /** What takes the ports, for the finding's message (e.g. `Traefik`). */
  readonly owner: string;
  /** The hosts its pods may run on. */
  readonly hosts: readonly Host<any, any>[];
  /** The ports, each with its protocol. */
  readonly ports: readonly HostPortRequest[];
}

/**
 * Notes that pods a Helm chart renders in the cluster (Traefik's under `hostPorts`) bind `ports` of their
 * node, so that the host-port check counts them as it counts the apps' own; `scheduling` holds the pods'
 * nodeSelector, affinity and tolerations (none: any host without a taint).
 */
export function noteHostPorts(scope: IConstruct, owner: string, ports: readonly HostPortRequest[], scheduling: Record<string, unknown> = {}): void {
  scope.node.addMetadata(HOST_PORT_NOTE, { owner, scheduling, ports } satisfies HostPortNote);
}

/**
 * The host ports that pods outside the cluster's objects take: the platform components' (node-exporter's
 * 9100, MetalLB's speaker), on every host that takes pods without a toleration, then those noted in
 * `cluster`, in note order, each with the hosts its pods may run on.
 */
export function notedHostPorts(cluster: SynthesizedCluster): NotedHostPorts[] {
  const untainted = schedulableHostsOfSpec({}, cluster.chart).hosts;
  return [
    ...platformReading(cluster).components.filter((c) => (c.props.hostPorts ?? []).length > 0)
      .map((c) => ({ owner: `platform component ${c.name}`, hosts: untainted, ports: c.props.hostPorts! })),
    ...cluster.notes.filter((note) => note.type === HOST_PORT_NOTE).map((note) => {
      const data = note.data as HostPortNote;
      return { owner: data.owner, hosts: schedulableHostsOfSpec(data.scheduling, cluster.chart).hosts, ports: data.ports };
    }),
  ];
}

/** The host ports noted under `scope` (Traefik's under `hostPorts`), each with what takes it. */
export function hostPortsNotedUnder(scope: IConstruct): Array<HostPortRequest & { readonly owner: string }> {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === HOST_PORT_NOTE).flatMap((m) => {
    const note = m.data as HostPortNote;
    return note.ports.map((p) => ({ ...p, owner: note.owner }));
  }));
}
