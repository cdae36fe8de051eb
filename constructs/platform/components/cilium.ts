import type { CrdGroup, PlatformComponentProps } from '../component';
import type { PropProblem } from '../../validation/known-props';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { GATEWAY_API_CRDS_COMPONENT } from './gateway-api-crds';

/** Pinned release of the Cilium chart. Renovate reads the comment above each pin. */
export const CILIUM_PINS = {
  // renovate: datasource=helm depName=cilium registryUrl=https://helm.cilium.io
  chart: '1.17.5',
} as const;

/**
 * The Gateway API release whose CRDs the pinned Cilium release implements; Cilium's Gateway API support
 * needs exactly these CRDs present before the agent starts.
 */
export const CILIUM_GATEWAY_API_VERSION = 'v1.2.0';

/** Name of the Cilium component. */
export const CILIUM_COMPONENT = 'cilium';

/** The GatewayClass Cilium's Gateway API support creates. */
export const CILIUM_GATEWAY_CLASS = 'cilium';

/** The IngressClass Cilium's ingress controller creates. */
export const CILIUM_INGRESS_CLASS = 'cilium';

/** Capabilities the Cilium agent needs where the host cannot grant `SYS_MODULE` (Talos). */
export const CILIUM_AGENT_CAPABILITIES = [
  'CHOWN', 'KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID',
] as const;

/** Capabilities of the init container that cleans Cilium's state, without `SYS_MODULE`. */
export const CILIUM_CLEAN_STATE_CAPABILITIES = ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'] as const;

/** The CRDs the Cilium agent and operator register. */
export const CILIUM_CRDS: readonly CrdGroup[] = [
  {
    group: 'cilium.io',
    kinds: [
      'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'CiliumEndpoint', 'CiliumEndpointSlice', 'CiliumIdentity',
      'CiliumNode', 'CiliumNodeConfig', 'CiliumExternalWorkload', 'CiliumLocalRedirectPolicy', 'CiliumEgressGatewayPolicy',
      'CiliumEnvoyConfig', 'CiliumClusterwideEnvoyConfig', 'CiliumLoadBalancerIPPool', 'CiliumL2AnnouncementPolicy',
      'CiliumPodIPPool', 'CiliumCIDRGroup', 'CiliumBGPClusterConfig', 'CiliumBGPPeerConfig', 'CiliumBGPAdvertisement',
      'CiliumBGPNodeConfig', 'CiliumBGPNodeConfigOverride', 'CiliumGatewayClassConfig',
    ],
  },
];

/**
 * Size of the agent on each node, which programs eBPF and watches every endpoint: 100m CPU and 256Mi
 * requested, a 1Gi memory limit.
 */
export const CILIUM_AGENT_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' };

/** Size of the Envoy proxy on each node (Gateway API, ingress, L7 policy): 50m CPU and 64Mi requested, a 512Mi memory limit. */
export const CILIUM_ENVOY_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '512Mi' };

/**
 * Size of each of the agent's init containers, the operator, Hubble Relay and the two containers of the
 * Hubble UI: 10m CPU and 64Mi requested, a 256Mi memory limit.
 */
export const CILIUM_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's values keys of its containers' resources, read in the chart's values.yaml of the 1.16 line
// (cilium-envoy v1.29): `resources` (agent), `initResources` (its init containers), `envoy.resources`,
// `operator.resources`, `hubble.relay.resources`, `hubble.ui.backend.resources`, `hubble.ui.frontend.resources`.
// Hubble's certificates are made by Helm itself (`hubble.tls.auto.method: helm`), so no job runs.
/** The parts of Cilium, each with its chart values keys and this library's size of it. */
export const CILIUM_PARTS = {
  agent: { keys: ['resources'], size: CILIUM_AGENT_SIZE },
  envoy: { keys: ['envoy.resources'], size: CILIUM_ENVOY_SIZE },
  agentInit: { keys: ['initResources'], size: CILIUM_SIZE },
  operator: { keys: ['operator.resources'], size: CILIUM_SIZE },
  hubbleRelay: { keys: ['hubble.relay.resources'], size: CILIUM_SIZE },
  hubbleUi: { keys: ['hubble.ui.backend.resources', 'hubble.ui.frontend.resources'], size: CILIUM_SIZE },
} as const satisfies Record<string, SizedPart>;

/**
 * The parts of Cilium a user can size: the agent on each node, its init containers (`agentInit`), the Envoy
 * proxy on each node, the operator, Hubble Relay and both containers of the Hubble UI (`hubbleUi`).
 */
