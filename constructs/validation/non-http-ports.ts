// The ports of protocols other than HTTP that a home lab's servers listen on by TCP (mail's, a game's, a voice
// server's, a remote console's, an MQTT broker's, Syncthing's, a BitTorrent client's), which no HTTP route carries. One table for the App's routes and
// load balancer and for hand-written routes.

/** A protocol other than HTTP a port serves, with how its clients reach it instead of by an HTTP route. */
export interface NonHttpProtocol {
  /** The protocol, as messages name it (`SMTP`, `Minecraft Java Edition's protocol`). */
  readonly protocol: string;
  /** What the protocol is, as messages say it after the protocol: `mail's own protocol`. */
  readonly is: string;
  /** Who would be answered in HTTP: `every mail client and server`. */
  readonly clients: string;
  /** How its clients reach it instead, as the hint says it. */
  readonly instead: string;
  /** Whether it is a server's remote console, which no load balancer should expose either. @default false */
  readonly console?: boolean;
}

const MAIL_INSTEAD = "serve mail ports through the app's load balancer, loadBalancer: { address, ports: ['smtp', 'submission', 'imaps'], externalTrafficPolicy: 'Local' }, "
  + '(or a TCP route, addTcpRoute) and route only the web port of the mail server';
const mail = (protocol: string): NonHttpProtocol => ({ protocol, is: "mail's own protocol", clients: 'every mail client and server', instead: MAIL_INSTEAD });

const GAME_INSTEAD = "players connect through the app's load balancer, loadBalancer: { address, ports: ['<the game port>'], externalTrafficPolicy: 'Local' } "
  + "(or a TCP route, addTcpRoute); route only a web port of the server, such as a map's (BlueMap's 8100, Dynmap's 8123)";
const game = (protocol: string, is: string): NonHttpProtocol => ({ protocol, is, clients: "every player's client", instead: GAME_INSTEAD });

// A remote console takes the server's admin password in the clear: it stays inside the cluster.
const CONSOLE_INSTEAD = 'leave the console out of routes and load balancers and reach it from inside the cluster, '
  + 'e.g. kubectl exec -n <namespace> deploy/<app> -- rcon-cli <command> (itzg/minecraft-server ships rcon-cli)';
const remoteConsole = (protocol: string): NonHttpProtocol => ({
  protocol, is: "a server's remote console (whose password crosses the network in the clear)", clients: 'every console client', instead: CONSOLE_INSTEAD, console: true,
});

/**
 * Palworld's REST API (thijsvanloef's image, port 8212 unless REST_API_PORT moves it): HTTP, so a route may carry it,
 * but it takes the admin password by basic auth and kicks, bans, saves and stops the server, which its own docs keep
 * off the internet. Judged only where a load balancer exposes it.
 */
export const PALWORLD_REST_API: NonHttpProtocol = {
  protocol: "Palworld's REST API", is: 'an admin API that takes the admin password by HTTP basic auth, in the clear', clients: 'every API client',
  instead: "leave the API out of load balancers and call it from inside the cluster (curl -u admin:$ADMIN_PASSWORD http://<app>.<namespace>:8212/v1/api/info), or turn it off: env: { REST_API_ENABLED: 'false' }",
  console: true,
};

// A DNS server's clients ask over UDP and TCP on 53 (over TLS on 853) through its load balancer, never through an HTTP route.
const DNS_INSTEAD = "serve DNS through the app's load balancer on both protocols, loadBalancer: { address, ports: ['dns', 'dns-tcp'] }, "
  + "and route only the server's web UI (route: { host, port: <its web port> })";
const dns = (protocol: string): NonHttpProtocol => ({ protocol, is: 'the protocol DNS clients ask in', clients: 'every resolver and device that asks it', instead: DNS_INSTEAD });

// An MQTT broker's clients (sensors, Home Assistant, Zigbee2MQTT) speak MQTT over TCP on 1883, or over TLS on 8883; only
// MQTT over WebSockets (Mosquitto's `listener 9001` with `protocol websockets`) is HTTP an ingress carries.
const MQTT_INSTEAD = "clients connect through the app's load balancer, loadBalancer: { address, ports: ['mqtt'] } (or a TCP route, addTcpRoute); "
  + 'route only a WebSockets listener of the broker (route: { host, port: <its websockets port> }) for clients in a browser';
