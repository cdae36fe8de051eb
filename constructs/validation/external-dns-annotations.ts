import type { SynthesizedCluster } from '../synth/collect';
import { unkeptDnsName } from '../services/dns-record';
import type { Finding } from './finding';
import { fields, objectFinding, stringMap } from './manifest';

/** The annotation external-dns publishes an object's names from (a Service's, an Ingress's), comma-separated. */
const HOSTNAME_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';

/**
 * An object that asks external-dns for names with its hostname annotation (a LoadBalancer Service written by
 * hand, as external-dns' guides write it) is judged as a `DnsRecord` is: in a cluster that runs no external-dns,
 * or for a name external-dns would skip or half-keep, nothing publishes it. One error on the annotation, for
 * its first such name.
 */
export function checkExternalDnsAnnotations(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const value = stringMap(fields(object.manifest.metadata).annotations)[HOSTNAME_ANNOTATION];
    if (value === undefined) {
      continue;
    }
    const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
    for (const name of names) {
      const unkept = unkeptDnsName(cluster.chart, name, `the name ${name} of its ${HOSTNAME_ANNOTATION} annotation`);
      if (unkept !== undefined) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: `metadata.annotations.${HOSTNAME_ANNOTATION}`, message: unkept.message,
          hint: unkept.field === 'scope' ? unkept.hint : unkept.hint.replace(/^leave the record out/, 'leave the name out'),
        }));
        break;
      }
    }
  }
  return findings;
}
