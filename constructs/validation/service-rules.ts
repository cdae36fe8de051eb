import { gatedFieldFinding, TRAFFIC_DISTRIBUTION } from './gated-fields';
import { AddFinding, Fields, list } from './manifest';
import { checkServiceClusterIps } from './service-cluster-ips';
import { isCidr, isIpAddress } from './schema/formats';
import { qualifiedNameProblem } from './syntax';

/** The kubelet's port, which the API server refuses on a LoadBalancer Service (its KubeletPort). */
const KUBELET_PORT = 10_250;

/** The longest a ClientIP session affinity may last, in seconds (the API server's MaxClientIPServiceAffinitySeconds: one day). */
const MAX_AFFINITY_SECONDS = 86_400;

/**
 * Service fields the API server refuses by ValidateService although the schema allows them: an
 * affinity timeout outside 1–86400 s, source ranges (field or annotation) that are no CIDRs or on a Service that is no LoadBalancer, address families repeated,
 * `clusterIPs` that do not begin with `clusterIP` or hold more than two (and the rest of `checkServiceClusterIps`), the topology annotation and its
 * old name saying different things, a health-check node port
 * or `allocateLoadBalancerNodePorts` on a Service that takes none, a load balancer's `loadBalancerClass` that
 * is no qualified name, address families of an ExternalName Service, a traffic distribution other than
 * PreferClose, a port's `appProtocol` that is no qualified name, and the kubelet's port 10250 on a LoadBalancer. `type` is the Service's type with its default,
 * `annotations` the Service's own. Pure: reports through `add`.
 */
export function checkServiceFields(spec: Fields, annotations: Fields, type: unknown, add: AddFinding): void {
  const timeout = (spec.sessionAffinityConfig as Fields | undefined)?.clientIP as Fields | undefined;
  const seconds = timeout?.timeoutSeconds;
  if (typeof seconds === 'number' && (seconds < 1 || seconds > MAX_AFFINITY_SECONDS)) {
    add('spec.sessionAffinityConfig.clientIP.timeoutSeconds', `an affinity timeout of ${seconds} s is not within 1–${MAX_AFFINITY_SECONDS}`,
      `give at most ${MAX_AFFINITY_SECONDS} seconds (one day), e.g. 10800 (the default, three hours)`);
  }
  checkSourceRanges(spec, annotations, type, add);
  checkIpFamilies(spec, add);
  if (type !== 'ExternalName') {
    checkServiceClusterIps(spec, add);
  }
  checkTopologyAnnotations(annotations, add);
  const clusterIps = spec.clusterIPs;
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && Array.isArray(clusterIps) && clusterIps.length > 0 && clusterIps[0] !== spec.clusterIP) {
    add('spec.clusterIPs[0]', `clusterIPs begins with ${JSON.stringify(clusterIps[0])}, not with clusterIP ${JSON.stringify(spec.clusterIP)}`,
      'make clusterIPs[0] the clusterIP, or give only one of the two');
  }
  if (Array.isArray(clusterIps) && clusterIps.length > 2) {
    add('spec.clusterIPs', `clusterIPs holds ${clusterIps.length} addresses; a Service has at most two, one of each address family`, 'keep one IPv4 and one IPv6 address at most, or leave clusterIPs out');
  }
  if (spec.healthCheckNodePort !== undefined && spec.healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    add('spec.healthCheckNodePort', 'only a LoadBalancer Service with externalTrafficPolicy Local takes a healthCheckNodePort',
      'drop healthCheckNodePort, or set type: LoadBalancer and externalTrafficPolicy: Local');
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    add('spec.allocateLoadBalancerNodePorts', `a ${String(type)} Service takes no allocateLoadBalancerNodePorts; only a LoadBalancer Service does`,
      'drop allocateLoadBalancerNodePorts, or make the Service a LoadBalancer');
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null) {
    // 1.30 drops the field whatever it holds; the releases that keep it take PreferClose alone.
    const { message, hint } = gatedFieldFinding('spec.trafficDistribution', TRAFFIC_DISTRIBUTION);
    add('spec.trafficDistribution', message,
      spec.trafficDistribution === 'PreferClose' ? hint : `${hint}; the releases that keep it take PreferClose alone, and refuse ${JSON.stringify(spec.trafficDistribution)}`);
  }
  const loadBalancerClass = spec.loadBalancerClass;
  const classProblem = type === 'LoadBalancer' && typeof loadBalancerClass === 'string' ? qualifiedNameProblem(loadBalancerClass) : undefined;
  if (classProblem !== undefined) {
    add('spec.loadBalancerClass', `loadBalancerClass: ${classProblem}`, 'name the load-balancer implementation as it names itself, e.g. io.cilium/l2-announcer, or leave it out for the cluster\'s default');
  }
  if (type === 'ExternalName') {
    // An ExternalName Service is a DNS alias: it gets no cluster IP, so it has no address family to choose.
    for (const key of ['ipFamilyPolicy', 'ipFamilies'] as const) {
      if (spec[key] !== undefined && spec[key] !== null && !(Array.isArray(spec[key]) && spec[key].length === 0)) {
        add(`spec.${key}`, `an ExternalName Service takes no ${key}: it is a DNS name, with no cluster IP of any address family`, `drop ${key}`);
      }
    }
  }
  list(spec.ports).forEach((port, i) => {
    const problem = typeof port.appProtocol === 'string' ? qualifiedNameProblem(port.appProtocol) : undefined;
    if (problem !== undefined) {
      add(`spec.ports[${i}].appProtocol`, `appProtocol: ${problem}`, 'name the application protocol as a qualified name, e.g. http, kubernetes.io/h2c or example.com/custom');
    }
    if (type === 'LoadBalancer' && port.port === KUBELET_PORT) {
      // The API server guards the kubelet from firewalls a load balancer opens on every node.
      add(`spec.ports[${i}].port`, `a LoadBalancer Service may not expose port ${KUBELET_PORT}: it is the kubelet's port on every node, and the API server refuses it`,
        `expose the service on another port (e.g. ${KUBELET_PORT + 1}) and keep ${KUBELET_PORT} as its targetPort`);
    }
  });
}

