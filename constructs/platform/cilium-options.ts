import { parseIpAddress } from '../inventory/ip-address';
import { networkBounds } from '../inventory/vlan';
import { DNS_NAME, nameProblem } from '../validation/dns-names';
import { capabilityRespelling } from '../validation/syntax';
import type { PropProblem } from '../validation/known-props';
import { CILIUM_GATEWAY_API_VERSION, CILIUM_PARTS, idleCiliumParts, type CiliumOptions } from './components/cilium';
import { idlePartProblems, partResourcesProblems } from './part-resources';

// What `cilium()` cannot take beyond the types of its options: values the chart writes as they are into
// the agent's configuration, which then fails on the nodes (with no pod network, nothing else runs).

/** A Gateway API release tag as upstream names it (`v1.2.0`): Git refs and download URLs carry the `v`. */
const RELEASE_TAG = /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Why the API server address is no host name or IP address (a URL, a port, brackets), or undefined. An IPv6
 * address is written bare: the agent joins it with k8sServicePort as Go's net.JoinHostPort does.
 */
function serviceHostProblem(host: unknown): PropProblem[] {
  if (typeof host !== 'string' || parseIpAddress(host) !== undefined || nameProblem(host, DNS_NAME) === undefined) {
    return [];
  }
  return [{
    field: 'k8sServiceHost', message: `k8sServiceHost "${host}" is not a host name or IP address; the agent dials it as one and never reaches the API server`,
    hint: "give the host alone, without scheme or port (the port goes in k8sServicePort), e.g. k8sServiceHost: '192.168.1.10', k8sServicePort: 6443",
  }];
}

/** A rate limit of zero or below stops the agent's API client (and the burst is twice the rate). */
function clientQpsProblem(qps: unknown): PropProblem[] {
  return typeof qps !== 'number' || qps > 0 ? [] : [{
    field: 'k8sClientQps', message: `k8sClientQps ${qps} is not a positive rate; the agent could send no request to the API server`,
    hint: 'give a number of queries per second above zero, e.g. 10 (or leave it out for the chart\'s)',
  }];
}

/** Capability names Cilium's chart passes to the container runtime, which refuses unknown spellings. */
function capabilityProblems(capabilities: unknown): PropProblem[] {
  if (capabilities === null || typeof capabilities !== 'object') {
    return [];
  }
  return Object.entries(capabilities as Record<string, unknown>).flatMap(([container, list]) => (Array.isArray(list) ? list : [])
    .map((name, i) => [name, i] as const)
    .filter(([name]) => typeof name === 'string' && capabilityRespelling(name) !== undefined)
    .map(([name, i]) => ({
      field: `capabilities.${container}[${i}]`, message: `capability "${name}" is not written as Cilium's chart takes it`,
      hint: `write it in upper case without CAP_, e.g. ${capabilityRespelling(name) || 'SYS_ADMIN'}`,
    })));
}

/**
 * The Gateway API CRDs are fetched by tag (Flux's GitRepository ref, the README's URLs): `1.2.0` is no tag,
 * and a release before v1.1.0 has no standard-channel GRPCRoute, one of the files the CRDs are installed from.
 */
function crdsVersionProblem(version: unknown): PropProblem[] {
  if (typeof version !== 'string') {
    return [];
  }
  if (!RELEASE_TAG.test(version)) {
    return [{
      field: 'gatewayApi.crdsVersion', message: `crdsVersion "${version}" is not a Gateway API release tag; upstream tags are v<major>.<minor>.<patch>, so its files would not be found`,
      hint: `write the tag with its v, e.g. '${/^\d/.test(version) ? `v${version}` : 'v1.2.0'}'`,
    }];
  }
  const [major, minor] = version.slice(1).split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 1) ? [] : [{
    field: 'gatewayApi.crdsVersion',
    message: `Gateway API ${version} has GRPCRoute in its experimental channel only: the standard channel's file of it, which the CRDs are installed from, does not exist at that tag, so the install fails`,
    hint: `install v1.1.0 or later, the release that made GRPCRoute standard, e.g. crdsVersion: '${CILIUM_GATEWAY_API_VERSION}', the release the pinned Cilium implements`,
  }];
}

/** The sizes of Cilium's parts, and of parts the options do not run. */
function ciliumResourcesProblems(options: Partial<CiliumOptions> | undefined): PropProblem[] {
  const problems = partResourcesProblems(options?.resources, 'resources', CILIUM_PARTS);
  return problems.length > 0 || options === null || typeof options !== 'object' ? problems : idlePartProblems(options.resources, 'resources', idleCiliumParts(options));
}

/** Pools that are no CIDR block, or that the IPAM mode never reads. */
function clusterPoolProblems(options: Partial<CiliumOptions> | undefined): PropProblem[] {
  const cidrs = options?.clusterPoolPodCidrs;
  if (!Array.isArray(cidrs)) {
    return [];
  }
  const malformed = cidrs.flatMap((cidr, i): PropProblem[] => (typeof cidr !== 'string' || networkBounds(cidr) !== undefined ? [] : [{
    field: `clusterPoolPodCidrs[${i}]`, message: `"${cidr}" is not a CIDR block, and Cilium's operator would not start with it`,
    hint: "write a network and its prefix length, e.g. '10.244.0.0/16'",
  }]));
  const mode = options?.ipamMode ?? 'kubernetes';
  return malformed.length > 0 || mode === 'cluster-pool' || cidrs.length === 0 ? malformed : [{
    field: 'clusterPoolPodCidrs', message: `clusterPoolPodCidrs is read by cluster-pool IPAM only, and ipamMode is '${mode}': Cilium would ignore it`,
    hint: mode === 'kubernetes'
      ? "add ipamMode: 'cluster-pool', or leave clusterPoolPodCidrs out and set the pod range of the distribution (e.g. talos({ podSubnets })), which 'kubernetes' IPAM takes"
      : "add ipamMode: 'cluster-pool', or leave clusterPoolPodCidrs out and declare the pools as CiliumPodIPPool objects",
  }];
}

/** Everything {@link cilium} finds wrong with `options` beyond their shape. Pure. */
export function ciliumOptionProblems(options: Partial<CiliumOptions> | undefined): PropProblem[] {
  return [
    ...serviceHostProblem(options?.k8sServiceHost),
    ...clientQpsProblem(options?.k8sClientQps),
    ...capabilityProblems(options?.capabilities),
    ...crdsVersionProblem(options?.gatewayApi?.crdsVersion),
    ...ciliumResourcesProblems(options),
    ...clusterPoolProblems(options),
  ];
}
