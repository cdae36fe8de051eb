import { gatedFieldFinding, TRAFFIC_DISTRIBUTION } from './gated-fields';
import { AddFinding, Fields, list } from './manifest';
import { isCidr, isIpAddress } from './schema/formats';
import { qualifiedNameProblem } from './syntax';

/** The longest a ClientIP session affinity may last, in seconds (the API server's MaxClientIPServiceAffinitySeconds: one day). */
const MAX_AFFINITY_SECONDS = 86_400;

/**
 * Service fields the API server refuses by ValidateService although the schema allows them: an
 * affinity timeout outside 1–86400 s, a source range that is no CIDR, address families repeated or more
 * than a SingleStack Service takes, `clusterIPs` that do not begin with `clusterIP` or hold more than two, a health-check node port
 * or `allocateLoadBalancerNodePorts` on a Service that takes none, a load balancer's `loadBalancerClass` that
 * is no qualified name, address families of an ExternalName Service, a traffic distribution other than
 * PreferClose, and a port's `appProtocol` that is no qualified name. `type` is the Service's type with its default. Pure: reports through `add`.
 */
export function checkServiceFields(spec: Fields, type: unknown, add: AddFinding): void {
  const timeout = (spec.sessionAffinityConfig as Fields | undefined)?.clientIP as Fields | undefined;
  const seconds = timeout?.timeoutSeconds;
  if (typeof seconds === 'number' && (seconds < 1 || seconds > MAX_AFFINITY_SECONDS)) {
    add('spec.sessionAffinityConfig.clientIP.timeoutSeconds', `an affinity timeout of ${seconds} s is not within 1–${MAX_AFFINITY_SECONDS}`,
      `give at most ${MAX_AFFINITY_SECONDS} seconds (one day), e.g. 10800 (the default, three hours)`);
  }
  if (Array.isArray(spec.loadBalancerSourceRanges)) {
    spec.loadBalancerSourceRanges.forEach((range: unknown, i: number) => {
      if (typeof range === 'string' && !isCidr(range.trim())) {
        add(`spec.loadBalancerSourceRanges[${i}]`, `${JSON.stringify(range)} is not a CIDR`,
          `write each range as address/prefix, e.g. ${isIpAddress(range.trim()) ? `${range.trim()}/32 for the one address` : '192.168.1.0/24'}`);
      }
    });
  }
  checkIpFamilies(spec, add);
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
  });
}

/** A Service's address families: each once, and one alone for a SingleStack Service. */
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
  if (spec.ipFamilyPolicy === 'SingleStack' && families.length > 1) {
    add('spec.ipFamilies', `a SingleStack Service has one address family, not ${families.length}`,
      'keep one family, or set ipFamilyPolicy: PreferDualStack (or RequireDualStack) for both');
  }
}
