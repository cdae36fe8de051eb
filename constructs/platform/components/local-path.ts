import type { ResourcesProps } from '../../app/resources';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { resourceRequirements } from '../component-resources';

/** Pinned release of Rancher's local-path provisioner. Renovate reads the comment above each pin. */
export const LOCAL_PATH_PINS = {
  // renovate: datasource=github-tags depName=rancher/local-path-provisioner
  tag: 'v0.0.32',
} as const;

/** The provisioner name local-path's StorageClass names. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

/** The folder of the nodes that upstream's files keep local-path volumes in. */
export const LOCAL_PATH_DEFAULT_ROOT = '/opt/local-path-provisioner';

/** Size of the provisioner, a small Go controller: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const LOCAL_PATH_PROVISIONER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** Options of the local-path provisioner. */
export interface LocalPathProvisionerOptions {
  /**
   * Folder of every node that holds the volumes, one sub-folder per claim. A node whose `/opt` is
   * read-only (Talos) needs a writable one, e.g. `/var/local-path-provisioner`.
   * @default '/opt/local-path-provisioner'
   */
  readonly root?: string;
  /**
   * Requests and limits of the provisioner, as an App's `resources`.
   * @default - 10m CPU and 32Mi memory requested, a 128Mi memory limit ({@link LOCAL_PATH_PROVISIONER_SIZE})
   */
  readonly resources?: ResourcesProps;
}

/**
 * Rancher's local-path provisioner, from its upstream manifest: claims on the `local-path` class become
 * directories under `root` (`/opt/local-path-provisioner` by default) of the node the pod lands on.
 */
export function localPathProvisioner(given: LocalPathProvisionerOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: LocalPathProvisionerOptions = given ?? {};
  const root = options.root ?? LOCAL_PATH_DEFAULT_ROOT;
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
      // deploy/kustomization.yaml lists local-path-storage.yaml alone.
      kustomization: true,
      createsNamespace: true,
      // The provisioner reads its node folders from this ConfigMap (and reloads it when it changes).
      ...(root === LOCAL_PATH_DEFAULT_ROOT ? {} : { configMapPatches: [localPathConfigPatch(root)] }),
      containerPatches: [{ kind: 'Deployment', name: 'local-path-provisioner', resources: resourceRequirements(LOCAL_PATH_PROVISIONER_SIZE, options.resources) }],
    },
    resources: {
      setAt: ['install.containerPatches.Deployment/local-path-provisioner'],
      chartDefault: 'the helper pod the provisioner starts for each volume is made at run time from the helperPod.yaml of its ConfigMap, which keeps upstream\'s resources',
    },
    provides: { storageClasses: ['local-path'] },
  };
}

/** The provisioner's `config.json` with `root` as the folder of every node. Pure. */
function localPathConfigPatch(root: string): { name: string; data: Record<string, string> } {
  const config = { nodePathMap: [{ node: 'DEFAULT_PATH_FOR_NON_LISTED_NODES', paths: [root] }] };
  return { name: 'local-path-config', data: { 'config.json': JSON.stringify(config) } };
}
