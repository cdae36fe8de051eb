import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import type { ObjectIndex } from './object-index';
import { podPort, podTemplatesSelectedBy } from './pod-spec';
import { namespaceLabels, policyAdmission, type PolicyPod } from './policy-admission';

// A multi-target exporter (the SNMP, IPMI and blackbox exporters) is scraped through a Probe's `prober.url` or a
// ScrapeConfig whose relabeling writes the exporter's address into `__address__`, as the exporters' guides do: the
// devices are the targets, and every scrape is a request of Prometheus to the exporter's Service. Where the
// exporter's NetworkPolicy admits nothing from Prometheus on that port (an App that declares no `metrics` and names
// Prometheus nowhere), each scrape times out and every switch and BMC shows as down, with nothing to say why.

const layer = 'references' as const;

/** An address Prometheus sends its scrapes to, as an object writes it (`snmp-exporter.monitoring:9116`), with its field. */
interface ScrapedAddress {
  readonly address: string;
  readonly field: string;
}

/** The addresses a Probe's prober, or a ScrapeConfig's `__address__` relabeling (else its static targets), names. Pure. */
function scrapedAddresses(object: SynthesizedObject): ScrapedAddress[] {
  const spec = fields(object.manifest.spec);
  if (object.manifest.kind === 'Probe') {
    const url = text(fields(spec.prober).url);
    return url === undefined ? [] : [{ address: url, field: 'spec.prober.url' }];
  }
  const rewritten = list(spec.relabelings).flatMap((relabeling, i) => (text(relabeling.targetLabel) === '__address__' && typeof relabeling.replacement === 'string'
    ? [{ address: relabeling.replacement, field: `spec.relabelings[${i}].replacement` }] : []));
  if (rewritten.length > 0) {
    return rewritten;
  }
  return list(spec.staticConfigs).flatMap((group, i) => (Array.isArray(group.targets) ? group.targets : [])
    .flatMap((target, j) => (typeof target === 'string' ? [{ address: target, field: `spec.staticConfigs[${i}].targets[${j}]` }] : [])));
}

/** The Service name, namespace and port an address names (`name`, `name.ns`, `name.ns.svc[.cluster.local]`, with `:port`), read in namespace `own`. Pure. */
function serviceAddress(address: string, own: string): { name: string; namespace: string; port: number } | undefined {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.svc(?:\.[a-z0-9.-]+)?)?)?:(\d{1,5})$/.exec(address);
  return match === null ? undefined : { name: match[1], namespace: match[3] ?? own, port: Number(match[5]) };
}

/**
 * Probes and ScrapeConfigs that send their scrapes to a Service of the cluster whose every pod's NetworkPolicy
 * refuses `prometheus` on the port: one error on the field that names the address. Services of namespaces the
 * output does not show (`unseen`) are left alone.
 */
export function refusedProberFindings(cluster: SynthesizedCluster, index: ObjectIndex, prometheus: PolicyPod, unseen: ReadonlySet<string>): Finding[] {
  return index.of('Probe', 'ScrapeConfig').filter((o) => o.manifest.apiVersion.startsWith('monitoring.coreos.com/')).flatMap((object) => scrapedAddresses(object).flatMap(({ address, field }) => {
    const called = serviceAddress(address, namespaceOf(object));
    if (called === undefined || unseen.has(called.namespace)) {
      return [];
    }
    const service = index.of('Service').find((s) => namespaceOf(s) === called.namespace && text(fields(s.manifest.metadata).name) === called.name);
    const spec = fields(service?.manifest.spec);
    const port = list(spec.ports).find((p) => p.port === called.port && (text(p.protocol) ?? 'TCP') === 'TCP');
    const selector = stringMap(spec.selector);
    if (port === undefined || Object.keys(selector).length === 0) {
      return [];
    }
    const reaches = podTemplatesSelectedBy(cluster.objects, called.namespace, selector).flatMap((pod) => podPort(pod, port.targetPort ?? port.port, 'TCP'));
    const refused = reaches.length > 0 && reaches.every(({ pod, target }) => policyAdmission(
      index, 'ingress', prometheus, { namespace: pod.namespace, namespaceLabels: namespaceLabels(index, pod.namespace), labels: pod.labels }, target,
    ) === 'refuses');
    if (!refused) {
      return [];
    }
    const { pod, target } = reaches[0];
    const workload = `${String(pod.object.manifest.kind)} ${pod.namespace}/${text(fields(pod.object.manifest.metadata).name) ?? ''}`;
    return [objectFinding(object, {
      layer, severity: 'error', field,
      message: `Prometheus sends each scrape of this ${String(object.manifest.kind)} to ${address}, and the NetworkPolicy of its pods (${workload}, port ${target.port}) `
        + `admits nothing from Prometheus in namespace ${prometheus.namespace}: every scrape would time out and every target show as down`,
      hint: `admit Prometheus' namespace on the exporter's App: allowFrom: [{ namespace: '${prometheus.namespace}' }]; for a policy written by hand, add an ingress rule that admits it`,
    })];
  }));
}
