import type { IConstruct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { PropProblem } from '../validation/known-props';

/** An inclusive range of node ports, as the API server's `--service-node-port-range` sets it. */
export interface NodePortRange {
  /** Lowest node port. */
  readonly first: number;
  /** Highest node port. */
  readonly last: number;
}

/** The API server's default range, 30000-32767. */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { first: 30000, last: 32767 };

/** The range as the API server flag spells it, e.g. `2000-32767`. */
export function formatNodePortRange(range: NodePortRange): string {
  return `${range.first}-${range.last}`;
}

/**
 * A range of node ports written first port last (`{ first: 32767, last: 30000 }`), as `field`: `refused` says
 * what comes of it. None where either end is no number, which the props shape reports. Pure.
 */
export function reversedNodePortRangeProblem(range: unknown, field: string, refused: string): PropProblem[] {
  const { first, last } = (range ?? {}) as { first?: unknown; last?: unknown };
  return typeof first !== 'number' || typeof last !== 'number' || first <= last ? [] : [{
    field, message: `node-port range ${first}-${last} is reversed, ${refused}`,
    hint: `give the first port first: ${field}: { first: ${last}, last: ${first} }`,
  }];
}

/** Whether `port` lies in `range`. */
export function inNodePortRange(port: number, range: NodePortRange): boolean {
  return Number.isInteger(port) && port >= range.first && port <= range.last;
}

/**
 * The node port a service gets when none is given: a stable hash of its name (32-bit FNV-1a) folded
 * into `band`. The same name always gets the same port, on every synth and every machine.
 * @param band ports to choose from; @default the Kubernetes default range
 */
export function nameToPort(name: string, band: NodePortRange = DEFAULT_NODE_PORT_RANGE): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return band.first + (hash % (band.last - band.first + 1));
}

/** A node port one service asks for, with where it comes from (for messages). */
export interface NodePortClaim {
  /** Service name. */
  readonly name: string;
  /** The node port. */
  readonly port: number;
  /** Props field it comes from, e.g. `containers.sonarr.exposePort`. */
  readonly field: string;
  /** Whether it was derived from the name rather than given. */
  readonly derived: boolean;
}

/**
 * Reports node ports outside the cluster's range (when given) and ports the nodes use already: a node
 * port is open on every node, so `hostPorts` (ports that pods with host networking bind on their node,
 * ports of the node's own services) are taken. Ports claimed twice among Services are the cluster's
 * check (`noteNodePorts`), which sees every Service.
 */
export function checkNodePorts(
  scope: IConstruct, claims: readonly NodePortClaim[], range: NodePortRange | undefined, hostPorts: ReadonlyMap<number, string> = new Map(),
): void {
  for (const claim of claims) {
    if (range && !inNodePortRange(claim.port, range)) {
      reportFinding(scope, {
        layer: 'inventory', severity: 'error', field: claim.field,
        message: `node port ${claim.port} of "${claim.name}" is outside the cluster's node-port range ${formatNodePortRange(range)}`,
        hint: `widen the API server's --service-node-port-range (the cluster's nodePortRange; K3s: k3s({ serviceNodePortRange })) or pick a port in ${formatNodePortRange(range)}`,
      });
    }
    const taken = hostPorts.get(claim.port);
    if (taken !== undefined) {
      reportFinding(scope, {
        layer: 'inventory', severity: 'error', field: claim.field,
        message: `node port ${claim.port} of "${claim.name}"${claim.derived ? ' (derived from its name)' : ''} is already taken by ${taken}`,
        hint: 'set exposePort to a free port',
      });
    }
  }
}
