import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { selectedSolver, solverKind, solverSelection } from './acme-solver-selection';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { privateNameForPublicCa, privateNameSuffix, publicAcmeAuthority } from './private-names';
import { isLanAddress } from '../inventory/host-networks';
import { gatewayShimIssuer, SHIM_ANNOTATIONS, shimListeners } from './certificate-shim';

/** The names a cert-manager Certificate asks an issuer for, with the field that holds each. */
interface CertificateRequest {
  readonly object: SynthesizedObject;
  readonly names: ReadonlyArray<{ readonly name: string; readonly field: string }>;
  readonly issuerKind: string;
  readonly issuerName: string;
  readonly labels: Readonly<Record<string, string>>;
  /** A Certificate's `ipAddresses`. @default - none */
  readonly addresses?: readonly unknown[];
}


/**
 * The names asked of an issuer: a Certificate's `dnsNames`, the TLS hosts of an Ingress that cert-manager's
 * ingress-shim makes a Certificate for (its issuer annotation), and the hostnames of an annotated Gateway's
 * TLS listeners. Pure.
 */
function certificateRequests(objects: readonly SynthesizedObject[]): CertificateRequest[] {
  const requests: CertificateRequest[] = [];
  for (const object of objects) {
    const { kind, apiVersion } = object.manifest;
    const spec = fields(object.manifest.spec);
    if (kind === 'Certificate' && apiVersion === 'cert-manager.io/v1') {
      const names = (Array.isArray(spec.dnsNames) ? spec.dnsNames : []).filter((name): name is string => typeof name === 'string');
      const ref = fields(spec.issuerRef);
      requests.push({
        object, names: names.map((name) => ({ name, field: 'spec.dnsNames' })), issuerKind: text(ref.kind) ?? 'Issuer', issuerName: text(ref.name) ?? '',
        labels: stringMap(fields(object.manifest.metadata).labels), addresses: Array.isArray(spec.ipAddresses) ? spec.ipAddresses : [],
      });
    } else if (kind === 'Ingress' && apiVersion === 'networking.k8s.io/v1') {
      const annotations = stringMap(fields(object.manifest.metadata).annotations);
      const shim = SHIM_ANNOTATIONS.find(([annotation]) => annotations[annotation] !== undefined);
      if (shim !== undefined) {
        const names = list(spec.tls).flatMap((tls, i) => (Array.isArray(tls.hosts) ? tls.hosts : [])
          .map((name, j) => ({ name, field: `spec.tls[${i}].hosts[${j}]` })))
          .filter((entry): entry is { name: string; field: string } => typeof entry.name === 'string');
        requests.push({ object, names, issuerKind: shim[1], issuerName: annotations[shim[0]], labels: {} });
      }
    } else if (kind === 'Gateway' && apiVersion.startsWith('gateway.networking.k8s.io/')) {
      const issuer = gatewayShimIssuer(object.manifest.metadata);
      if (issuer !== undefined) {
        const names = shimListeners(spec).flatMap((listener) => (listener.hostname === undefined ? []
          : [{ name: listener.hostname, field: `spec.listeners[${listener.index}].hostname` }]));
        requests.push({ object, names, issuerKind: issuer.kind, issuerName: issuer.name, labels: {} });
      }
    }
  }
  return requests;
}

/**
 * A cert-manager Certificate (or an Ingress that cert-manager's ingress-shim makes one for) for a wildcard name needs an ACME issuer that can solve DNS-01 for it: ACME
 * issues a wildcard name through DNS-01 alone, so an issuer with HTTP-01 solvers only never issues it,
 * and whatever serves the certificate stays without one. cert-manager gives each name to the one solver
 * its selectors pick (see {@link selectedSolver}), so that solver must be a DNS-01 one; a name no solver
 * selects (a selector of another zone) is never issued, whatever its challenge. An ACME issuer of a public
 * authority asked for any name under a private network's suffix never issues it, by either challenge (see
 * {@link privateNamesOfPublicIssuers}). Issuers of other kinds (CA, Vault, self-signed) and issuers this cluster
 * does not define pass.
 */
