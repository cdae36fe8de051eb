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
  return ports.flatMap(({ port, field }): PropProblem[] => {
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
  });
}