/** A Service's address families: each once. */
function checkIpFamilies(spec: Fields, add: AddFinding): void {
  if (!Array.isArray(spec.ipFamilies)) {
    return;
  }
  const families: unknown[] = spec.ipFamilies;
  families.forEach((family, i) => {
    if (families.indexOf(family) < i) {
      add(`spec.ipFamilies[${i}]`, `address family ${JSON.stringify(family)} is listed twice`, 'list each of IPv4 and IPv6 at most once');
    }
  });
}

/** The annotation that turns on topology-aware routing, and the name it had before Kubernetes 1.27. */
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';

/** The two names of the topology annotation, which the API server refuses to see disagree (ValidateService). */
function checkTopologyAnnotations(annotations: Fields, add: AddFinding): void {
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  const hints = annotations[TOPOLOGY_HINTS_ANNOTATION];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    add(`metadata.annotations.${TOPOLOGY_MODE_ANNOTATION}`, `the annotation says ${JSON.stringify(mode)} while its old name ${TOPOLOGY_HINTS_ANNOTATION} says ${JSON.stringify(hints)}; the API server refuses the two when they differ`,
      `drop ${TOPOLOGY_HINTS_ANNOTATION} and keep ${TOPOLOGY_MODE_ANNOTATION} (Auto turns topology-aware routing on)`);
  }
}

/** The annotation older cloud providers read source ranges from, comma-separated; ValidateService checks it as it checks the field. */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/**
 * Source ranges, given by `spec.loadBalancerSourceRanges` or, when that list is empty, by the annotation
 * (ValidateService, with GetLoadBalancerSourceRanges): either is only for a LoadBalancer Service, and
 * each range, trimmed, must be a CIDR. An empty list is no ranges at all, which any Service may carry; an
 * annotation counts as soon as it is there, even empty.
 */
function checkSourceRanges(spec: Fields, annotations: Fields, type: unknown, add: AddFinding): void {
  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  const annotation = annotations[SOURCE_RANGES_ANNOTATION];
  const fromAnnotation = ranges.length === 0 && typeof annotation === 'string';
  const at = fromAnnotation ? `metadata.annotations.${SOURCE_RANGES_ANNOTATION}` : 'spec.loadBalancerSourceRanges';
  if ((ranges.length > 0 || fromAnnotation) && type !== 'LoadBalancer') {
    add(at, `a ${String(type)} Service takes no source ranges; only a LoadBalancer Service does (the API server refuses ${fromAnnotation ? 'the annotation' : 'loadBalancerSourceRanges'} on any other)`,
      `drop ${fromAnnotation ? 'the annotation' : 'loadBalancerSourceRanges'} (a NetworkPolicy limits who reaches a ${String(type)} Service), or make the Service a LoadBalancer`);
    return;
  }
  if (fromAnnotation) {
    const written = annotation.trim();
    const bad = written === '' ? undefined : written.split(',').find((range) => !isCidr(range.trim()));
    if (bad !== undefined) {
      add(at, `the annotation's range ${JSON.stringify(bad.trim())} is not a CIDR`,
        `write the annotation as comma-separated ranges of address/prefix, e.g. ${isIpAddress(bad.trim()) ? `${bad.trim()}/32` : '192.168.1.0/24'}, or move them to spec.loadBalancerSourceRanges`);
    }
    return;
  }
  ranges.forEach((range: unknown, i: number) => {
    if (typeof range === 'string' && !isCidr(range.trim())) {
      add(`spec.loadBalancerSourceRanges[${i}]`, `${JSON.stringify(range)} is not a CIDR`,
        `write each range as address/prefix, e.g. ${isIpAddress(range.trim()) ? `${range.trim()}/32 for the one address` : '192.168.1.0/24'}`);
    }
  });
}