export function checkAcmeChallenges(cluster: SynthesizedCluster): Finding[] {
  const issuers = new Map<string, SynthesizedObject>();
  for (const object of cluster.objects) {
    const kind = object.manifest.kind;
    if ((kind === 'ClusterIssuer' || kind === 'Issuer') && object.manifest.apiVersion === 'cert-manager.io/v1') {
      const name = text(object.manifest.metadata.name) ?? '';
      issuers.set(issuerKey(object, kind, name), object);
    }
  }
  const findings: Finding[] = [];
  const requests = certificateRequests(cluster.objects);
  const privateNames = privateNamesOfPublicIssuers(requests, issuers, findings);
  for (const { object, names, issuerKind: kind, issuerName, labels, addresses } of requests) {
    const issuer = issuers.get(issuerKey(object, kind, issuerName));
    findings.push(...lanAddressesOfPublicIssuer(object, addresses ?? [], issuer, `${kind} "${issuerName}"`));
    const acme = issuer === undefined ? undefined : fields(issuer.manifest.spec).acme;
    if (acme === undefined) {
      continue;
    }
    // Each name goes to the one solver cert-manager selects for it, not to any solver of the issuer. A name no
    // public authority issues is reported on its issuer already.
    const solvers = fields(acme).solvers;
    for (const { name, field } of names.filter((entry) => !privateNames.has(entry.name))) {
      const selected = selectedSolver(solvers, name, labels);
      const wildcard = name.startsWith('*.');
      if (selected === undefined) {
        // A selector written for another zone (a copied guide's example.com) leaves every name of the lab to nothing.
        const selections = list(solvers).map(solverSelection);
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field,
          message: `no solver of ${kind} "${issuerName}" selects ${name}, so cert-manager cannot solve its challenge and the certificate is never issued`
            + (selections.length > 0 ? ` (its solvers select ${selections.join(' / ')})` : ''),
          hint: `give the issuer ${wildcard ? 'a DNS-01 solver' : 'a solver'} whose selector covers the name (dnsZones: ['${wildcard ? name.slice(2) : name.slice(name.indexOf('.') + 1)}']), or one without a selector`,
        }));
      } else if (wildcard && selected.solver.dns01 === undefined) {
        const dns01 = list(solvers).filter((solver) => solver.dns01 !== undefined);
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field,
          message: `${name} is a wildcard name, which ACME issues through DNS-01 alone, and ${kind} "${issuerName}" selects its `
            + `${solverKind(selected.solver)} solver (solvers[${selected.index}]) for it`
            + (dns01.length > 0 ? `: its DNS-01 solvers select ${dns01.map(solverSelection).join(' / ')}` : ', having no DNS-01 solver'),
          hint: dns01.length > 0
            ? `add the domain to the DNS-01 solver's selector (cloudflareDns01({ dnsZones: ['${name.slice(2)}'] })), or drop its dnsZones`
            : object.manifest.kind === 'Ingress'
              ? 'give the issuer a DNS-01 solver, or route the host names themselves rather than a wildcard'
              : object.manifest.kind === 'Gateway'
                ? `give the issuer a DNS-01 solver, or give each host name a listener of its own (hostname: '<name>.${name.slice(2)}')`
                : 'give the issuer a DNS-01 solver, or list the host names themselves (a WildcardCertificate with perHostNames)',
        }));
      }
    }
  }
  return findings;
}

/**
 * A public certificate authority validates an address it certifies from the internet, which reaches no LAN
 * address (RFC 1918, unique local IPv6): one error on each such entry of a Certificate's `ipAddresses` whose
 * issuer is an ACME issuer of one, as every order for it fails. Pure.
 */
function lanAddressesOfPublicIssuer(certificate: SynthesizedObject, addresses: readonly unknown[], issuer: SynthesizedObject | undefined, issuerText: string): Finding[] {
  const authority = issuer === undefined ? undefined : publicAcmeAuthority(fields(fields(issuer.manifest.spec).acme).server);
  return authority === undefined ? [] : addresses.flatMap((address, i) => (typeof address === 'string' && isLanAddress(address) ? [objectFinding(certificate, {
    layer: 'references', severity: 'error', field: `spec.ipAddresses[${i}]`,
    message: `${issuerText} asks ${authority} for a certificate of ${address}, an address of the LAN, which a public certificate authority cannot reach to validate: every order fails, and whatever serves the address keeps a certificate no browser trusts`,
    hint: "name the service by a DNS name of the site's domain (dnsNames) and reach it by that name, or issue the certificate from a CA of the lab (caIssuer({ keyPair }))",
  })] : []));
}

/** The key of the issuer of `kind` named `name` that `object` may name: a ClusterIssuer, or an Issuer of its namespace. */
function issuerKey(object: SynthesizedObject, kind: string, name: string): string {
  return kind === 'ClusterIssuer' ? `ClusterIssuer/${name}` : `Issuer/${namespaceOf(object)}/${name}`;
}

/**
 * A public certificate authority checks every name it certifies in public DNS, where a name under a private
 * suffix (`.lan`, `.internal`, `home.arpa`) never is: one error on each ACME issuer of such an authority that is
 * asked for one, on its `spec.acme.server`, naming the first and counting the others (a site whose domain is
 * private asks it for every route). Returns the names reported, which no other check of names reports again.
 */
function privateNamesOfPublicIssuers(requests: readonly CertificateRequest[], issuers: ReadonlyMap<string, SynthesizedObject>, findings: Finding[]): Set<string> {
  const byIssuer = new Map<SynthesizedObject, Array<{ name: string; suffix: string; where: string }>>();
  for (const { object, names, issuerKind, issuerName } of requests) {
    const issuer = issuers.get(issuerKey(object, issuerKind, issuerName));
    if (issuer === undefined || publicAcmeAuthority(fields(fields(issuer.manifest.spec).acme).server) === undefined) {
      continue;
    }
    for (const { name, field } of names) {
      const suffix = privateNameSuffix(name);
      if (suffix !== undefined) {
        const asked = byIssuer.get(issuer) ?? [];
        byIssuer.set(issuer, [...asked, { name, suffix, where: `${object.manifest.kind} ${namespaceOf(object)}/${text(object.manifest.metadata.name)} ${field}` }]);
      }
    }
  }
  const reported = new Set<string>();
  for (const [issuer, asked] of byIssuer) {
    const names = [...new Set(asked.map((entry) => entry.name))];
    names.forEach((name) => reported.add(name));
    const kind = text(issuer.manifest.kind) ?? 'Issuer';
    findings.push(objectFinding(issuer, {
      layer: 'references', severity: 'error', field: 'spec.acme.server',
      ...privateNameForPublicCa({
        ...asked[0], more: names.length - 1, issuer: `${kind} "${text(issuer.manifest.metadata.name)}"`,
        authority: publicAcmeAuthority(fields(fields(issuer.manifest.spec).acme).server)!,
        ownCa: 'caIssuer({ keyPair }), or an ACME server of its own, such as step-ca, as the server',
      }),
    }));
  }
  return reported;
}
