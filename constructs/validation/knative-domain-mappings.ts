import { knativeDomainMappingProblem, knativeServiceHost } from '../platform/knative';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';

// A DomainMapping written by hand, beside the Knative this library installs: that Knative claims no host by itself
// (autocreate-cluster-domain-claims off), so a mapping serves its host only where a ClusterDomainClaim of the output
// gives the host to the mapping's namespace; behind Cilium's Gateway it serves none at all. The API server takes it
// either way, and the host answers nothing.

/** Each DomainMapping of the output is served by the Knative the library installed: a claim gives it its host, and the Gateway forwards to it. */
export function checkDomainMappings(cluster: SynthesizedCluster): Finding[] {
  // Knative installed elsewhere has a configuration the output does not show.
  if (knativeServiceHost(cluster.chart, 'service', 'namespace') === undefined) {
    return [];
  }
  const claims = new Map<string, string | undefined>();
  for (const object of cluster.objects) {
    if (object.manifest.kind === 'ClusterDomainClaim' && object.manifest.apiVersion.startsWith('networking.internal.knative.dev/')) {
      claims.set(object.manifest.metadata.name, text(fields(object.manifest.spec).namespace));
    }
  }
  const gatewayProblem = knativeDomainMappingProblem(cluster.chart);
  const findings: Finding[] = [];
  for (const mapping of cluster.objects) {
    if (mapping.manifest.kind !== 'DomainMapping' || !mapping.manifest.apiVersion.startsWith('serving.knative.dev/')) {
      continue;
    }
    const host = mapping.manifest.metadata.name;
    const namespace = namespaceOf(mapping);
    const claimedFor = claims.get(host);
    if (gatewayProblem !== undefined) {
      findings.push(objectFinding(mapping, {
        layer: 'references', severity: 'error', field: 'metadata.name',
        message: `the DomainMapping's host ${host} cannot be served: ${gatewayProblem}`,
        hint: "route the app at the host Knative serves it at by itself (an App's route of its own name), or route the cluster through a Gateway of another class, one that forwards to ExternalName Services (Istio's does)",
      }));
    } else if (claimedFor !== namespace) {
      findings.push(objectFinding(mapping, {
        layer: 'references', severity: 'error', field: 'metadata.name',
        message: `${claimedFor === undefined ? `no ClusterDomainClaim gives host ${host} to namespace ${namespace}` : `ClusterDomainClaim ${host} gives the host to namespace ${claimedFor}, not ${namespace}`}, `
          + 'and the cluster\'s Knative claims no host by itself (autocreate-cluster-domain-claims is off): the DomainMapping never becomes Ready, and the host answers nothing',
        hint: `give the app the host with its route (route: { host }), which makes the mapping and its claim; or add the claim: { apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'ClusterDomainClaim', metadata: { name: '${host}' }, spec: { namespace: '${namespace}' } }`,
      }));
    }
  }
  return findings;
}
