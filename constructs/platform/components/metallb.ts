import type { ResourcesProps } from '../../app/resources';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';

/** Pinned release of the MetalLB chart. Renovate reads the comment above each pin. */
export const METALLB_PINS = {
  // renovate: datasource=helm depName=metallb registryUrl=https://metallb.github.io/metallb
  chart: '0.15.2',
} as const;

/** The CRDs the MetalLB chart installs. */
export const METALLB_CRDS = [
  {
    group: 'metallb.io',
    kinds: [
      'BFDProfile', 'BGPAdvertisement', 'BGPPeer', 'Community', 'ConfigurationState', 'IPAddressPool',
      'L2Advertisement', 'ServiceBGPStatus', 'ServiceL2Status',
    ],
  },
] as const;

/**
 * Size of the controller and of each node's speaker, small Go daemons: 10m CPU and 32Mi requested, a
 * 128Mi memory limit.
 */
export const METALLB_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** The port of the controller's and the speakers' metrics, where the speakers' health is checked too, on their node for the speakers. */
export const METALLB_METRICS_PORT = 7472;

/** The port the speakers' memberlist binds on their node unless told otherwise: the chart's `speaker.memberlist.mlBindPort`. */
export const METALLB_MEMBERLIST_PORT = 7946;

/** The chart's values keys of the controller's and the speakers' container resources. */
const METALLB_RESOURCE_KEYS = ['controller.resources', 'speaker.resources'];

/**
 * MetalLB's controller and layer-2 speakers; pools and announcements are config-layer objects.
 * `resources` replaces {@link METALLB_SIZE} for the controller and the speakers alike; `memberlistPort` is the
 * port the speakers' memberlist binds on each node.
 */
export function metalLbComponent(namespace = 'metallb-system', resources?: ResourcesProps, memberlistPort = METALLB_MEMBERLIST_PORT): PlatformComponentProps {
  const setBy = 'metalLb({ memberlistPort })';
  // The chart's own port is left to the chart, so a cluster that keeps it renders the values it always had.
  const memberlist = memberlistPort === METALLB_MEMBERLIST_PORT ? {} : { memberlist: { mlBindPort: memberlistPort } };
  return {
    name: 'metallb',
    description: 'MetalLB: LoadBalancer addresses from the inventory pools, announced over layer 2'
      + (memberlistPort === METALLB_MEMBERLIST_PORT ? '' : `; its speakers find each other on port ${memberlistPort} of their nodes (memberlist)`),
    namespace,
    // The speakers run on the host network, which NetworkPolicies do not govern; their ports are listed for CNIs that do.
    network: servesPorts(
      { port: METALLB_METRICS_PORT, purpose: 'metrics of the controller and the speakers, and the speakers\' health' },
      { port: memberlistPort, purpose: 'memberlist between the speakers' },
      { port: memberlistPort, protocol: 'UDP', purpose: 'memberlist between the speakers' },
      { port: 9443, purpose: 'admission webhook of the controller, called by the API server (often from the host network)' },
      { port: 17472, purpose: 'health of the controller, checked by the kubelet (newer chart versions)' },
    ),
    // The speakers' metrics and memberlist are on their node's address.
    hostPorts: [{ port: METALLB_METRICS_PORT }, { port: memberlistPort, setBy }, { port: memberlistPort, protocol: 'UDP', setBy }],
    podSecurity: 'privileged',
    podSecurityReason: 'the speakers answer ARP on the host network with NET_RAW',
    install: {
      type: 'helm',
      chart: { repository: 'https://metallb.github.io/metallb', chart: 'metallb', version: METALLB_PINS.chart },
      values: withResourceValues({
        crds: { enabled: true },
        // Layer 2 only: no BGP, so the FRR sidecars are not needed.
        speaker: { frr: { enabled: false }, ...memberlist },
      }, METALLB_RESOURCE_KEYS, METALLB_SIZE, resources),
    },
    resources: { setAt: METALLB_RESOURCE_KEYS.map((key) => `values.${key}`) },
    crds: METALLB_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
