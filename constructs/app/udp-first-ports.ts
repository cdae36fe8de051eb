import type { PropProblem } from '../validation/known-props';

/** What runs on a port whose clients ask over UDP first, the clients that ask and what a TCP port alone would leave them with. */
export interface UdpFirstUse {
  readonly serves: string;
  readonly clients: string;
  readonly fails: string;
  /** The word its ports are named with (`dns-tcp`, `dns-udp`). */
  readonly names: string;
}

/**
 * Ports whose protocol runs over both TCP and UDP while its clients ask over UDP first, by what runs there, the
 * clients that ask and what a TCP port alone would leave them with: DNS (TCP for long answers) and STUN/TURN
 * (TCP for clients a firewall keeps off UDP; browsers' WebRTC asks over UDP unless told otherwise).
 */
export const UDP_FIRST_PORTS: ReadonlyMap<number, UdpFirstUse> = new Map([
  [53, { serves: 'DNS', clients: 'DNS clients', fails: 'every lookup would time out', names: 'dns' }],
  [3478, { serves: 'STUN and TURN', clients: "WebRTC clients (browsers, Element, Jitsi Meet)", fails: 'calls between clients behind NAT would find no relay and fail', names: 'turn' }],
]);

/** One port of an app as its load balancer sees it: its name, protocol and the number its Service serves. */
export interface ExposedPort {
  readonly name: string;
  readonly protocol?: string;
  /** The Service's port (`servicePort`, else the container's). */
  readonly at: number;
}

/**
 * A load balancer whose `ports` list a UDP-first port (DNS' 53) for TCP and leave out the app's own UDP port of that
 * number: the app serves it, but the LoadBalancer Service forwards only what the list names, so the LAN's clients,
 * which ask over UDP first, time out at the address. One problem per number, on `<field>.ports`, whose hint writes
 * the list with the UDP port added. An app that declares no UDP twin is told so by its port's own check. Pure.
 */
export function loadBalancerUdpFirstProblems(ports: readonly ExposedPort[], listed: readonly string[] | undefined, field: string): PropProblem[] {
  if (!Array.isArray(listed)) {
    return [];
  }
  const chosen = ports.filter((port) => listed.includes(port.name));
  const problems: PropProblem[] = [];
  const judged = new Set<number>();
  for (const port of chosen) {
    const first = UDP_FIRST_PORTS.get(port.at);
    if (first === undefined || (port.protocol ?? 'TCP') !== 'TCP' || judged.has(port.at) || chosen.some((other) => other.protocol === 'UDP' && other.at === port.at)) {
      continue;
    }
    judged.add(port.at);
    const twin = ports.find((other) => other.protocol === 'UDP' && other.at === port.at);
    if (twin === undefined) {
      continue;
    }
    problems.push({
      field: `${field}.ports`,
      message: `the load balancer forwards ${first.serves} on port ${port.at} over TCP alone (${port.name}), while the app serves it over UDP too (${twin.name}), and ${first.clients} ask over UDP first: `
        + `the LoadBalancer Service forwards only the ports its list names, so ${first.fails} at its address`,
      hint: `list the UDP port too: ${withPorts(field, [...listed, twin.name])}`,
    });
  }
  return problems;
}

/** The load balancer's props with `ports` as the hint writes them: a prop (`loadBalancer: { … }`) or a call (`addLoadBalancer({ … })`). Pure. */
function withPorts(field: string, names: readonly string[]): string {
  const props = `{ …, ports: [${names.map((name) => `'${name}'`).join(', ')}] }`;
  return field.startsWith('add') ? `${field}(${props})` : `${field}: ${props}`;
}