const mqtt = (protocol: string): NonHttpProtocol => ({ protocol, is: "a message broker's own protocol", clients: 'every MQTT client', instead: MQTT_INSTEAD });

// Syncthing's devices sync device to device over its Block Exchange Protocol: TLS on TCP 22000 (QUIC on UDP 22000), each
// device checking the other's certificate against its device ID, which an ingress's own TLS would replace.
const SYNCTHING: NonHttpProtocol = {
  protocol: "Syncthing's Block Exchange Protocol", is: "TLS from device to device, each checking the other's certificate against its device ID", clients: 'every device that syncs',
  instead: "devices sync through the app's load balancer on both protocols, loadBalancer: { address, ports: ['sync-tcp', 'sync-udp'] } (or on the host's network); "
    + 'route only its web GUI (route: { host, port: 8384 })',
};

// A download client's peers (qBittorrent's and Deluge's 6881, Transmission's 51413) connect from the internet in
// BitTorrent's own protocol, on TCP and UDP (uTP), to the port the client announces to trackers and the DHT.
const BITTORRENT: NonHttpProtocol = {
  protocol: "BitTorrent's peer protocol", is: 'which peers on the internet speak to the port the client announces', clients: 'every peer',
  instead: "peers reach the download client through its load balancer on both protocols, loadBalancer: { address, ports: ['torrent', 'torrent-udp'] } "
    + '(and a port forward of the router to that address); route only its web UI (route: { host, port: <the web UI port> })',
};

/** Protocols other than HTTP by the port their clients dial. */
const NON_HTTP_PORT_NUMBERS: ReadonlyMap<number, NonHttpProtocol> = new Map([
  [25, mail('SMTP')], [465, mail('SMTP submission over TLS')], [587, mail('SMTP submission')], [143, mail('IMAP')], [993, mail('IMAP over TLS')],
  [53, dns('DNS over TCP')], [853, dns('DNS over TLS')], [1883, mqtt('MQTT')], [8883, mqtt('MQTT over TLS')],
  [110, mail('POP3')], [995, mail('POP3 over TLS')], [4190, mail('ManageSieve')],
  [25565, game('Minecraft Java Edition', "a game's own protocol")], [64738, game('Mumble', "a voice server's own protocol")],
  [30033, game("TeamSpeak 3's file transfer", "a voice server's own protocol")],
  [22000, SYNCTHING], [6881, BITTORRENT], [51413, BITTORRENT], [25575, remoteConsole("Minecraft's RCON")], [27015, remoteConsole('RCON (Factorio\'s, Source games\')')], [10011, remoteConsole("TeamSpeak 3's ServerQuery")],
]);

// PHP-FPM (the `php:*-fpm` images and those built on them, Invoice Ninja's, Nextcloud's and WordPress' `-fpm` tags) speaks
// FastCGI on its port, to a web server beside it (`fastcgi_pass 127.0.0.1:9000`), never to a browser or an ingress.
const FASTCGI: NonHttpProtocol = {
  protocol: 'FastCGI', is: "PHP-FPM's protocol to the web server in front of it", clients: 'every browser the ingress forwards',
  instead: "route the port of the web server that passes requests to PHP-FPM (an nginx sidecar's fastcgi_pass 127.0.0.1:9000): route: { host, port: <the web server's port> }, and leave the FastCGI port out of routes",
};

/** Protocols other than HTTP by the names compose files and charts give their ports. */
const NON_HTTP_PORT_NAMES: ReadonlyMap<string, NonHttpProtocol> = new Map([
  ['smtp', mail('SMTP')], ['smtps', mail('SMTP submission over TLS')], ['submissions', mail('SMTP submission over TLS')], ['submission', mail('SMTP submission')],
  ['imap', mail('IMAP')], ['imaps', mail('IMAP over TLS')], ['pop3', mail('POP3')], ['pop3s', mail('POP3 over TLS')], ['sieve', mail('ManageSieve')],
  ['managesieve', mail('ManageSieve')], ['rcon', remoteConsole('RCON')], ['mqtt', mqtt('MQTT')], ['mqtts', mqtt('MQTT over TLS')],
  ['torrent', BITTORRENT], ['bittorrent', BITTORRENT], ['torrenting', BITTORRENT], ['fpm', FASTCGI], ['php-fpm', FASTCGI], ['fastcgi', FASTCGI],
]);

