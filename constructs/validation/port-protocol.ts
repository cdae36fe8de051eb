import { oneOfWithHabits } from './known-props';

/** Hint for a protocol of an application (app-template's `protocol: HTTP`): the port's transport is what counts. */
const APPLICATION_PROTOCOL = "protocol is the port's transport: HTTP, HTTPS and gRPC run over TCP, the default, so leave protocol out";

/** Hint for one entry that stands for both transports (compose's `53:53/tcp` and `53:53/udp` written as one). */
const BOTH_TRANSPORTS = "give one entry per protocol, each with its own name, e.g. { name: 'dns-tcp', port: 53 } and { name: 'dns', port: 53, protocol: 'UDP' }";

/**
 * The protocol of a port an app declares: `TCP` or `UDP`, in upper case as Kubernetes takes it, with a
 * hint for what compose files and Helm charts write there instead.
 */
export const PORT_PROTOCOL_SHAPE = oneOfWithHabits(['TCP', 'UDP'], {
  'HTTP': APPLICATION_PROTOCOL,
  'HTTPS': APPLICATION_PROTOCOL,
  'HTTP2': APPLICATION_PROTOCOL,
  'H2C': APPLICATION_PROTOCOL,
  'GRPC': APPLICATION_PROTOCOL,
  'TLS': APPLICATION_PROTOCOL,
  'TCP/UDP': BOTH_TRANSPORTS,
  'UDP/TCP': BOTH_TRANSPORTS,
  'TCP+UDP': BOTH_TRANSPORTS,
  'TCPUDP': BOTH_TRANSPORTS,
  'BOTH': BOTH_TRANSPORTS,
  'SCTP': "an app's ports are TCP or UDP; an SCTP port needs a hand-written Service and pod",
});