export type CiliumPart = keyof typeof CILIUM_PARTS;

/** Every part of Cilium, by name. */
export const CILIUM_PART_NAMES = Object.keys(CILIUM_PARTS) as CiliumPart[];

/** The parts of Cilium that `options` do not run, each with why. Pure. */
export function idleCiliumParts(options: CiliumOptions): Partial<Record<CiliumPart, string>> {
  return {
    ...(options.hubble?.relay ? {} : { hubbleRelay: 'Hubble Relay runs only with hubble: { relay: true }' }),
    ...(options.hubble?.ui ? {} : { hubbleUi: 'the Hubble UI runs only with hubble: { ui: true }' }),
  };
}

/** The parts `options` run. Pure. */
function ciliumParts(options: CiliumOptions): Partial<Record<CiliumPart, SizedPart>> {
  const idle = idleCiliumParts(options);
  return Object.fromEntries(Object.entries(CILIUM_PARTS).filter(([part]) => !(part in idle)));
}

/** Where the values of `options` size Cilium's containers, for the component's resources fact. Pure. */
export function ciliumResourceKeys(options: CiliumOptions): string[] {
  return partValuesKeys(ciliumParts(options));
}

/** How Cilium allocates pod addresses. */
export type CiliumIpamMode = 'kubernetes' | 'cluster-pool' | 'multi-pool';

/** Capabilities of Cilium's containers, for hosts whose kernel modules cannot be loaded from a pod. */
export interface CiliumCapabilities {
  /** Capabilities of the agent. @default - the chart's (which include SYS_MODULE) */
  readonly ciliumAgent?: readonly string[];
  /** Capabilities of the `clean-cilium-state` init container. @default - the chart's */
  readonly cleanCiliumState?: readonly string[];
}

/** Where Cilium finds the cgroup v2 hierarchy. */
export interface CiliumCgroup {
  /** Whether Cilium mounts cgroup v2 itself; off where the host has it mounted (Talos). @default true */
  readonly autoMount: boolean;
  /** Path of the host's cgroup v2 root. @default '/run/cilium/cgroupv2' */
  readonly hostRoot: string;
}

/** Cilium's Gateway API implementation. */
export interface CiliumGatewayApi {
  /** Negotiate HTTP/2 with clients through ALPN on HTTPS listeners. @default false */
  readonly enableAlpn?: boolean;
  /** Honour `appProtocol` of backend Service ports (h2c, WebSocket). @default false */
  readonly enableAppProtocol?: boolean;
  /**
   * Release of the Gateway API CRDs installed ahead of Cilium (standard channel plus the experimental
   * TLSRoute), e.g. `v1.2.0`. It must be the release the pinned Cilium implements.
   * @default CILIUM_GATEWAY_API_VERSION
   */
  readonly crdsVersion?: string;
}

/** Hubble, Cilium's flow observability. */
export interface CiliumHubble {
  /** Run Hubble Relay, which gathers flows from every node. @default false */
  readonly relay?: boolean;
  /** Run the Hubble UI (needs the relay). @default false */
  readonly ui?: boolean;
}

