import type { PlatformComponentProps } from '../component';

/** Pinned release of Rancher's local-path provisioner. Renovate reads the comment above each pin. */
export const LOCAL_PATH_PINS = {
  // renovate: datasource=github-tags depName=rancher/local-path-provisioner
  tag: 'v0.0.32',
} as const;

/**
 * Rancher's local-path provisioner, from its upstream manifest: claims on the `local-path` class become
 * directories under `/opt/local-path-provisioner` of the node the pod lands on.
 */
export function localPathProvisioner(): PlatformComponentProps {
  return {
    name: 'local-path-provisioner',
    description: 'node-local volumes for the local-path StorageClass',
    namespace: 'local-path-storage',
    podSecurity: 'privileged',
    podSecurityReason: 'its helper pods create volume directories through hostPath mounts',
    install: {
      type: 'manifests',
      repository: 'https://github.com/rancher/local-path-provisioner',
      tag: LOCAL_PATH_PINS.tag,
      path: 'deploy',
      files: ['local-path-storage.yaml'],
      createsNamespace: true,
    },
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'local-path-provisioner' }],
    provides: { storageClasses: ['local-path'] },
  };
}
