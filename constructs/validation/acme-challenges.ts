import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';

/**
 * A cert-manager Certificate for a wildcard name needs an ACME issuer that can solve DNS-01 for it: ACME
 * issues a wildcard name through DNS-01 alone, so an issuer with HTTP-01 solvers only never issues it,
 * and whatever serves the certificate stays without one. Issuers of other kinds (CA, Vault, self-signed)
 * and issuers this cluster does not define pass.
 */
export function checkAcmeChallenges(cluster: SynthesizedCluster): Finding[] {
  const issuers = new Map<string, SynthesizedObject>();
  for (const object of cluster.objects) {
    const kind = object.manifest.kind;
    if ((kind === 'ClusterIssuer' || kind === 'Issuer') && object.manifest.apiVersion === 'cert-manager.io/v1') {
      const name = text(object.manifest.metadata.name) ?? '';
      issuers.set(kind === 'ClusterIssuer' ? `ClusterIssuer/${name}` : `Issuer/${namespaceOf(object)}/${name}`, object);
    }
  }
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    if (object.manifest.kind !== 'Certificate' || object.manifest.apiVersion !== 'cert-manager.io/v1') {
      continue;
    }
    const spec = fields(object.manifest.spec);
    const wildcards = (Array.isArray(spec.dnsNames) ? spec.dnsNames : []).filter((name): name is string => typeof name === 'string' && name.startsWith('*.'));
    if (wildcards.length === 0) {
      continue;
    }
    const ref = fields(spec.issuerRef);
    const kind = text(ref.kind) ?? 'Issuer';
    const issuer = issuers.get(kind === 'ClusterIssuer' ? `ClusterIssuer/${text(ref.name) ?? ''}` : `Issuer/${namespaceOf(object)}/${text(ref.name) ?? ''}`);
    const acme = issuer === undefined ? undefined : fields(issuer.manifest.spec).acme;
    if (acme === undefined) {
      continue;
    }
    if (!list(fields(acme).solvers).some((solver) => solver.dns01 !== undefined)) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: 'spec.dnsNames',
        message: `${wildcards.join(', ')} is a wildcard name, which ACME issues through DNS-01 alone, and ${kind} "${text(ref.name)}" solves HTTP-01 only`,
        hint: 'give the issuer a DNS-01 solver, or list the host names themselves (a WildcardCertificate with perHostNames)',
      }));
    }
  }
  return findings;
}
