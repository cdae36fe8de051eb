import type { PlatformComponentProps } from '../component';

/** Pinned release of Multus CNI. Renovate reads the comment above each pin. */
export const MULTUS_PINS = {
  // renovate: datasource=github-tags depName=k8snetworkplumbingwg/multus-cni
  tag: 'v4.3.1',
  // renovate: datasource=docker depName=ghcr.io/k8snetworkplumbingwg/multus-cni
  image: 'v4.3.1-thick',
} as const;

/**
 * Resources of the Multus daemon: the upstream DaemonSet caps it at 50Mi, which the thick plugin's daemon
 * outgrows once it serves a few attachments, and the kernel then kills it with every pod start in flight.
 */
export const MULTUS_DAEMON_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } as const;

/** The CRD Multus installs. */
export const MULTUS_CRDS = [{ group: 'k8s.cni.cncf.io', kinds: ['NetworkAttachmentDefinition'] }] as const;

/**
 * Multus CNI (thick plugin) from the upstream DaemonSet manifest at a release tag: pods get extra
 * interfaces from NetworkAttachmentDefinitions. The upstream file names the moving `snapshot-thick`
 * image, so the image is pinned to the release's own tag, and the daemon gets room to run
 * ({@link MULTUS_DAEMON_RESOURCES}).
 */
export function multusComponent(): PlatformComponentProps {
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
      containerPatches: [{ kind: 'DaemonSet', name: 'kube-multus-ds', resources: MULTUS_DAEMON_RESOURCES }],
    },
    resources: { setAt: ['install.containerPatches.DaemonSet/kube-multus-ds'] },
    crds: MULTUS_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
