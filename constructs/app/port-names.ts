import { IANA_SERVICE_NAME, nameMeant, nameProblem } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';

/** A port as props or `addPort` give it, before its shape is known to be right. */
type PortLike = Record<string, unknown>;

/** A port of the app already declared, with the field that declared it, for messages (`ports[0]`, `sidecars[0].ports[1]`). */
export interface DeclaredPort {
  readonly port: PortLike;
  readonly field: string;
}

/** The ports a prop list holds (`ports`, `sidecars[0].ports`), each with its field; none when it is no list. */
export function declaredPorts(ports: unknown, field: string): DeclaredPort[] {
  return Array.isArray(ports) ? ports.flatMap((port, i) => (port !== null && typeof port === 'object' ? [{ port: port as PortLike, field: `${field}[${i}]` }] : [])) : [];
}

/**
 * Problems with the ports of an app, in declaration order (the main container's, then the other
 * containers' and sidecars'), each on the port that repeats what an earlier one declared. Every port is a
 * container port and a port of the app's Service: its name is an IANA service name and the app's own;
 * its number and protocol are the app's own, as its containers share one network, and so is the number
 * the Service exposes. Reported on the prop, not once on the Deployment and again on the Service. Ports
 * whose shape is wrong are left to the shape check.
 */
export function portProblems(ports: readonly DeclaredPort[]): PropProblem[] {
  const names = new Map<string, string>();
  const numbers = new Map<string, string>();
  const exposed = new Map<string, string>();
  return [...portCountProblems(ports), ...ports.flatMap(({ port, field }): PropProblem[] => {
    const { name, port: number, servicePort } = port;
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    if (typeof name === 'string') {
      const problem = nameProblem(name, IANA_SERVICE_NAME);
      if (problem) {
        return [{ field: `${field}.name`, message: `port name ${problem}`, hint: `name the port in lower case, at most 15 characters, e.g. '${nameMeant(name, IANA_SERVICE_NAME) ?? 'http'}'` }];
      }
      if (names.has(name)) {
        return [{
          field: `${field}.name`, message: `port name "${name}" is taken by ${names.get(name)}`,
          hint: protocol === 'UDP' || typeof number !== 'number'
            ? `give each port its own name, e.g. '${name.slice(0, 11)}-udp' for the same number over another protocol`
            : `give each port its own name, e.g. '${name.slice(0, 14 - String(number).length).replace(/-+$/, '')}-${number}'`,
        }];
      }
      names.set(name, field);
    }
    if (typeof number !== 'number') {
      return [];
    }
    const key = `${number}/${protocol}`;
    if (numbers.has(key)) {
      return [{ field: `${field}.port`, message: `port ${key} is declared by ${numbers.get(key)} already`, hint: 'declare each port the app listens on once; a second name for it belongs to no port' }];
    }
    numbers.set(key, field);
    const exposedKey = `${typeof servicePort === 'number' ? servicePort : number}/${protocol}`;
    if (exposed.has(exposedKey)) {
      return [{
        field: `${field}.${typeof servicePort === 'number' ? 'servicePort' : 'port'}`, message: `the app's Service exposes ${exposedKey} for ${exposed.get(exposedKey)} already`,
        hint: 'give the port another servicePort',
      }];
    }
    exposed.set(exposedKey, field);
    return [];
  })];
}

/**
 * The most ports an app declares. Each is a port of its container and of its Service, an entry of its network
 * policy and of kube-proxy's rules on every node: a range of them (a TURN relay's 49152–65535, written out one
 * port at a time) makes objects of a megabyte and thousands of rules for what the host's network does at once.
 */
export const MAX_APP_PORTS = 100;

/** The app's ports beyond {@link MAX_APP_PORTS}: one problem, on the first port too many. Pure. */
function portCountProblems(ports: readonly DeclaredPort[]): PropProblem[] {
  if (ports.length <= MAX_APP_PORTS) {
    return [];
  }
  let lowest = Infinity;
  let highest = -Infinity;
  for (const { port } of ports) {
    if (typeof port.port === 'number') {
      lowest = Math.min(lowest, port.port);
      highest = Math.max(highest, port.port);
    }
  }
  const span = Number.isFinite(lowest) ? ` (from ${lowest} to ${highest})` : '';
  return [{
    field: ports[MAX_APP_PORTS].field,
    message: `the app declares ${ports.length} ports${span}, more than ${MAX_APP_PORTS}: each is a port of its container and its Service, an entry of its network policy and a rule of kube-proxy on every node `
      + "(objects of a megabyte, thousands of rules), for a range the host's network serves at once",
    hint: "run such an app on the host's network, exemptions: { hostNetwork: '<why>' }, with the range made as narrow as its clients need and given to the process itself "
      + "(coturn's --min-port and --max-port), and declare only the ports clients dial first, such as { name: 'turn', port: 3478, protocol: 'UDP' }",
  }];
}