/** The values of the Cilium chart that this library sets; everything else keeps the chart default. */
export interface CiliumOptions {
  /** How pod addresses are allocated. @default 'kubernetes' (from each node's PodCIDR) */
  readonly ipamMode?: CiliumIpamMode;
  /**
   * The pod ranges Cilium's operator hands out with `ipamMode: 'cluster-pool'` (the chart's
   * `ipam.operator.clusterPoolIPv4PodCIDRList`, and `clusterPoolIPv6PodCIDRList` for IPv6 blocks), as CIDR
   * blocks, e.g. `['10.244.0.0/16']`. Only cluster-pool reads them.
   * @default - the chart's, 10.0.0.0/8
   */
  readonly clusterPoolPodCidrs?: string[];
  /** Replace kube-proxy with Cilium's eBPF service handling; needs `k8sServiceHost`/`k8sServicePort`. @default true */
  readonly kubeProxyReplacement?: boolean;
  /**
   * Address the agent reaches the API server at without kube-proxy, e.g. `localhost` for Talos' KubePrism
   * or the control-plane VIP. Required with `kubeProxyReplacement`.
   * @default - none
   */
  readonly k8sServiceHost?: string;
  /** Port of `k8sServiceHost`, e.g. 7445 for KubePrism. @default 6443 */
  readonly k8sServicePort?: number;
  /** Container capabilities. @default - the chart's */
  readonly capabilities?: CiliumCapabilities;
  /** cgroup v2 mount. @default - the chart's (Cilium mounts it) */
  readonly cgroup?: CiliumCgroup;
  /** Cilium's Gateway API implementation (GatewayClass `cilium`); brings the Gateway API CRDs first. @default - off */
  readonly gatewayApi?: CiliumGatewayApi;
  /** Announce LoadBalancer and external addresses over ARP from the nodes (`l2announcements.enabled`). @default false */
  readonly l2Announcements?: boolean;
  /** Handle `externalIPs` of Services (`externalIPs.enabled`). @default false */
  readonly externalIPs?: boolean;
  /**
   * Enforce host policies (`hostFirewall.enabled`): CiliumClusterwideNetworkPolicies with a `nodeSelector`, which
   * Cilium loads but never applies to the nodes without it. Before turning it on, let such a policy admit what the
   * nodes need (the API server, the kubelet, SSH), as one that selects a node denies it everything else.
   * @default false
   */
  readonly hostFirewall?: boolean;
  /** Hubble Relay and UI. @default - Hubble on the agents only, no relay or UI */
  readonly hubble?: CiliumHubble;
  /** Cilium operator replicas; one fits a two-node cluster. @default 1 */
  readonly operatorReplicas?: number;
  /**
   * API server client rate limit of the agent, in queries per second; L2 announcements renew a lease per
   * announced address, which needs more than the default.
   * @default - the chart's
   */
  readonly k8sClientQps?: number;
  /**
   * Transparent encryption of the traffic between pods on different nodes (`encryption.type`): WireGuard
   * or IPsec, with no change to the apps. @default - none (traffic between nodes in the clear)
   */
  readonly encryption?: CiliumEncryption;
  /**
   * Requests and limits by part (`agent`, `agentInit`, `envoy`, `operator`, `hubbleRelay`, `hubbleUi`), each
   * as an App's `resources`, merged key by key into the default, e.g. `{ agent: { memoryLimit: '2Gi' } }`.
   * @default - the agent 100m CPU and 256Mi requested with a 1Gi memory limit; Envoy 50m, 64Mi and 512Mi;
   * every other part 10m, 64Mi and 256Mi
   */
  readonly resources?: PartResources<CiliumPart>;
}

/** How Cilium encrypts the traffic between nodes. */
export type CiliumEncryption = 'wireguard' | 'ipsec';

/** The chart's default pool of `ipamMode: 'cluster-pool'` (`ipam.operator.clusterPoolIPv4PodCIDRList`). */
export const CILIUM_CLUSTER_POOL_DEFAULT = '10.0.0.0/8';

/** The pools of cluster-pool IPAM, by family, under `ipam.operator`; nothing when none are given. Pure. */
function clusterPoolValues(cidrs: readonly string[] | undefined): Record<string, unknown> {
  if (cidrs === undefined || cidrs.length === 0) {
    return {};
  }
  const v6 = cidrs.filter((c) => c.includes(':'));
  const v4 = cidrs.filter((c) => !c.includes(':'));
  return {
    operator: { ...(v4.length > 0 ? { clusterPoolIPv4PodCIDRList: v4 } : {}), ...(v6.length > 0 ? { clusterPoolIPv6PodCIDRList: v6 } : {}) },
  };
}

