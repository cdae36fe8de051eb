import type { PlatformComponentProps } from '../component';
import { type ComponentSize, resourceRequirements } from '../component-resources';
import type { PartResources } from '../part-resources';

/** Pinned release of Multus CNI. Renovate reads the comment above each pin. */
export const MULTUS_PINS = {
  // renovate: datasource=github-tags depName=k8snetworkplumbingwg/multus-cni
  tag: 'v4.3.1',
  // renovate: datasource=docker depName=ghcr.io/k8snetworkplumbingwg/multus-cni
  image: 'v4.3.1-thick',
} as const;

/**
 * Size of the Multus daemon: 100m CPU and 128Mi requested, a 512Mi memory limit. The upstream DaemonSet caps
 * it at 50Mi, which the thick plugin's daemon outgrows once it serves a few attachments, and the kernel then
 * kills it with every pod start in flight.
 */
export const MULTUS_DAEMON_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/** The part of Multus a user can size: the `daemon` on each node. */
export type MultusPart = 'daemon';

/** Every part of Multus, by name. */
export const MULTUS_PART_NAMES: readonly MultusPart[] = ['daemon'];

/** The CRD Multus installs. */
export const MULTUS_CRDS = [{ group: 'k8s.cni.cncf.io', kinds: ['NetworkAttachmentDefinition'] }] as const;

/**
 * Multus CNI (thick plugin) from the upstream DaemonSet manifest at a release tag: pods get extra
 * interfaces from NetworkAttachmentDefinitions. The upstream file names the moving `snapshot-thick`
 * image, so the image is pinned to the release's own tag, and the daemon gets room to run
 * ({@link MULTUS_DAEMON_SIZE}), the user's `resources.daemon` merged key by key into it (the cluster gives
 * its `componentResources.multus`).
 */
export function multusComponent(given: PartResources<MultusPart> = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const resources: PartResources<MultusPart> = given ?? {};
  return {
    name: 'multus',
    description: 'Multus CNI: extra pod and VM interfaces from NetworkAttachmentDefinitions',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the Multus daemon installs CNI binaries and configuration on every node',
    install: {
      type: 'manifests',
      repository: 'https://github.com/k8snetworkplumbingwg/multus-cni',
      tag: MULTUS_PINS.tag,
      path: 'deployments',
      files: ['multus-daemonset-thick.yml'],
      images: [{ name: 'ghcr.io/k8snetworkplumbingwg/multus-cni', newTag: MULTUS_PINS.image }],
      containerPatches: [{ kind: 'DaemonSet', name: 'kube-multus-ds', resources: resourceRequirements(MULTUS_DAEMON_SIZE, resources.daemon) }],
    },
    resources: { setAt: ['install.containerPatches.DaemonSet/kube-multus-ds'] },
    crds: MULTUS_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
