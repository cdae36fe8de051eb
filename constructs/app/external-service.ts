import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ExternalHost } from '../inventory/host';
import { ClusterChart } from '../platform/cluster-chart';
import { leaveOwnerAction } from '../synth/owner-action';
import { reportFinding } from '../validation/finding';
import { DNS1035_LABEL, DNS1123_LABEL, nameMeant, nameProblem } from '../validation/dns-names';
import { rejectPropProblems, requireProps, type ForeignForm, type PropProblem } from '../validation/known-props';
import { EXTERNAL_SERVICE_PROPS_SHAPE } from '../validation/service-props-shapes';
import { undeclaredHostProblems } from '../validation/undeclared-hosts';

/** A service of a machine outside the cluster, given a stable in-cluster name. */
export interface ExternalServiceProps {
  /** The machine that runs it, from the inventory. */
  readonly host: ExternalHost;
  /** The service's name in the host's inventory `ports`; also the Service port's name. @default - the construct id */
  readonly service?: string;
  /** Namespace of the Service. @default - the construct id */
  readonly namespace?: string;
  /** Name of the Service's port, which clients may look up; the machine's port is the one `service` names. @default 'api' */
  readonly portName?: string;
}

/**
 * An `ExternalName` Service that points at a machine of the inventory (an inference server on a Mac, say),
 * so workloads address it like any in-cluster service.
 */
export class ExternalService extends Construct {
  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id);
    requireProps(this, 'ExternalService', props, EXTERNAL_SERVICE_PROPS_SHAPE, {
      required: [['host', `pass the machine from the inventory: host: nas, declared with externalHost('nas', { address: '192.168.1.5', ports: { ${id}: 5000 } })`]],
      foreignForms: [['', (written) => inlineMachineForm(written, id)]],
    });
    // The id names the Service, and its namespace unless one is given: one error here, not one on each object.
    rejectPropProblems(this, 'ExternalService', serviceIdProblems(id));
    const cluster = ClusterChart.of(this);
    const namespace = props.namespace ?? id;
    cluster.namespaces.ensure(namespace);
    const service = props.service ?? id;
    const listed = Object.keys(props.host.ports);
    if (!listed.includes(service) && props.service === undefined && typeof props.portName === 'string' && listed.includes(props.portName)) {
      // `portName: 'web'` read as choosing the machine's port `web`: one mistake, on the prop that was written.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'portName',
        message: `portName only names the Service's port; the machine's port is chosen by service, which is the construct id "${id}" unless given, and ${props.host.name} lists no port "${id}"`,
        hint: `service: '${props.portName}' picks ${props.host.name}'s port ${props.portName} (${props.host.ports[props.portName]}); leave portName out unless a client looks the Service's port up by name`,
      });
      return;
    }
    // Ports that are no object of ports by name are the machine's own problem, reported on host.ports.
    const portsWritten = !props.host.problems.some((problem) => problem.field === 'ports');
    if (!listed.includes(service) && portsWritten) {
      // The prop that chose the port is named, once: the machine may well be right as it is.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'service',
        message: `machine ${props.host.name} lists no port "${service}" among its ports${listed.length > 0 ? ` (${listed.join(', ')})` : ''}${props.service === undefined ? ', and service is the construct id unless given' : ''}`,
        hint: listed.length > 0
          ? `name one of them, e.g. service: '${listed[0]}', or add ${service} to the machine's ports in the inventory`
          : `give the machine its ports in the inventory, e.g. externalHost('${props.host.name}', { …, ports: { ${service}: 8080 } })`,
      });
    }
    const port = listed.includes(service) ? props.host.port(service) : 0;
    rejectPropProblems(this, 'ExternalService', [
      ...undeclaredHostProblems('host', props.host, Object.values(cluster.site.externalHosts), cluster.externalHosts),
      ...servicePortNameProblems(props.portName),
    ]);
    if (port === 0) {
      // A Service of port 0 would only add the API server's refusal to the finding above.
      return;
    }
    const externalName = cluster.site.fqdn(props.host);
    new ApiObject(this, 'service', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: id, namespace, labels: { 'app.kubernetes.io/name': id } },
      spec: {
        type: 'ExternalName',
        externalName,
        ports: [{ name: props.portName ?? 'api', port }],
      },
    });
    // An ExternalName is a CNAME: the cluster's DNS hands the name to the resolver of the node it runs on,
    // so the Service reaches the machine only where that resolver knows it, which a private name needs the
    // site's own DNS for.
    const nodes = cluster.hosts.map((h) => h.nodeName).join(', ');
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `Service ${namespace}/${id} is an ExternalName for ${externalName}, which the cluster's DNS asks the nodes' own resolver for (the upstream each node resolves through itself): `
        + `on every node (${nodes}) that resolver must answer ${externalName} with ${props.host.address}; a name no public DNS holds needs the site's own DNS there`,
      command: `getent hosts ${externalName}`,
    });
  }
}

/** An id no Service can be named by (an RFC 1035 label), which names the Service and, by default, its namespace. Pure. */
function serviceIdProblems(id: string): PropProblem[] {
  const problem = nameProblem(id, DNS1035_LABEL);
  if (problem === undefined) {
    return [];
  }
  const meant = nameMeant(id, DNS1035_LABEL);
  return [{
    field: 'id', message: `the id names the ExternalName Service (and its namespace, unless namespace is given): ${problem}`,
    hint: `give it an id of lower-case letters, digits and '-', starting with a letter, e.g. new ExternalService(this, '${meant ?? 'nas'}', { … })`,
  }];
}

/**
 * What the API server refuses in `portName`, the name of the Service's port (an RFC 1123 label), reported on
 * the prop rather than on the Service it names. Pure.
 */
function servicePortNameProblems(portName: string | undefined): PropProblem[] {
  const problem = typeof portName === 'string' ? nameProblem(portName, DNS1123_LABEL) : undefined;
  if (problem === undefined) {
    return [];
  }
  const meant = nameMeant(portName!, DNS1123_LABEL);
  return [{
    field: 'portName', message: `the Service's port name ${problem}`,
    hint: `name the port with lower-case letters, digits and '-', e.g. portName: '${meant ?? 'api'}', or leave portName out for 'api'`,
  }];
}

/** The machine's own facts that Docker's and other tools' service entries write beside the service. */
const MACHINE_FACTS = ['address', 'ip', 'hostname', 'port', 'ports', 'externalName'];

/**
 * The machine written into the props (`{ address: '192.168.1.5', port: 5000 }`, as an ExternalName Service
 * or a compose extra_hosts entry has it) instead of being taken from the inventory: one problem for all its
 * facts, with the inventory entry that holds them. Pure.
 */
function inlineMachineForm(written: Readonly<Record<string, unknown>>, id: string): ForeignForm | undefined {
  const keys = MACHINE_FACTS.filter((key) => key in written);
  if (keys.length === 0 || written.host !== undefined) {
    return undefined;
  }
  const address = [written.address, written.ip, written.hostname, written.externalName].find((value) => typeof value === 'string') ?? '192.168.1.5';
  const port = [written.port, written.ports].find((value) => typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)));
  return {
    keys: [...keys, 'host'],
    key: keys[0],
    message: `ExternalService takes the machine from the inventory, not its ${keys.join(' and ')} written here`,
    hint: `declare the machine in the site's inventory, externalHost('${id}-host', { address: '${String(address)}', ports: { ${id}: ${port === undefined ? 5000 : Number(port)} } }) in the site's externalHosts: { … }, and pass it: host: <that machine>`,
  };
}
