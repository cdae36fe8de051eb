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