/**
 * The protocol other than HTTP a Service port serves, by its number (the port clients dial) or its name, or
 * undefined for any other port. Pure.
 */
export function nonHttpProtocolOf(port: unknown, name: unknown): NonHttpProtocol | undefined {
  return (typeof port === 'number' ? NON_HTTP_PORT_NUMBERS.get(port) : undefined) ?? (typeof name === 'string' ? NON_HTTP_PORT_NAMES.get(name.toLowerCase()) : undefined);
}

/** A server that judges each client by its address, as a load balancer's messages say it. */
export interface AddressJudge {
  /** The server or protocol (`SMTP`, `Minecraft Java Edition`). */
  readonly server: string;
  /** Whose address it judges, as `each <client>'s address` says it: `sender`, `player`. */
  readonly client: string;
  /** What judges the node's address in place of the client's, and what comes of it. */
  readonly judged: string;
  /**
   * How sure the harm is: an error where the server surely misjudges every client, a warning where a setting may
   * name them otherwise (a syslog message's own host name, a RADIUS client block that takes the nodes' network too).
   * @default 'error'
   */
  readonly severity?: 'error' | 'warning';
}

const SMTP: AddressJudge = {
  server: 'SMTP', client: 'sender',
  judged: 'SPF, DNS blocklists and the relay rules of the mail server would judge the node, not the sender, so forged mail passes and a server that trusts the LAN relays for the internet',
};
const MUMBLE: AddressJudge = { server: 'Mumble', client: 'user', judged: "Mumble's bans by address and its limits per address would meet the node: banning one user's address bans everyone" };
const RADIUS: AddressJudge = {
  server: 'RADIUS', client: 'access point', severity: 'warning',
  judged: "FreeRADIUS finds each request's client (clients.conf) and its shared secret by the packet's source: a client block of one access point's "
    + 'address never matches, so its WPA2-Enterprise logins are dropped as from an unknown client, and accounting files every session under a node',
};

/**
 * Servers that judge each client by its address, by the port (as the Service serves it) and the protocol clients
 * reach it on: a load balancer that keeps no client address (externalTrafficPolicy Cluster) hands them a node's.
 */
const ADDRESS_JUDGES: ReadonlyMap<string, AddressJudge> = new Map([
  ['25/TCP', SMTP],
  ['25565/TCP', { server: 'Minecraft Java Edition', client: 'player', judged: "the server's ban-ip and its log would meet the node: banning one player's address bans every player" }],
  ['64738/TCP', MUMBLE], ['64738/UDP', MUMBLE],
  ['9987/UDP', { server: "TeamSpeak 3's voice", client: 'user', judged: "TeamSpeak's bans by address and its flood protection would meet the node: banning one user's address bans everyone" }],
  // Syslog over UDP (RFC 5426); RADIUS' authentication and accounting ports (RFC 2865, 2866).
  ['514/UDP', {
    server: 'syslog', client: 'sender', severity: 'warning',
    judged: "a collector that names a message's host by the packet's source (syslog-ng unless keep-hostname, rsyslog for the many switches and access points that send no host name) files every device's log under a node",
  }],
  ['1812/UDP', RADIUS], ['1813/UDP', RADIUS],
]);

/** The server that judges each client by its address on Service port `port` of `protocol` (TCP unless given), or undefined. Pure. */
export function addressJudgeOf(port: number, protocol: string | undefined): AddressJudge | undefined {
  return ADDRESS_JUDGES.get(`${port}/${protocol ?? 'TCP'}`);
}

/** The finding of an HTTP route to a port `written` (`25 (smtp)`) serving `served`, without its field. Pure. */
export function nonHttpPortRouteProblem(written: string, served: NonHttpProtocol, routeKind: string): { message: string; hint: string } {
  return {
    message: `port ${written} serves ${served.protocol}, ${served.is}, not HTTP, and the ${routeKind} carries HTTP: ${served.clients} would be answered in HTTP, or not at all`,
    hint: served.instead,
  };
}