/** The Helm values of the Cilium chart for `options`; a pure function so tests can read them. */
export function ciliumValues(options: CiliumOptions): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ipam: { mode: options.ipamMode ?? 'kubernetes', ...clusterPoolValues(options.clusterPoolPodCidrs) },
    kubeProxyReplacement: options.kubeProxyReplacement ?? true,
    // Each part reads cilium-config once, at start: without the checksum the chart stamps on its template, a
    // values change pushed through Git rewrites the ConfigMap and leaves every pod on the old settings.
    rollOutCiliumPods: true,
    operator: { replicas: options.operatorReplicas ?? 1, rollOutPods: true },
    envoy: { rollOutPods: true },
    // Kubernetes NetworkPolicies name the nodes by address (the API server's control-plane nodes, an admitted
    // app on its host's network), as no pod selector matches them; Cilium matches node addresses by CIDR only
    // in this mode, and otherwise drops what those rules allow.
    policyCIDRMatchMode: ['nodes'],
  };
  if (options.k8sServiceHost !== undefined) {
    values.k8sServiceHost = options.k8sServiceHost;
    values.k8sServicePort = options.k8sServicePort ?? 6443;
  }
  if (options.capabilities) {
    const capabilities: Record<string, unknown> = {};
    if (options.capabilities.ciliumAgent) {
      capabilities.ciliumAgent = [...options.capabilities.ciliumAgent];
    }
    if (options.capabilities.cleanCiliumState) {
      capabilities.cleanCiliumState = [...options.capabilities.cleanCiliumState];
    }
    values.securityContext = { capabilities };
  }
  if (options.cgroup) {
    values.cgroup = { autoMount: { enabled: options.cgroup.autoMount }, hostRoot: options.cgroup.hostRoot };
  }
  if (options.gatewayApi) {
    values.gatewayAPI = {
      enabled: true,
      enableAlpn: options.gatewayApi.enableAlpn ?? false,
      enableAppProtocol: options.gatewayApi.enableAppProtocol ?? false,
    };
  }
  if (options.l2Announcements !== undefined) {
    values.l2announcements = { enabled: options.l2Announcements };
  }
  if (options.externalIPs !== undefined) {
    values.externalIPs = { enabled: options.externalIPs };
  }
  if (options.k8sClientQps !== undefined) {
    values.k8sClientRateLimit = { qps: options.k8sClientQps, burst: options.k8sClientQps * 2 };
  }
  if (options.encryption !== undefined) {
    values.encryption = { enabled: true, type: options.encryption };
  }
  if (options.hostFirewall !== undefined) {
    values.hostFirewall = { enabled: options.hostFirewall };
  }
  if (options.hubble) {
    values.hubble = {
      enabled: true,
      relay: { enabled: options.hubble.relay ?? false, ...(options.hubble.relay ? { rollOutPods: true } : {}) },
      ui: { enabled: options.hubble.ui ?? false, ...(options.hubble.ui ? { rollOutPods: true } : {}) },
    };
  }
  return withPartResources(values, ciliumParts(options), options.resources);
}

/**
 * `kubeProxyReplacement` in a mode older Cilium releases took (`strict`, `partial`, `probe`, `disabled`), as
 * guides written before 1.14 set it: Cilium 1.16 removed them, and the agent refuses any value but true or false
 * and never starts, which leaves every node without a pod network. Pure.
 */
function kubeProxyReplacementProblems(values: Record<string, unknown>): PropProblem[] {
  const mode = values.kubeProxyReplacement;
  if (mode === undefined || typeof mode === 'boolean' || mode === 'true' || mode === 'false') {
    return [];
  }
  const meant = mode === 'strict' || mode === 'probe' ? true : mode === 'partial' || mode === 'disabled' ? false : undefined;
  return [{
    field: 'kubeProxyReplacement',
    message: `kubeProxyReplacement is ${JSON.stringify(mode)}; Cilium ${CILIUM_PINS.chart} takes true or false alone (the modes strict, partial, probe and disabled were removed in 1.16), so its agent refuses the setting and no node gets a pod network`,
    hint: meant === undefined ? 'write kubeProxyReplacement: true to replace kube-proxy, or false to keep it'
      : `write kubeProxyReplacement: ${meant}${meant ? '' : ' (the parts of the old partial mode are turned on one by one: nodePort.enabled, hostPort.enabled, externalIPs.enabled)'}`,
  }];
}

/**
 * Cilium as the cluster's CNI, in `kube-system`, from its Helm chart. With Gateway API on, it depends on
 * the Gateway API CRDs component and provides the `cilium` GatewayClass. A change of its values restarts
 * the parts that read them (agents, operator, Envoy, Hubble's relay and UI), through the chart's roll-out flags.
 */
export function ciliumComponent(given: CiliumOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: CiliumOptions = given ?? {};
  return {
    name: CILIUM_COMPONENT,
    resources: { setAt: ciliumResourceKeys(options) },
    description: 'Cilium: the CNI (eBPF networking, kube-proxy replacement, network policy)',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the Cilium agent programs eBPF and routes on the host network with host capabilities',
    valuesProblems: kubeProxyReplacementProblems,
    install: {
      type: 'helm',
      chart: { repository: 'https://helm.cilium.io', chart: 'cilium', version: CILIUM_PINS.chart },
      values: ciliumValues(options),
    },
    crds: CILIUM_CRDS,
    dependsOn: options.gatewayApi ? [GATEWAY_API_CRDS_COMPONENT] : [],
    provides: options.gatewayApi ? { gatewayClasses: [CILIUM_GATEWAY_CLASS] } : {},
  };
}
