import { PALWORLD_IMAGE } from './palworld-server';
import { HEADSCALE_IMAGE } from '../validation/headscale-config-files';
import { TURN_RELAY_IMAGE } from './turn-relay-image';
import {
  AddressPeer, AppNetworkPolicy, EgressPeer, IngressAllow, IngressPeer, NetworkPeer, NetworkPolicyKind, NODE_ENTITIES, NodeEgress, PolicyPort,
  renderNetworkPolicy,
} from '../platform/network-policy';
import { Construct, IConstruct } from 'constructs';
import { formatIpBlock, networkOf, parseIpBlock, singleAddressNetwork, withoutLeadingZeros } from '../inventory/ip';
import { describeValue } from '../inventory/problems';
import { PropProblem, propProblems, PropShape } from '../validation/known-props';
import { PORT_PROTOCOL_SHAPE } from '../validation/port-protocol';
import { labelMapProblems } from '../validation/label-map';
import type { AppPeer, AppPort } from './props';
import { isLinkedApp, LinkedApp } from './app-links';

/** Namespace of Knative's activator, which holds and forwards requests while an app scales from zero. */
export const KNATIVE_SERVING_NAMESPACE = 'knative-serving';

/** Label that selects an app's pods; the one label every selector of this library uses. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';

/** What an app's policy is derived from. */
export interface AppNetworkFacts {
  /** Name of the policy (the app's name). */
  readonly name: string;
  /** Namespace of the app. */
  readonly namespace: string;
  /** Labels of the policy object. */
  readonly labels: Record<string, string>;
  /** Labels that select the app's pods. */
  readonly podLabels: Record<string, string>;
  /** Every port of the app. */
  readonly ports: readonly AppPort[];
  /** Service ports the cluster's ingress forwards to. */
  readonly routedServicePorts: readonly number[];
  /** Ports open to anyone (LoadBalancer, NodePort). */
  readonly exposedToAll: readonly AppPort[];
  /** Port name that serves metrics, scraped from any namespace. */
  readonly metricsPort?: string;
  /** Where the cluster's ingress controller sends traffic from. */
  readonly ingressPeer: IngressPeer;
  /** Whether the app is a Knative Service, reached through Knative's activator. */
  readonly knative: boolean;
  /** Peers the app admits besides the ingress. */
  readonly allowFrom: readonly AppPeer[];
  /**
   * Networks (`<address>/32`) of the nodes where peers of `allowFrom` that use the host's network may run:
   * their traffic carries the node's address, which no pod selector matches. @default []
   */
  readonly allowFromNodes?: readonly string[];
  /** Where the app may connect to besides DNS: anywhere, or the listed peers and addresses. */
  readonly egress: 'any' | ReadonlyArray<AppPeer | AddressPeer>;
  /**
   * Peers of a listed `egress` that use the host's network: the networks of the nodes each may run on, and
   * its ports. @default []
   */
  readonly egressToNodes?: readonly NodeEgress[];
  /** Where the Kubernetes API answers, when the app reads it (see `clusterApiServer`). @default - it does not */
  readonly apiServer?: readonly AddressPeer[];
}

/** An app's policy, ready for either kind. */
export interface DerivedPolicy {
  /** Metadata of the policy object. */
  readonly metadata: Record<string, unknown>;
  /** The Cilium entity routed traffic comes from, when only a CiliumNetworkPolicy can admit it. */
  readonly ingressNeedsCilium?: string;
  typeFor(kind: NetworkPolicyKind): { apiVersion: string; kind: string };
  bodyFor(kind: NetworkPolicyKind): Record<string, unknown>;
}

/** `NetworkPeer`, for callers the type checker does not see. */
const NETWORK_PEER_SHAPE = { namespace: 'namespace', podLabels: { '{}': 'string' } } as const satisfies Record<keyof NetworkPeer, PropShape>;

/** `AddressPeer`, for callers the type checker does not see. */
const ADDRESS_PEER_SHAPE = { cidr: 'string', ports: { '[]': { port: 'port', protocol: PORT_PROTOCOL_SHAPE } } } as const satisfies Record<keyof AddressPeer, PropShape>;

