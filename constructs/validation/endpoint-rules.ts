import type { SynthesizedObject } from '../synth/collect';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, FULLY_QUALIFIED_DOMAIN_NAME, LABEL_VALUE, nameProblem } from './dns-names';
import { labelMapProblems } from './label-map';
import { AddFinding, Fields, fields, list, text } from './manifest';
import { podReachableIpProblem } from './special-ips';
import { qualifiedNameProblem } from './syntax';

const IP_HINT = 'give the address of the host or pod itself, e.g. 192.168.1.20 (no name, block, loopback or link-local address)';
const PORT_NAME_HINT = "name the port as the Service's port is named: lower-case letters, digits and '-'";

/**
 * What the API server refuses in an Endpoints object (ValidateEndpoints) although the schema allows it: a
 * subset with no address, an address that is no IP or a special one (loopback, link-local, unspecified), a
 * host name that is no DNS label or a node name that is no DNS subdomain, a port outside 1–65535, a port
 * name that is no DNS label, or missing where a subset has several ports, and a port's `appProtocol` that is
 * no qualified name.
 */
export function checkEndpoints(object: SynthesizedObject, add: AddFinding): void {
  list(object.manifest.subsets).forEach((subset, s) => {
    const at = `subsets[${s}]`;
    if (list(subset.addresses).length === 0 && list(subset.notReadyAddresses).length === 0) {
      add(`${at}.addresses`, 'the subset has no address', "list the addresses behind the Service: addresses: [{ ip: '192.168.1.20' }]");
    }
    for (const key of ['addresses', 'notReadyAddresses'] as const) {
      list(subset[key]).forEach((address, a) => {
        const problem = podReachableIpProblem(address.ip, 'an endpoint address');
        if (problem !== undefined) {
          add(`${at}.${key}[${a}].ip`, problem, IP_HINT);
        }
        checkEndpointNames(address, `${at}.${key}[${a}]`, add);
      });
    }
    const ports = list(subset.ports);
    ports.forEach((port, p) => {
      const name = text(port.name);
      if (ports.length > 1 && (name ?? '') === '') {
        add(`${at}.ports[${p}].name`, 'a subset with several ports names each of them', PORT_NAME_HINT);
      }
      checkPort(port, true, `${at}.ports[${p}]`, add);
    });
  });
}

/** The address types an EndpointSlice may have, as the API server spells them. */
const ADDRESS_TYPES: readonly string[] = ['IPv4', 'IPv6', 'FQDN'];
/** The most endpoints one EndpointSlice may list (maxEndpoints of the API server). */
const MAX_ENDPOINTS = 1000;
/** The most addresses one endpoint may list (maxAddresses of the API server). */
const MAX_ADDRESSES = 100;

/**
 * What the API server refuses in an EndpointSlice (ValidateEndpointSlice) although the schema allows it: an
 * addressType other than IPv4, IPv6 or FQDN, more than 1000 endpoints, an endpoint without addresses or with
 * more than 100, an address that is not of the slice's addressType or is a special one (or,
 * for addressType FQDN, no fully qualified domain name), a host name that is no DNS label, a node name that
 * is no DNS subdomain, zone hints and a deprecatedTopology the API server refuses (see `checkZoneHints`,
 * `checkDeprecatedTopology`), a port name that is no DNS
 * label or that another port has (also two ports without a name), and a port's `appProtocol` that is no
 * qualified name.
 */
