import type { SynthesizedCluster } from '../synth/collect';
import { publicDnsTargetProblem, unkeptDnsName } from '../services/dns-record';
import { DNS_NAME, nameProblem, plainHostName } from './dns-names';
import { CLOUDFLARE_PROXIED_ANNOTATION, unproxiedPort } from './cloudflare-proxied-ports';
import type { Finding } from './finding';
import { fields, objectFinding, stringMap } from './manifest';
import { isIpAddress } from './schema/formats';

/** The annotation external-dns publishes an object's names from (a Service's, an Ingress's), comma-separated. */
const HOSTNAME_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';
/** The annotation that replaces the addresses external-dns points an object's names at, comma-separated. */
const TARGET_ANNOTATION = 'external-dns.alpha.kubernetes.io/target';

/**
 * Why `target` can be no record's target, or undefined when it can: external-dns writes an A or AAAA record
 * for an address and a CNAME for anything else, so a URL or an address with a port becomes a CNAME to a
 * name no resolver finds, which the DNS provider refuses on every sync. Pure.
 */
function targetProblem(target: string): { message: string; hint: string } | undefined {
  if (isIpAddress(target) || nameProblem(target.replace(/\.$/, ''), DNS_NAME) === undefined) {
    return undefined;
  }
  const meant = plainHostName(target);
  const usable = meant !== target && (isIpAddress(meant) || nameProblem(meant, DNS_NAME) === undefined);
  return {
    message: `target ${JSON.stringify(target)} of its ${TARGET_ANNOTATION} annotation is neither an IP address nor a host name: external-dns would write a CNAME record to it, which the DNS provider refuses`,
    hint: usable ? `write the address or name alone: ${TARGET_ANNOTATION}: '${meant}'` : 'give the IP address (an A or AAAA record) or the host name (a CNAME record) the names should point at',
  };
}

/**
 * An object that asks external-dns for names with its hostname annotation (a LoadBalancer Service written by
 * hand, as external-dns' guides write it) is judged as a `DnsRecord` is: in a cluster that runs no external-dns,
 * or for a name external-dns would skip or half-keep, nothing publishes it. One error on the annotation, for
 * its first such name; and one on its target annotation, for its first target that is no address or name. A
 * Service of type ClusterIP (not headless) without a target annotation is one error on its hostname annotation too:
 * external-dns publishes no cluster IP (it reaches nothing outside the cluster), so it skips the Service without a word.
 * On the cluster whose external-dns writes public DNS, a target, or else a load balancer address as written, that is
 * no public address is one error on the annotation that gave it.
 */
export function checkExternalDnsAnnotations(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const annotations = stringMap(fields(object.manifest.metadata).annotations);
    const wrongTarget = (annotations[TARGET_ANNOTATION] ?? '').split(',').map((target) => target.trim()).filter((target) => target !== '')
      .map(targetProblem).find((problem) => problem !== undefined);
    if (wrongTarget !== undefined) {
      findings.push(objectFinding(object, { layer: 'references', severity: 'error', field: `metadata.annotations.${TARGET_ANNOTATION}`, ...wrongTarget }));
    }
    const value = annotations[HOSTNAME_ANNOTATION];
    const unproxied = object.manifest.apiVersion === 'v1' && object.manifest.kind === 'Service' && annotations[CLOUDFLARE_PROXIED_ANNOTATION]?.trim() === 'true'
      ? unproxiedPort(object.manifest.spec) : undefined;
    if (value !== undefined && unproxied !== undefined) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: `metadata.annotations.${CLOUDFLARE_PROXIED_ANNOTATION}`,
        message: `the Service's names are written proxied by Cloudflare, so they resolve to Cloudflare's edge, which carries only HTTP and HTTPS on its web ports, and the Service serves ${unproxied}: `
          + 'clients of that port reach Cloudflare and are dropped there',
        hint: `set ${CLOUDFLARE_PROXIED_ANNOTATION}: 'false' (a DNS-only record to the load balancer's address), or serve only web ports under the proxied name`,
      }));
    }
    if (value === undefined) {
      continue;
    }
    const spec = fields(object.manifest.spec);
    if (object.manifest.apiVersion === 'v1' && object.manifest.kind === 'Service' && (spec.type ?? 'ClusterIP') === 'ClusterIP'
      && spec.clusterIP !== 'None' && annotations[TARGET_ANNOTATION] === undefined) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: `metadata.annotations.${HOSTNAME_ANNOTATION}`,
        message: `the Service is of type ClusterIP, whose address reaches nothing outside the cluster, and external-dns publishes no such address: it skips the Service, and ${value} never resolves`,
        hint: `make it type: LoadBalancer (an address of the load balancer's pool), point the name at an address that reaches it with ${TARGET_ANNOTATION}, or route the app (route: { host }), whose record the cluster keeps`,
      }));
      continue;
    }
    const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
    // What external-dns publishes the names at: the target annotation, else a load balancer's address as written.
    const targets = annotations[TARGET_ANNOTATION] !== undefined ? [[TARGET_ANNOTATION, annotations[TARGET_ANNOTATION]] as const]
      : [['metallb.io/loadBalancerIPs', annotations['metallb.io/loadBalancerIPs']] as const, ['spec.loadBalancerIP', spec.loadBalancerIP] as const];
    const unreachable = names.length === 0 ? undefined : targets.flatMap(([where, written]) => (typeof written === 'string' ? written.split(',').map((t) => [where, t.trim()] as const) : []))
      .map(([where, target]) => ({ where, problem: publicDnsTargetProblem(cluster.chart, names[0], target) })).find(({ problem }) => problem !== undefined);
    if (unreachable !== undefined) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: `metadata.annotations.${unreachable.where === TARGET_ANNOTATION ? TARGET_ANNOTATION : HOSTNAME_ANNOTATION}`,
        message: unreachable.problem!.message,
        hint: unreachable.where === TARGET_ANNOTATION ? unreachable.problem!.hint
          : `external-dns publishes the load balancer's address (${unreachable.where}); point the name at the public address the router forwards from: `
            + `${TARGET_ANNOTATION}: '${cluster.chart.dns?.publicTarget?.publicAddress ?? '<public address>'}'`,
      }));
      continue;
    }
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