/**
 * Problems with a list of peers given as props (`allowFrom`, `egress`): each is an app or a
 * `NetworkPeer`, or for egress (`addresses`) an `AddressPeer`. A misspelt key matters more here than
 * elsewhere: `{ namepace: 'monitoring' }` would leave a peer with no namespace and no labels, which
 * admits every pod of the cluster.
 */
export function peerProblems(peers: unknown, field: string, addresses = false, cluster?: IConstruct): PropProblem[] {
  if (peers === undefined) {
    return [];
  }
  if (!Array.isArray(peers)) {
    // Egress open or shut in a word, as firewalls write it: `'any'` is the one word egress takes.
    const word = addresses && typeof peers === 'string' ? peers.trim().toLowerCase() : undefined;
    const hint = word === 'any' || word === 'all' || word === '*' ? `write egress: 'any' (in lower case) to leave egress open`
      : word === 'none' || word === 'deny' ? 'write egress: [] to let the app reach nothing but the cluster DNS'
      : `give ${field} as a list: [otherApp, { namespace: 'monitoring' }]`;
    return [{ field, message: `${field} is ${describeValue(peers)}, not a list of peers`, hint }];
  }
  return peers.flatMap((peer: unknown, i) => {
    const written = writtenPeerProblem(peer, `${field}[${i}]`, field, addresses);
    if (written !== undefined) {
      return [written];
    }
    return addresses && peer !== null && typeof peer === 'object' && 'cidr' in peer
      ? addressPeerProblems(peer, `${field}[${i}]`)
      : onePeerProblems(peer, `${field}[${i}]`, cluster);
  });
}

/**
 * A peer written as a compose file or a firewall rule writes one: an app by its name (a compose link), a
 * machine by its address as text, or by its host name and port. One problem on the peer, whose hint writes
 * it as `list` (`allowFrom`, `egress`; `addresses` when it takes addresses outside the cluster) takes it. Pure.
 */
function writtenPeerProblem(peer: unknown, at: string, list: string, addresses: boolean): PropProblem | undefined {
  if (typeof peer === 'string') {
    const text = peer.trim();
    const network = parseIpBlock(text) !== undefined ? text : parseIpBlock(singleAddressNetwork(text)) !== undefined ? singleAddressNetwork(text) : undefined;
    if (network !== undefined) {
      return addresses
        ? { field: at, message: `${at} is the address ${describeValue(peer)} as text, where an address outside the cluster is an object`, hint: `write { cidr: '${network}' }, with ports: [{ port: … }] to allow only some of its ports` }
        : {
          field: at, message: `${at} is the address ${describeValue(peer)}, and ${list} admits pods of the cluster (apps and namespaces), not addresses`,
          hint: 'machines outside the cluster reach the app through a route, a load balancer or a node port, which admit anyone; for pods, pass an app or { namespace }',
        };
    }
    const variable = text.replace(/[-_.\s]+([a-z0-9])/gi, (_m, c: string) => c.toUpperCase()) || 'otherApp';
    return {
      field: at, message: `${at} is ${describeValue(peer)}, the name of an app, where the app itself belongs`,
      hint: `pass the app itself, the object new App(…) returned: ${list}: [${variable}]; or the pods of a namespace: { namespace: '${text || 'monitoring'}' }`,
    };
  }
  const named = peer !== null && typeof peer === 'object' && !Array.isArray(peer) ? peer as Record<string, unknown> : undefined;
  const host = named?.host ?? named?.hostname;
  if (addresses && named !== undefined && !('cidr' in named) && typeof host === 'string') {
    const ports = typeof named.port === 'number' ? `, ports: [{ port: ${named.port} }]` : '';
    return {
      field: at, message: `${at} names the machine ${describeValue(host)} by its host name, and a NetworkPolicy matches addresses, not host names`,
      hint: `write its address: { cidr: '<address of ${host}>/32'${ports} } (an inventory host's address with /32)`,
    };
  }
  return undefined;
}