export function checkEndpointSlice(object: SynthesizedObject, add: AddFinding): void {
  const family = object.manifest.addressType;
  // The schema types it as any string (and reports it missing); the server takes these three spellings only.
  if (family !== undefined && (typeof family !== 'string' || !ADDRESS_TYPES.includes(family))) {
    const spelled = typeof family === 'string' ? ADDRESS_TYPES.find((t) => t.toLowerCase() === family.toLowerCase()) : undefined;
    add('addressType', `addressType ${JSON.stringify(family)} is none the API server takes (IPv4, IPv6 or FQDN)`,
      spelled !== undefined ? `write addressType: '${spelled}'` : "write addressType: 'IPv4' for IPv4 addresses, 'IPv6' or 'FQDN' for the others");
  }
  const endpoints = list(object.manifest.endpoints);
  if (endpoints.length > MAX_ENDPOINTS) {
    add('endpoints', `the slice lists ${endpoints.length} endpoints; the API server takes at most ${MAX_ENDPOINTS} in one EndpointSlice`,
      `split them over several EndpointSlices of at most ${MAX_ENDPOINTS} endpoints, each labelled kubernetes.io/service-name with the same Service`);
  }
  // Past the count the API server reads no endpoint, and neither does this.
  (endpoints.length > MAX_ENDPOINTS ? [] : endpoints).forEach((endpoint, e) => {
    const addresses = Array.isArray(endpoint.addresses) ? endpoint.addresses : [];
    if (addresses.length === 0) {
      add(`endpoints[${e}].addresses`, 'the endpoint has no address', `give its address: addresses: ['192.168.1.20']`);
    } else if (addresses.length > MAX_ADDRESSES) {
      add(`endpoints[${e}].addresses`, `the endpoint lists ${addresses.length} addresses; the API server takes at most ${MAX_ADDRESSES}, and kube-proxy uses the first one only`,
        'give each address an endpoint of its own: one entry of endpoints per address');
    }
    checkEndpointNames(endpoint, `endpoints[${e}]`, add);
    checkZoneHints(fields(endpoint.hints), `endpoints[${e}].hints`, add);
    checkDeprecatedTopology(endpoint.deprecatedTopology, `endpoints[${e}].deprecatedTopology`, add);
    if (family === 'FQDN') {
      addresses.forEach((address: unknown, a: number) => {
        const problem = typeof address === 'string' ? nameProblem(address.replace(/\.$/, ''), FULLY_QUALIFIED_DOMAIN_NAME) : undefined;
        if (problem !== undefined) {
          add(`endpoints[${e}].addresses[${a}]`, `address ${problem}`, 'give the full domain name of the endpoint in lower case, e.g. nas.lab.example (addressType: FQDN); use addressType IPv4 or IPv6 for addresses');
        }
      });
    }
    if (family !== 'IPv4' && family !== 'IPv6') {
      return;
    }
    addresses.forEach((address: unknown, a: number) => {
      const problem = podReachableIpProblem(address, 'an endpoint address', family);
      if (problem !== undefined) {
        add(`endpoints[${e}].addresses[${a}]`, problem, `give an ${family} address (addressType: ${family}); put ${family === 'IPv4' ? 'IPv6' : 'IPv4'} addresses in a slice of their own`);
      }
    });
  });
  const portNames = new Map<string, number>();
  list(object.manifest.ports).forEach((port, p) => {
    checkPort(port, false, `ports[${p}]`, add);
    // The API server defaults a missing name to "", so two unnamed ports share a name too.
    const name = text(port.name) ?? '';
    const first = portNames.get(name);
    if (first === undefined) {
      portNames.set(name, p);
    } else {
      add(`ports[${p}].name`, `${name === '' ? 'ports[' + first + '] has no name either' : `ports[${first}] is named ${JSON.stringify(name)} already`}; the ports of an EndpointSlice have names of their own`,
        "name each port as the Service's port it serves is named, e.g. http and metrics");
    }
  });
}

/** The most labels an endpoint's deprecatedTopology may hold (maxTopologyLabels of the API server). */
const MAX_TOPOLOGY_LABELS = 16;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * An endpoint's `deprecatedTopology` (validateEndpoints): at most 16 labels, each a valid label, and never
 * the zone label, which the slice gives in `zone` and the API server refuses here.
 */
function checkDeprecatedTopology(topology: unknown, at: string, add: AddFinding): void {
  const labels = fields(topology);
  const keys = Object.keys(labels);
  if (keys.length > MAX_TOPOLOGY_LABELS) {
    add(at, `deprecatedTopology holds ${keys.length} labels; the API server takes at most ${MAX_TOPOLOGY_LABELS}`, "drop deprecatedTopology: the endpoint's nodeName and zone say where it runs");
  }
  if (labels[ZONE_LABEL] !== undefined) {
    add(`${at}.${ZONE_LABEL}`, `the API server refuses the zone label in deprecatedTopology: a slice of discovery.k8s.io/v1 gives the endpoint's zone in zone`,
      `write zone: ${JSON.stringify(String(labels[ZONE_LABEL]))} beside the endpoint's addresses, and drop it from deprecatedTopology`);
  }
  for (const problem of labelMapProblems(labels, at)) {
    add(problem.field, problem.message, problem.hint);
  }
}

