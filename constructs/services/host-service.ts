import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Host } from '../inventory/host';
import { ClusterChart } from '../platform/cluster-chart';
import { rejectPropProblems, requireProps, type PropProblem } from '../validation/known-props';
import { HOST_SERVICE_PROPS_SHAPE } from '../validation/service-props-shapes';
import { serviceIpFamilies } from '../platform/ip-families';
import type { Preinstalled } from '../platform/component';
import { distributionNodePorts } from '../platform/distribution-ports';
import { nodePortHolder } from '../validation/node-agent-ports';

/** Options of a Service for a server that runs on a node outside Kubernetes. */
export interface HostServiceProps {
  /** The node it runs on, from the inventory: one of the cluster's hosts. */
  readonly host: Host<any, any>;
  /** The TCP port it listens on, on the node's address; also the Service's port. */
  readonly port: number;
  /** Namespace of the Service: the one of the routes that reach it. */
  readonly namespace: string;
  /** Name of the Service. @default - the construct id */
  readonly name?: string;
}

/**
 * A ClusterIP Service for a server that runs on a node of the cluster but outside Kubernetes (a web server
 * of the host, such as Caddy serving static files), backed by an EndpointSlice at the node's inventory
 * address, of the address's family: the cluster's ingress routes names to it (`ServiceRoute`) as to any Service. The
 * node's firewall must admit the port for the ingress' pods.
 */
export class HostService extends Construct {
  /** Name of the Service. */
  public readonly serviceName: string;
  /** Namespace of the Service. */
  public readonly namespace: string;
  /** Its port. */
  public readonly port: number;

  constructor(scope: Construct, id: string, props: HostServiceProps) {
    super(scope, id);
    requireProps(this, 'HostService', props, HOST_SERVICE_PROPS_SHAPE, {
      required: [
        ['host', 'pass the node it runs on, from the inventory: host: <a host of the cluster>'],
        ['port', 'give the port it listens on, e.g. port: 8080'],
        ['namespace', 'give the namespace of the routes that reach it'],
      ],
    });
    const cluster = ClusterChart.of(this);
    rejectPropProblems(this, 'HostService', [
      ...hostProblems(props.host, cluster.hosts), ...heldPortProblems(props.port, props.host, cluster.platform.preinstalled),
    ]);
    this.serviceName = props.name ?? id;
    this.namespace = props.namespace;
    this.port = props.port;
    cluster.namespaces.ensure(this.namespace);
    const labels = { 'app.kubernetes.io/name': this.serviceName };
    // The Service's family is the node address's: a proxy reads only the slices of its Service's family.
    const families = serviceIpFamilies([props.host.address]);
    // No selector: the EndpointSlice below is the Service's one endpoint.
    new ApiObject(this, 'service', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: this.serviceName, namespace: this.namespace, labels },
      spec: {
        type: 'ClusterIP', ...families,
        ports: [{ name: 'http', port: this.port, targetPort: this.port, protocol: 'TCP' }],
      },
    });
    new ApiObject(this, 'endpoints', {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: `${this.serviceName}-1`, namespace: this.namespace, labels: { ...labels, 'kubernetes.io/service-name': this.serviceName } },
      addressType: families.ipFamilies?.[0] ?? 'IPv4',
      endpoints: [{ addresses: [props.host.address], conditions: { ready: true }, nodeName: props.host.name }],
      ports: [{ name: 'http', port: this.port, protocol: 'TCP' }],
    });
  }
}

/** A host that is none of the cluster's nodes, whose address no pod of the cluster is known to reach. Pure. */
function hostProblems(host: Host<any, any>, nodes: readonly Host<any, any>[]): PropProblem[] {
  return nodes.includes(host) ? [] : [{
    field: 'host',
    message: `host ${host.name} is not a node of this cluster (${nodes.map((n) => n.name).join(', ')})`,
    hint: 'pass one of the cluster\'s hosts; a machine outside the cluster is an ExternalService of an externalHost',
  }];
}

/**
 * A port the node's kubelet, or the distribution's own processes, hold on the host: the host's server cannot
 * listen there, and the Service would hand its clients (the ingress) to the kubelet's or API server's port. Pure.
 */
function heldPortProblems(port: number, host: Host<any, any>, preinstalled: readonly Preinstalled[]): PropProblem[] {
  // The server listens on the host's own network, beside the kubelet and the distribution, by TCP.
  const holder = nodePortHolder(port, 'TCP', distributionNodePorts(preinstalled), {}, () => host.roles.includes('control-plane'))?.agent;
  return holder === undefined ? [] : [{
    field: 'port',
    message: `port ${port} of host ${host.name} is held by ${holder}: no server of the host can listen there, and the Service would send the ingress' requests to ${holder}`,
    hint: 'give the port the server listens on (its listen address, e.g. Caddy\'s :8880), which the node leaves free',
  }];
}