function addressPeerProblems(peer: object, field: string): PropProblem[] {
  const ports = (peer as { ports?: unknown }).ports;
  const problems = propProblems('AddressPeer', peer, ADDRESS_PEER_SHAPE).map((problem) => {
    const at = /^ports\[(\d+)\]$/.exec(problem.field);
    const given = at !== null && Array.isArray(ports) ? ports[Number(at[1])] : undefined;
    const written = /^\s*(\d+)(?:\/(tcp|udp))?\s*$/i.exec(typeof given === 'number' || typeof given === 'string' ? String(given) : '');
    // A port of an address has no name, which the hint for an app's port (`{ name: 'http', port: 443 }`) gives it.
    const hint = written === null ? problem.hint
      : `write the port as an object: { port: ${written[1]}${written[2]?.toLowerCase() === 'udp' ? ", protocol: 'UDP'" : ''} }`;
    return { ...problem, field: `${field}.${problem.field}`, hint };
  });
  const cidr = (peer as Partial<AddressPeer>).cidr;
  const problem = typeof cidr === 'string' ? cidrProblem(cidr) : undefined;
  if (problem) {
    problems.push({ field: `${field}.cidr`, ...problem });
  }
  return problems;
}

/**
 * What is wrong with an egress network, IPv4 or IPv6 as NetworkPolicy takes either: text that is no
 * block, or an address with host bits set (`192.168.1.20/24`), which opens the whole network where one
 * machine was most likely meant (newer API servers warn about it, and refuse it under strict validation).
 */
export function cidrProblem(cidr: string): { message: string; hint: string } | undefined {
  const block = parseIpBlock(cidr);
  if (block === undefined) {
    const address = cidr.split('/')[0];
    const canonical = withoutLeadingZeros(address);
    if (canonical !== undefined) {
      return { message: `${describeValue(cidr)} has leading zeros, which Kubernetes and other Go programs refuse (others read them as octal)`, hint: `write ${cidr.replace(address, canonical)}` };
    }
    // A bare address is one machine: its network is the address with the family's full prefix.
    const single = !cidr.includes('/') && parseIpBlock(singleAddressNetwork(cidr)) !== undefined ? singleAddressNetwork(cidr) : undefined;
    return {
      message: `${describeValue(cidr)} is not an IPv4 or IPv6 CIDR block${single ? ', but a single address' : ''}`,
      hint: single ? `write ${single} for that one machine` : 'write the network as address/prefix, e.g. 10.0.0.10/32 for one machine or fd00::/64',
    };
  }
  const network = networkOf(block);
  if (network === block.address) {
    return undefined;
  }
  return {
    message: `${describeValue(cidr)} has host bits set: it opens the whole network ${formatIpBlock(block.family, network, block.prefix)}`,
    hint: `write ${formatIpBlock(block.family, block.address, block.bits)} for one machine, or ${formatIpBlock(block.family, network, block.prefix)} for the network`,
  };
}

/**
 * Egress networks no packet of the app reaches, each with its field: one wholly in the loopback range
 * (`127.0.0.1/32`, `127.0.0.0/8`, `::1/128`), whose traffic stays inside the pod and never meets a
 * NetworkPolicy, so the entry allows nothing and most likely stands for the node or another machine (a
 * warning: the app still works); and, for a pod on the pod network (`hostNetwork` false), one wholly in the
 * multicast range (`224.0.0.251/32` of mDNS, `239.255.255.250/32` of SSDP, `ff02::fb/128`) or the broadcast
 * address `255.255.255.255/32` (HDHomeRun's discovery on UDP 65001): the pod sends it on its own interface, and
 * the pod network forwards none of it to the LAN, so the discovery the entry was written for finds nothing (an error); so is an IPv6 link-local network (`fe80::/10`), reached only on
 * the link it belongs to, which for such a pod is its own interface. For a pod on the host's network every
 * address entry is an error: no NetworkPolicy selects such a pod, so the rule limits nothing. Pure.
 */
