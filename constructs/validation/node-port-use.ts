import type { IConstruct } from 'constructs';
import { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import type { Finding } from './finding';
import { fields, findingTarget, list, namespaceOf, text } from './manifest';
import { KUBELET_PORTS } from './node-agent-ports';
import { indexOf } from './object-index';

const layer = 'inventory' as const;
const NODE_PORT_NOTE = `${NOTE_TYPE_PREFIX}node-ports`;

/** One node port a construct asks for on behalf of a Service, named by the prop the user wrote. */
export interface NodePortRequest {
  /** The node port. */
  readonly port: number;
  /** Its protocol. @default 'TCP' */
  readonly protocol?: string;
  /** Prop that gives it, e.g. `ports.http.nodePort`. */
  readonly field: string;
  /** How to pick another. @default - pick a node port no other Service of the cluster takes */
  readonly hint?: string;
}

/** The node ports of one Service, as the construct that the user wrote states them. */
interface NodePortNote {
  /** `namespace/name` of the Service. */
  readonly service: string;
  /** Who takes the ports, for messages. */
  readonly owner: string;
  readonly ports: readonly NodePortRequest[];
}

/**
 * Notes that `scope` asks for node ports on behalf of the Service `namespace/name`, so that a clash is
 * reported on the prop that gives the port rather than on the rendered Service. The first construct to
 * speak for a Service (the outermost, in construct order) is the one findings name; a Service that is
 * not an object of the cluster (one a Helm chart renders in the cluster) is known only from its note.
 */
export function noteNodePorts(scope: IConstruct, service: { namespace: string; name: string; owner?: string }, ports: readonly NodePortRequest[]): void {
  const key = `${service.namespace}/${service.name}`;
  scope.node.addMetadata(NODE_PORT_NOTE, { service: key, owner: service.owner ?? `Service ${key}`, ports } satisfies NodePortNote);
}

const EXTERNAL_SERVICE_TYPES: ReadonlySet<unknown> = new Set(['NodePort', 'LoadBalancer']);
const DEFAULT_HINT = 'pick a node port no other Service of the cluster takes';

/** A node port as one Service takes it, with where a finding about it points. */
interface NodePortTaker {
  readonly service: string;
  readonly owner: string;
  readonly protocol: string;
  readonly at: Pick<Finding, 'constructPath' | 'kind' | 'namespace' | 'name' | 'field'>;
  readonly hint: string;
}

/**
 * Node ports are taken once in a cluster: the API server allocates each number to one Service, whatever
 * its protocol ("provided port is already allocated"), and refuses one number twice for one protocol in a
 * Service (`spec.ports[i].nodePort: Duplicate`). The ports constructs noted (an app's, the ingress's own
 * node ports) come first, then the Services no construct spoke for; the later taker is reported. A node
 * port is open on every node, so the kubelet's ports are taken too. One pass.
 */
export function checkNodePortUse(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const spoken = new Set<string>();
  const byPort = new Map<number, NodePortTaker>();
  const inService = new Map<string, NodePortTaker>();
  const take = (port: number, taker: NodePortTaker) => {
    const sameService = `${taker.service}\u0000${taker.protocol}/${port}`;
    const twice = inService.get(sameService);
    const first = byPort.get(port);
    const agent = KUBELET_PORTS.get(port);
    if (agent !== undefined) {
      // Only a node-port range that reaches down to it allows this; the node's own port would be redirected.
      findings.push({ ...taker.at, layer, severity: 'error', message: `node port ${port} is the port of ${agent} on every node`, hint: taker.hint });
    } else if (twice) {
      findings.push({
        ...taker.at, layer, severity: 'error',
        message: `node port ${port}/${taker.protocol} is given twice in ${taker.owner} (${twice.at.field} has it already)`,
        hint: `give each port of the Service its own node port; ${taker.hint}`,
      });
    } else if (first && first.service !== taker.service) {
      findings.push({
        ...taker.at, layer, severity: 'error',
        message: `node port ${port} is taken already by ${first.owner} (${first.at.field}); node ports are allocated once in the cluster`,
        hint: taker.hint,
      });
    }
    if (!twice) {
      inService.set(sameService, taker);
    }
    if (!first) {
      byPort.set(port, taker);
    }
  };
  for (let n = 0, notes = cluster.notes; n < notes.length; n++) {
    const note = notes[n];
    if (note.type !== NODE_PORT_NOTE) {
      continue;
    }
    const data = note.data as NodePortNote;
    if (spoken.has(data.service)) {
      continue;
    }
    spoken.add(data.service);
    for (const request of data.ports) {
      take(request.port, {
        service: data.service, owner: data.owner, protocol: request.protocol ?? 'TCP',
        at: { constructPath: note.constructPath, field: request.field }, hint: request.hint ?? DEFAULT_HINT,
      });
    }
  }
  for (const service of indexOf(cluster.objects).of('Service')) {
    const spec = fields(service.manifest.spec);
    const key = `${namespaceOf(service)}/${text(service.manifest.metadata.name) ?? ''}`;
    // Other types take no node port, which the Service rules report.
    if (!EXTERNAL_SERVICE_TYPES.has(spec.type) || spoken.has(key)) {
      continue;
    }
    list(spec.ports).forEach((p, i) => {
      if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
        const at = { ...findingTarget(service), field: `spec.ports[${i}].nodePort` };
        take(p.nodePort, { service: key, owner: `Service ${key}`, protocol: text(p.protocol) ?? 'TCP', at, hint: `${DEFAULT_HINT}, or leave nodePort out and let the API server pick one` });
      }
    });
  }
  return findings;
}