/** The most zones an endpoint's hints may name (maxZoneHints of the API server). */
const MAX_ZONE_HINTS = 8;

/**
 * An endpoint's topology hints (validateHints): at most 8 zones, each named once and by a label value, as
 * kube-proxy matches them against the nodes' topology.kubernetes.io/zone label.
 */
function checkZoneHints(hints: Fields, at: string, add: AddFinding): void {
  const zones = list(hints.forZones);
  if (zones.length > MAX_ZONE_HINTS) {
    add(`${at}.forZones`, `the endpoint hints ${zones.length} zones; the API server takes at most ${MAX_ZONE_HINTS}`,
      `keep the ${MAX_ZONE_HINTS} zones that should reach the endpoint first, or drop hints and let kube-proxy route to every endpoint`);
    return;
  }
  const seen = new Map<string, number>();
  zones.forEach((zone, z) => {
    const name = text(zone.name);
    if (name === undefined) {
      return; // the schema reports a missing or mistyped name
    }
    const first = seen.get(name);
    const problem = first !== undefined ? `zone ${JSON.stringify(name)} is hinted by forZones[${first}] already` : nameProblem(name, LABEL_VALUE);
    if (first === undefined) {
      seen.set(name, z);
    }
    if (problem !== undefined) {
      add(`${at}.forZones[${z}].name`, first !== undefined ? problem : `zone ${problem}`,
        "name each zone once, as the nodes' topology.kubernetes.io/zone label gives it, e.g. rack-1");
    }
  });
}

/**
 * The names an endpoint (an Endpoints address or an EndpointSlice endpoint) gives itself: its `hostname` a
 * DNS label (it becomes `<hostname>.<service>` in DNS), and its `nodeName` a node's name, a DNS subdomain.
 */
function checkEndpointNames(endpoint: Fields, at: string, add: AddFinding): void {
  const hostname = text(endpoint.hostname);
  const hostnameProblem = hostname === undefined || hostname === '' ? undefined : nameProblem(hostname, DNS1123_LABEL);
  if (hostnameProblem !== undefined) {
    add(`${at}.hostname`, `hostname ${hostnameProblem}`, "give one DNS label, lower-case letters, digits and '-', e.g. nas (the Service's domain is added to it)");
  }
  const nodeName = text(endpoint.nodeName);
  const nodeProblem = nodeName === undefined ? undefined : nameProblem(nodeName, DNS1123_SUBDOMAIN);
  if (nodeProblem !== undefined) {
    add(`${at}.nodeName`, `nodeName ${nodeProblem}`, 'give the name of the node as kubectl get nodes lists it, in lower case');
  }
}

/**
 * A port of an endpoint: its number within 1–65535 (where `withNumber`: an EndpointSlice checks none), its
 * name a DNS label, and its `appProtocol` a qualified name.
 */
function checkPort(port: Fields, withNumber: boolean, at: string, add: AddFinding): void {
  const number = port.port;
  if (withNumber && typeof number === 'number' && !(Number.isInteger(number) && number >= 1 && number <= 65535)) {
    add(`${at}.port`, `port ${number} is not within 1–65535`, 'give the port the endpoints listen on, 1–65535');
  }
  const name = text(port.name);
  const problem = name === undefined || name === '' ? undefined : nameProblem(name, DNS1123_LABEL);
  if (problem !== undefined) {
    add(`${at}.name`, `port name ${problem}`, PORT_NAME_HINT);
  }
  const protocolProblem = typeof port.appProtocol === 'string' ? qualifiedNameProblem(port.appProtocol) : undefined;
  if (protocolProblem !== undefined) {
    add(`${at}.appProtocol`, `appProtocol: ${protocolProblem}`, "name the application protocol as the Service's port does, e.g. http, kubernetes.io/h2c or example.com/custom");
  }
}
