import type { PropProblem } from '../validation/known-props';
import { pemCertificateProblems } from '../validation/pem-certificates';
import { privateNameSuffix } from '../validation/private-names';
import { isUrlWithScheme } from '../validation/urls';

// A lab's own ACME server (step-ca) as cert-manager's ACME issuer reaches it: at the directory of one of its
// provisioners, over HTTPS with a certificate the lab's CA signs. cert-manager fetches the directory from the
// URL as given and checks the server's certificate against `caBundle`, else the system's public roots.

/** step-ca's path of a provisioner, `/acme/<provisioner>`, whose directory is `/acme/<provisioner>/directory`. */
const STEP_CA_PROVISIONER_PATH = /^\/acme\/([^/]+)\/?$/;

/** Suffixes of the names a cluster's DNS answers for its Services, which no public CA signs. */
const CLUSTER_SERVICE_NAME = /(^|\.)(svc|svc\.cluster\.local|cluster\.local)$/i;

/**
 * Where the server's host lies, when no public CA signs a certificate for it: a cluster Service name
 * (`step-ca.step-ca.svc.cluster.local`), a name with no dot (a Service of the issuer's own namespace, never
 * cert-manager's), or a name under a private network's suffix (`ca.home.lan`). Pure.
 */
function privateHostKind(host: string): string | undefined {
  if (CLUSTER_SERVICE_NAME.test(host) || (!host.includes('.') && !host.includes(':'))) {
    return 'a cluster Service name';
  }
  const suffix = privateNameSuffix(host);
  return suffix === undefined || suffix === 'localhost' ? undefined : `a name under .${suffix}`;
}

/**
 * The problems of an ACME `server` that is a lab's own (step-ca) and the `caBundle` cert-manager trusts it with:
 * a step-ca provisioner's URL without `/directory`, which serves no directory; a server at a name no public CA
 * signs with no `caBundle`, whose certificate cert-manager refuses (x509: certificate signed by unknown
 * authority), so the account is never registered; and a `caBundle` that holds no PEM certificate. Pure.
 */
export function privateAcmeServerProblems(server: unknown, caBundle: unknown): PropProblem[] {
  const problems = pemCertificateProblems('caBundle', caBundle);
  if (!isUrlWithScheme(server, ['https'])) {
    return problems;
  }
  const url = new URL(server);
  const provisioner = STEP_CA_PROVISIONER_PATH.exec(url.pathname);
  if (provisioner !== null && provisioner[1] !== 'directory') {
    problems.push({
      field: 'server', message: `server ${JSON.stringify(server)} is step-ca's path of ACME provisioner "${provisioner[1]}", not its directory: cert-manager fetches the directory from the URL as given and the issuer never becomes ready`,
      hint: `give the provisioner's directory: server: '${url.origin}/acme/${provisioner[1]}/directory'`,
    });
  }
  const kind = privateHostKind(url.hostname);
  if (caBundle === undefined && kind !== undefined) {
    problems.push({
      field: 'caBundle', message: `server ${JSON.stringify(server)} is at ${kind}, for which no public CA signs a certificate, and no caBundle is given: `
        + "cert-manager checks the ACME server's certificate against the public roots, refuses it (certificate signed by unknown authority) and never registers the account",
      hint: "give the PEM of the lab's root CA that signs the server's certificate: caBundle (step-ca's certs/root_ca.crt, printed by step ca root)",
    });
  }
  return problems;
}