export function unreachableEgressNotes(peers: unknown, field: string, hostNetwork: boolean): Array<PropProblem & { severity: 'error' | 'warning' }> {
  return (Array.isArray(peers) ? peers : []).flatMap((peer: unknown, i): Array<PropProblem & { severity: 'error' | 'warning' }> => {
    const cidr = peer !== null && typeof peer === 'object' && 'cidr' in peer ? (peer as { cidr?: unknown }).cidr : undefined;
    const block = parseIpBlock(cidr);
    if (block === undefined) {
      return [];
    }
    if (hostNetwork) {
      return [{
        severity: 'error', field: `${field}[${i}].cidr`,
        message: `${String(cidr)} limits the egress of a pod on the host's network, which no NetworkPolicy selects (the CNI enforces policies on the pod network only): `
          + 'the rule is written and never enforced, and the app reaches every address',
        hint: `drop the address entries of ${field} (the apps it lists still admit this app in their policies); limit what the node sends with the host's firewall, or run the app on the pod network (leave out exemptions.hostNetwork)`,
      }];
    }
    const loopback = block.family === 4 ? block.prefix >= 8 && block.address >> 24n === 127n : block.prefix === 128 && block.address === 1n;
    if (loopback) {
      return [{
        severity: 'warning', field: `${field}[${i}].cidr`,
        message: `${String(cidr)} is the pod's own loopback, whose traffic never leaves the pod and no NetworkPolicy sees, so this entry allows nothing`,
        hint: 'drop it (a pod always reaches its own localhost); for a service on the node or another machine, allow that machine\'s address, e.g. 192.168.1.10/32',
      }];
    }
    const multicast = block.family === 4 ? block.prefix >= 4 && block.address >> 28n === 0xen : block.prefix >= 8 && block.address >> 120n === 0xffn;
    // The limited broadcast address, where HDHomeRun tuners (UDP 65001) and other LAN devices are looked for.
    const broadcast = block.family === 4 && block.prefix === 32 && block.address === 0xffffffffn;
    // IPv6 link-local addresses (fe80::/10) are reached only on the link they belong to: the pod's own is its interface's.
    const linkLocal = block.family === 6 && block.prefix >= 10 && block.address >> 118n === 0x3fan;
    return (multicast || broadcast || linkLocal) && !hostNetwork ? [{
      severity: 'error', field: `${field}[${i}].cidr`,
      message: multicast || broadcast
        ? `${String(cidr)} is ${multicast ? 'multicast (mDNS, SSDP and other discovery)' : 'the broadcast address (HDHomeRun tuners and other devices are discovered there)'}: the pod sends it on its own interface of the pod network, which forwards no ${multicast ? 'multicast' : 'broadcast'} to the LAN, so no device there hears it and discovery finds nothing`
        : `${String(cidr)} is IPv6 link-local, reached only on the link it belongs to: the pod's link is its own interface of the pod network, so no device of the LAN is reached at such an address (as Matter and Thread devices are found)`,
      hint: `${multicast ? 'discovery by multicast' : broadcast ? 'discovery by broadcast' : 'a device at a link-local address'} needs the host's network: exemptions: { hostNetwork: '<why>' }, where no NetworkPolicy applies, so drop this entry then; `
        + "or give the app its devices by a routed address and allow those, e.g. { cidr: '192.168.20.0/24' }",
    }] : [];
  });
}

/** Ports that a protocol of a VPN, of time, of network boot or of device polling runs on over UDP alone, by what runs there. */
export const UDP_ONLY_PORTS: ReadonlyMap<number, string> = new Map([
  [51820, 'WireGuard'], [41641, "Tailscale's WireGuard"], [500, "IPsec's IKE"], [4500, "IPsec's NAT traversal"], [123, 'NTP'],
  // A PXE firmware fetches its boot loader over TFTP, which has no TCP form (netboot.xyz's, dnsmasq's).
  [69, 'TFTP'],
  // Switches and routers answer SNMP polls, and send their traps, over UDP: SNMP over TCP is an option few agents have.
  [161, 'SNMP'], [162, "SNMP's traps"],
  // Bedrock clients reach a Bedrock server, or a Java one through Geyser, over RakNet, which runs on UDP alone.
  [19132, 'Minecraft Bedrock Edition'],
  // Valheim's dedicated server takes players, the server browser's queries and crossplay over Steam's UDP networking.
  [2456, 'Valheim'], [2457, "Valheim's server query"], [2458, "Valheim's crossplay"],
  // Factorio's multiplayer and TeamSpeak 3's voice run on UDP alone; their TCP ports are RCON, ServerQuery and files.
  [34197, 'Factorio'], [9987, "TeamSpeak 3's voice"],
  // A Moonlight client takes the stream of a GameStream host (Sunshine, Steam Headless' Sunshine) over UDP alone: video,
  // control (ENet) and audio; the host's TCP ports pair the client and start the session. Wolf's control is on 47999 too.
  [47998, "Moonlight's video stream"], [47999, "Moonlight's control stream"], [48000, "Moonlight's audio stream"],
]);

