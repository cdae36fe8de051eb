import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { selectedSolver, solverKind, solverSelection } from './acme-solver-selection';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';

/**
 * A cert-manager Certificate for a wildcard name needs an ACME issuer that can solve DNS-01 for it: ACME
 * issues a wildcard name through DNS-01 alone, so an issuer with HTTP-01 solvers only never issues it,
 * and whatever serves the certificate stays without one. cert-manager gives each name to the one solver
 * its selectors pick (see {@link selectedSolver}), so that solver must be a DNS-01 one. Issuers of other kinds (CA, Vault, self-signed)
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
    // Each name goes to the one solver cert-manager selects for it, not to any solver of the issuer.
    const labels = stringMap(fields(object.manifest.metadata).labels);
    const solvers = fields(acme).solvers;
    for (const name of wildcards) {
      const selected = selectedSolver(solvers, name, labels);
      if (selected === undefined) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: 'spec.dnsNames',
          message: `no solver of ${kind} "${text(ref.name)}" selects ${name}, so cert-manager cannot solve its challenge`,
          hint: 'give the issuer a DNS-01 solver whose selector covers the name (dnsZones: [the domain]), or one without a selector',
        }));
      } else if (selected.solver.dns01 === undefined) {
        const dns01 = list(solvers).filter((solver) => solver.dns01 !== undefined);
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: 'spec.dnsNames',
          message: `${name} is a wildcard name, which ACME issues through DNS-01 alone, and ${kind} "${text(ref.name)}" selects its `
            + `${solverKind(selected.solver)} solver (solvers[${selected.index}]) for it`
            + (dns01.length > 0 ? `: its DNS-01 solvers select ${dns01.map(solverSelection).join(' / ')}` : ', having no DNS-01 solver'),
          hint: dns01.length > 0
            ? `add the domain to the DNS-01 solver's selector (cloudflareDns01({ dnsZones: ['${name.slice(2)}'] })), or drop its dnsZones`
            : 'give the issuer a DNS-01 solver, or list the host names themselves (a WildcardCertificate with perHostNames)',
        }));
      }
    }
  }
  return findings;
}
