import { ingressRouteHostnames, leaveOwnerAction } from '../../constructs';
import type { ClusterChart } from '../../constructs';

/** What a cluster's check of its names says: from where, of which names, and why. */
export interface CertificateCheck {
  /** Where the owner runs it from, e.g. `from outside the network`. */
  readonly where: string;
  /** Which names answer through what, e.g. `every public name answers through the VPS`. */
  readonly subject: string;
  /** The design's words the check answers to. */
  readonly why: string;
  /** The names to ask, read when the README is written (the apps' routes are rendered after the cluster's constructor). @default - the cluster's own route names */
  readonly names?: () => readonly string[];
}

/**
 * The design's validation of DNS, ingress and certificates, as an owner step of `chart`: curl verifies each
 * certificate, so a name that does not resolve, is not routed or is not yet certified fails there.
 */
export function leaveCertificateCheck(chart: ClusterChart, check: CertificateCheck): void {
  const names = check.names ?? (() => ingressRouteHostnames(chart));
  leaveOwnerAction(chart, {
    kind: 'manual',
    get action() {
      return `once ${chart.node.id}'s Traefik has its certificates, check ${check.where} that ${check.subject} with a valid Let's Encrypt certificate (${names().join(', ')}): `
        + `${check.why}; each prints an HTTP status, and a certificate error or no answer names what is missing`;
    },
    get command() {
      return names().map((name) => `curl -sS -o /dev/null -w "${name} %{http_code}\\n" https://${name}`).join('; ');
    },
  });
}

/** Where a cluster's Traefik answers when no DNS record names its routes: an address and its HTTPS port there. */
export interface UnpublishedRoutes {
  /** The address the Traefik answers at (the machine whose port is published). */
  readonly address: string;
  /** Its HTTPS port at that address (a node port, not 443). */
  readonly httpsPort: number;
  /** Why no record names the routes, e.g. `the design routes no traffic to it`. */
  readonly why: string;
}

/**
 * How the owner reaches the routes of a Traefik that no record names and no resolver certifies, as an owner
 * step of `chart`: curl is told the address of each name (`--resolve`) and accepts Traefik's own default
 * certificate (`-k`), so the step also checks that every route answers. A browser needs a hosts entry and
 * the port in its address.
 */
export function leaveUnpublishedRouteCheck(chart: ClusterChart, routes: UnpublishedRoutes): void {
  const names = () => ingressRouteHostnames(chart);
  const port = routes.httpsPort;
  leaveOwnerAction(chart, {
    kind: 'manual',
    get action() {
      return `${chart.node.id}'s routes (${names().join(', ')}) resolve nowhere: no DNS record names them (${routes.why}), and its Traefik answers at ${routes.address}, port ${port}, `
        + "with Traefik's own self-signed default certificate (no certificate resolver). Reach them from a machine of the network by telling curl each name's address, "
        + `as the command does (it also checks that every route answers: each prints an HTTP status, and no answer names what is missing), or, in a browser, `
        + `through a hosts entry of each name for ${routes.address} and the port in the address (https://${names()[0] ?? 'NAME'}:${port})`;
    },
    get command() {
      return names().map((name) => `curl -sSk --resolve ${name}:${port}:${routes.address} -o /dev/null -w "${name} %{http_code}\\n" https://${name}:${port}`).join('; ');
    },
  });
}