/**
 * Ports an image's own protocol uses over UDP alone, where the number alone tells nothing (10000 is also Webmin's,
 * over TCP; 27015 RCON's): Jitsi Videobridge's media, which every participant's audio and video reach it on (its
 * `JVB_PORT`), and Palworld's game and query ports.
 */
/** MediaMTX's image, on Docker Hub and GitHub's registry (the `-ffmpeg` and `-rpi` variants are tags of it). */
const MEDIAMTX_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)bluenviron\/mediamtx(?=[:@]|$)/;

/** Games on Whales' Wolf, on GitHub's registry. */
const WOLF_IMAGE = /^ghcr\.io\/games-on-whales\/wolf(?=[:@]|$)/;

const UDP_ONLY_IMAGE_PORTS: ReadonlyArray<{ readonly image: RegExp; readonly port: number; readonly runs: string }> = [
  { image: /^(docker\.io\/)?jitsi\/jvb(?=[:@]|$)/, port: 10000, runs: "Jitsi Videobridge's media" },
  // Palworld's players and Steam's server queries (its PORT and QUERY_PORT), in thijsvanloef's image.
  { image: PALWORLD_IMAGE, port: 8211, runs: 'Palworld' }, { image: PALWORLD_IMAGE, port: 27015, runs: "Palworld's Steam query" },
  // MediaMTX's defaults (mediamtx.yml): RTP and RTCP of RTSP's UDP transport, WebRTC's media (webrtcLocalUDPAddress;
  // its TCP listener is off unless set) and SRT, each over UDP alone.
  { image: MEDIAMTX_IMAGE, port: 8000, runs: "MediaMTX's RTP" }, { image: MEDIAMTX_IMAGE, port: 8001, runs: "MediaMTX's RTCP" },
  { image: MEDIAMTX_IMAGE, port: 8189, runs: "MediaMTX's WebRTC media" }, { image: MEDIAMTX_IMAGE, port: 8890, runs: "MediaMTX's SRT" },
  // Wolf (Games on Whales) sends a Moonlight client its video and audio from ports of its own (its Dockerfile's EXPOSE);
  // its control stream is on 47999 as every GameStream host's.
  { image: WOLF_IMAGE, port: 48100, runs: "Wolf's video stream" }, { image: WOLF_IMAGE, port: 48200, runs: "Wolf's audio stream" },
  // Headscale's embedded DERP server answers STUN on its stun_listen_addr (3478) over UDP alone, where Tailscale's
  // clients learn their public address; 3478 is read as a TURN server's, which takes TCP too, everywhere else.
  { image: HEADSCALE_IMAGE, port: 3478, runs: "Headscale's embedded DERP server (STUN, which Tailscale's clients find their public address with)" },
];

/** What speaks UDP alone on `port` (or `servicePort`) of a container of `image`, by the port or the image, or undefined. Pure. */
export function udpOnlyUse(image: unknown, port: number, servicePort: number): string | undefined {
  const byImage = typeof image === 'string' ? UDP_ONLY_IMAGE_PORTS.find((known) => known.image.test(image) && known.port === port) : undefined;
  return UDP_ONLY_PORTS.get(port) ?? UDP_ONLY_PORTS.get(servicePort) ?? byImage?.runs;
}

/**
 * Egress ports to an address outside the cluster that only a UDP protocol uses (WireGuard's 51820, a VPN
 * endpoint of a gluetun sidecar), opened for TCP, the default, each with its field: the policy lets through
 * none of the protocol's packets, and the tunnel never comes up. Pure.
 */
export function udpOnlyEgressNotes(peers: unknown, field: string): PropProblem[] {
  return (Array.isArray(peers) ? peers : []).flatMap((peer: unknown, i) => {
    const ports = peer !== null && typeof peer === 'object' && 'cidr' in peer ? (peer as { ports?: unknown }).ports : undefined;
    return (Array.isArray(ports) ? ports : []).flatMap((port: { port?: unknown; protocol?: unknown } | null, j) => {
      const runs = typeof port?.port === 'number' ? UDP_ONLY_PORTS.get(port.port) : undefined;
      return runs !== undefined && (port?.protocol ?? 'TCP') === 'TCP' ? [{
        field: `${field}[${i}].ports[${j}]`,
        message: `port ${String(port?.port)} is opened for TCP${port?.protocol === undefined ? ' (the default)' : ''}, and ${runs} speaks UDP there: the policy lets none of its packets out`,
        hint: `open it for UDP: { port: ${String(port?.port)}, protocol: 'UDP' }`,
      }] : [];
    });
  });
}


