// The ports of mail's own protocols, which no HTTP route carries and whose servers judge each client by its
// address. One table for the App's routes and load balancer and for hand-written routes.

/** Mail protocols by the port their clients and servers dial. */
const MAIL_PORT_NUMBERS: ReadonlyMap<number, string> = new Map([
  [25, 'SMTP'], [465, 'SMTP submission over TLS'], [587, 'SMTP submission'], [143, 'IMAP'], [993, 'IMAP over TLS'],
  [110, 'POP3'], [995, 'POP3 over TLS'], [4190, 'ManageSieve'],
]);

/** Mail protocols by the names compose files and charts give their ports. */
const MAIL_PORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['smtp', 'SMTP'], ['smtps', 'SMTP submission over TLS'], ['submissions', 'SMTP submission over TLS'], ['submission', 'SMTP submission'],
  ['imap', 'IMAP'], ['imaps', 'IMAP over TLS'], ['pop3', 'POP3'], ['pop3s', 'POP3 over TLS'], ['sieve', 'ManageSieve'], ['managesieve', 'ManageSieve'],
]);

/**
 * The mail protocol a Service port serves, by its number (the port clients dial) or its name, or undefined for
 * any other port. Pure.
 */
export function mailProtocolOf(port: unknown, name: unknown): string | undefined {
  return (typeof port === 'number' ? MAIL_PORT_NUMBERS.get(port) : undefined) ?? (typeof name === 'string' ? MAIL_PORT_NAMES.get(name.toLowerCase()) : undefined);
}

/** The port SMTP servers deliver to each other on, whose server judges each sender by its address. */
export const SMTP_PORT = 25;

/** The finding of an HTTP route to a mail port `written` (`25 (smtp)`) serving `protocol`, without its field. Pure. */
export function mailPortRouteProblem(written: string, protocol: string, routeKind: string): { message: string; hint: string } {
  return {
    message: `port ${written} serves ${protocol}, mail's own protocol and not HTTP, and the ${routeKind} carries HTTP: every mail client and server would be answered in HTTP, or not at all`,
    hint: "serve mail ports through the app's load balancer, loadBalancer: { address, ports: ['smtp', 'submission', 'imaps'], externalTrafficPolicy: 'Local' }, "
      + '(or a TCP route, addTcpRoute) and route only the web port of the mail server',
  };
}