/**
 * A TURN relay (coturn) on the pod network whose listed egress opens no address block of every address on every
 * UDP port (`{ cidr: '0.0.0.0/0' }` without ports): the relay sends each call's media to the other party's own
 * address and port, which no narrower rule foresees, so every relayed call stays silent. One problem on `field`.
 * Pure.
 */
export function relayEgressProblems(image: unknown, egress: unknown, hostNetwork: boolean, field: string): PropProblem[] {
  if (typeof image !== 'string' || !TURN_RELAY_IMAGE.test(image) || hostNetwork || !Array.isArray(egress)) {
    return [];
  }
  const opensEveryPeer = egress.some((peer: unknown) => {
    if (peer === null || typeof peer !== 'object' || !('cidr' in peer)) {
      return false;
    }
    const { cidr, ports } = peer as { cidr?: unknown; ports?: unknown };
    return parseIpBlock(cidr)?.prefix === 0 && (ports === undefined || (Array.isArray(ports) && ports.length === 0));
  });
  return opensEveryPeer ? [] : [{
    field,
    message: `${field} lists where the TURN relay may send, and no entry opens every address on every UDP port: the relay sends each call's media on to the other party's `
      + 'own address and port, which the policy would drop, so every call through the relay stays silent',
    hint: `add { cidr: '0.0.0.0/0' } (and '::/0' for IPv6 peers) without ports to ${field}, or leave ${field} out; coturn's own --denied-peer-ip keeps it off the LAN`,
  }];
}

/** Problems with one peer given at `field` (see {@link peerProblems}). */
export function onePeerProblems(peer: unknown, field: string, cluster?: IConstruct): PropProblem[] {
  if (peer !== null && typeof peer === 'object' && typeof (peer as { asNetworkPeer?: unknown }).asNetworkPeer === 'function') {
    return cluster !== undefined && Construct.isConstruct(peer) && !peer.node.scopes.includes(cluster) ? [otherClusterPeerProblem(peer, field)] : [];
  }
  if (peer === null || typeof peer !== 'object' || Array.isArray(peer)) {
    return [{ field, message: `${field} is ${describeValue(peer)}, not a peer`, hint: "pass an app, or { namespace, podLabels } (e.g. { namespace: 'monitoring' })" }];
  }
  const named = appNamedPeerProblem(peer, field, cluster);
  if (named !== undefined) {
    return [named];
  }
  // A problem of the peer as a whole (a Set where the object belongs) is on the field that took it.
  const shapeProblems = propProblems('NetworkPeer', peer, NETWORK_PEER_SHAPE).map((problem) => ({ ...problem, field: problem.field === 'NetworkPeer' ? field : `${field}.${problem.field}` }));
  // The pod labels a peer selects by are label values as the policy's selector takes them, answered on the peer.
  return shapeProblems.length > 0 ? shapeProblems : labelMapProblems((peer as NetworkPeer).podLabels, `${field}.podLabels`);
}

/**
 * A peer written as an app's name (`{ app: 'mailserver' }`, as a compose service or a label selector names it):
 * a peer is the app itself, or the namespace and labels of its pods. The hint writes the pods of the app of that
 * id in `cluster` when it is built already.
 */
function appNamedPeerProblem(peer: object, field: string, cluster?: IConstruct): PropProblem | undefined {
  const named = (peer as { app?: unknown }).app;
  if (typeof named !== 'string' || 'namespace' in peer || 'podLabels' in peer) {
    return undefined;
  }
  const app = cluster?.node.findAll().find((c) => c.node.id === named && isLinkedApp(c as AppPeer)) as LinkedApp | undefined;
  const pods = app?.asNetworkPeer() ?? { namespace: `<namespace of ${named}>`, podLabels: { [APP_NAME_LABEL]: named } };
  const list = field.replace(/\[\d+\]$/, '');
  return {
    field: `${field}.app`,
    message: `${field} names app "${named}" by a prop a peer does not have (app); the peer would select no pod, and the policy would leave ${named} out`,
    hint: `pass the app itself, ${list}: [${named.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}] (the const the app is kept in), or its pods: { namespace: '${String(pods.namespace)}', podLabels: { '${APP_NAME_LABEL}': '${named}' } }`,
  };
}

/**
 * An app of another cluster named as a peer: a policy selects pods of its own cluster only, so the one
 * rendered would name pods that are not there, and the app's traffic would stay shut out. Pure.
 */
function otherClusterPeerProblem(peer: IConstruct, field: string): PropProblem {
  return {
    field, message: `${field} is app ${peer.node.path} of another cluster; a network policy selects the pods of its own cluster only`,
    hint: field.startsWith('egress')
      ? `reach it at an address its cluster serves it on (its route or load balancer): egress: [{ cidr: '<that address>/32' }], or leave egress out`
      : 'traffic from another cluster comes from its nodes, which a route or a load balancer of this app admits; leave the app out of the list',
  };
}

function peerOf(peer: AppPeer): NetworkPeer {
  return 'asNetworkPeer' in peer ? peer.asNetworkPeer() : peer;
}

function egressPeerOf(peer: AppPeer | AddressPeer): EgressPeer {
  return 'cidr' in peer ? peer : peerOf(peer);
}

/** A port of the app as policies name it: the container's port. Pure. */
export const policyPort = (p: AppPort): PolicyPort => ({ port: p.port, protocol: p.protocol ?? 'TCP' });

/**
 * Default-deny ingress with the allows an app's intent implies: the ingress controller on routed ports,
 * anyone on load-balanced and node ports, declared peers on every port, scrapers on the metrics port;
 * DNS egress, and egress elsewhere as declared. Pure.
 */
export function appNetworkPolicy(facts: AppNetworkFacts): DerivedPolicy {
  const ingress: IngressAllow[] = [];
  const routed = facts.ports.filter((p) => facts.routedServicePorts.includes(p.servicePort ?? p.port)).map(policyPort);
  const peer = facts.ingressPeer;
  if (routed.length > 0) {
    ingress.push({ from: peer.pods ? [peer.pods] : [], entities: peer.ciliumEntity ? [peer.ciliumEntity] : [], ports: routed });
  }
  if (facts.knative) {
    // The activator forwards requests while the app scales from zero; once it runs, Knative's ingress (the
    // cluster's own, through its Gateway API or ingress integration) sends them to its pods directly.
    ingress.push({
      from: [{ namespace: KNATIVE_SERVING_NAMESPACE }, ...(peer.pods ? [peer.pods] : [])],
      entities: peer.ciliumEntity ? [peer.ciliumEntity] : [],
      ports: [],
    });
  }
  const exposed = dedupe(facts.exposedToAll.map(policyPort));
  if (exposed.length > 0) {
    ingress.push({ from: [], ports: exposed });
  }
  const metrics = facts.ports.find((p) => p.name === facts.metricsPort);
  if (metrics) {
    // Where Prometheus runs is the monitoring component's business; any pod of the cluster may scrape.
    ingress.push({ from: [{}], ports: [policyPort(metrics)] });
  }
  if (facts.allowFrom.length > 0 && facts.ports.length > 0) {
    const nodes = facts.allowFromNodes ?? [];
    ingress.push({
      from: facts.allowFrom.map(peerOf), ports: facts.ports.map(policyPort),
      ...(nodes.length > 0 ? { addresses: nodes, entities: NODE_ENTITIES } : {}),
    });
  }
  const policy: AppNetworkPolicy = {
    name: facts.name, namespace: facts.namespace, labels: facts.labels, podLabels: facts.podLabels,
    ingress,
    egress: facts.egress === 'any' ? 'any' : facts.egress.map(egressPeerOf),
    egressToNodes: facts.egress === 'any' ? undefined : facts.egressToNodes,
    apiServer: facts.apiServer,
  };
  return {
    metadata: { name: facts.name, namespace: facts.namespace, labels: facts.labels },
    ingressNeedsCilium: routed.length > 0 && !peer.pods ? peer.ciliumEntity : undefined,
    typeFor: (kind) => (kind === 'cilium'
      ? { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' }
      : { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }),
    bodyFor: (kind) => {
      const { apiVersion: _a, kind: _k, metadata: _m, ...body } = renderNetworkPolicy(kind, policy);
      return body;
    },
  };
}

function dedupe(ports: PolicyPort[]): PolicyPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const key = `${p.port}/${p.protocol}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
