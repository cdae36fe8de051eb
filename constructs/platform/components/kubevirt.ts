import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { noNetworkPolicy } from '../component-network';

/**
 * Pinned releases of KubeVirt and CDI. Renovate reads the comment above each pin.
 *
 * KubeVirt publishes its operator manifests only as release assets, never as files of a Git tag, and
 * publishes no Helm chart; a GitOps engine cannot fetch release assets, and a remote URL would break
 * offline `kubectl kustomize`. The SUSE Edge charts package the same operators (KubeVirt 1.8.3,
 * CDI 1.65.0) with their CRDs in the chart's `crds/` folder, so they install from a Helm repository
 * like every other component.
 */
export const KUBEVIRT_PINS = {
  // renovate: datasource=helm depName=kubevirt registryUrl=https://suse-edge.github.io/charts
  kubevirtChart: '0.8.0',
  // renovate: datasource=helm depName=cdi registryUrl=https://suse-edge.github.io/charts
  cdiChart: '0.8.0',
} as const;

/** The CRDs virt-operator and its chart install. */
export const KUBEVIRT_CRDS = [
  { group: 'kubevirt.io', kinds: ['KubeVirt', 'VirtualMachine', 'VirtualMachineInstance', 'VirtualMachineInstanceMigration', 'VirtualMachineInstanceReplicaSet'] },
  { group: 'snapshot.kubevirt.io', kinds: ['VirtualMachineRestore', 'VirtualMachineSnapshot', 'VirtualMachineSnapshotContent'] },
  { group: 'instancetype.kubevirt.io', kinds: ['VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference', 'VirtualMachineInstancetype', 'VirtualMachinePreference'] },
  { group: 'pool.kubevirt.io', kinds: ['VirtualMachinePool'] },
  { group: 'migrations.kubevirt.io', kinds: ['MigrationPolicy'] },
  { group: 'export.kubevirt.io', kinds: ['VirtualMachineExport'] },
  { group: 'clone.kubevirt.io', kinds: ['VirtualMachineClone'] },
] as const;

/** The CRDs the CDI operator and its chart install. */
export const CDI_CRDS = [
  {
    group: 'cdi.kubevirt.io',
    kinds: ['CDI', 'CDIConfig', 'DataImportCron', 'DataSource', 'DataVolume', 'ObjectTransfer', 'StorageProfile', 'VolumeCloneSource', 'VolumeImportSource', 'VolumeUploadSource'],
  },
] as const;

/** Namespace of KubeVirt. */
export const KUBEVIRT_NAMESPACE = 'kubevirt';

/** Namespace of CDI. */
export const CDI_NAMESPACE = 'cdi';

const SUSE_EDGE_CHARTS = 'https://suse-edge.github.io/charts';

/** Size of each virt-operator replica: the chart's own requests (10m CPU, 450Mi), with a 1Gi memory limit. */
export const KUBEVIRT_OPERATOR_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '450Mi', memoryLimit: '1Gi' };

/** Size of the CDI operator: the chart's own requests (100m CPU, 150Mi), with a 512Mi memory limit. */
export const CDI_OPERATOR_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '150Mi', memoryLimit: '512Mi' };

// The charts' keys of their operators, read in their values.yaml at the pinned versions.
/** The parts of KubeVirt, each with its chart values keys and this library's size of it. */
export const KUBEVIRT_PARTS = { operator: { keys: ['operator.resources'], size: KUBEVIRT_OPERATOR_SIZE } } as const satisfies Record<string, SizedPart>;
/** The parts of CDI, each with its chart values keys and this library's size of it. */
export const CDI_PARTS = { operator: { keys: ['deployment.resources'], size: CDI_OPERATOR_SIZE } } as const satisfies Record<string, SizedPart>;

/**
 * The part of KubeVirt, or of CDI, a user can size: its `operator` (virt-api, virt-controller, virt-handler
 * and CDI's pods are started by the operators and keep their own sizes).
 */
export type KubeVirtPart = keyof typeof KUBEVIRT_PARTS & keyof typeof CDI_PARTS;

/** Every part of KubeVirt and of CDI, by name. */
export const KUBEVIRT_PART_NAMES = Object.keys(KUBEVIRT_PARTS) as KubeVirtPart[];

/**
 * KubeVirt: virt-operator and the `KubeVirt` CR that makes it deploy virt-api, virt-controller and the
 * virt-handler DaemonSet. The chart renders the CR from `kubevirt.*` values, so its settings are typed
 * values here rather than a second copy of the CR in the config layer (two owners of one object would
 * fight over it). `resources` sizes the operator, merged key by key into the default; the cluster gives
 * its `componentResources.kubeVirt`.
 */
export function kubeVirtComponent(resources: PartResources<KubeVirtPart> = {}): PlatformComponentProps {
  return {
    name: 'kubevirt',
    resources: {
      setAt: partValuesKeys(KUBEVIRT_PARTS),
      chartDefault: 'virt-api, virt-controller and virt-handler, which the operator starts from the KubeVirt CR, and the chart\'s hook jobs keep their own resources',
    },
    description: 'KubeVirt: virtual machines as pods (operator and its KubeVirt CR)',
    namespace: KUBEVIRT_NAMESPACE,
    network: noNetworkPolicy('virt-api\'s webhooks and the console, VNC and migration connections between KubeVirt\'s pods use ports the operator chooses, not listed for this chart version; a policy that missed one would stop VMs from starting or moving'),
    podSecurity: 'privileged',
    podSecurityReason: 'virt-handler runs privileged on every node to start QEMU and wire VM networking',
    install: {
      type: 'helm',
      chart: { repository: SUSE_EDGE_CHARTS, chart: 'kubevirt', version: KUBEVIRT_PINS.kubevirtChart },
      values: withPartResources({
        kubevirt: {
          // Keep VMs when the KubeVirt CR is deleted by mistake.
          uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
          configuration: { developerConfiguration: { featureGates: [] } },
        },
      }, KUBEVIRT_PARTS, resources),
      renderedResources: [{ apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt' }],
    },
    crds: KUBEVIRT_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}

/**
 * The Containerized Data Importer: DataVolumes that import, clone and upload VM disks into claims. Like
 * KubeVirt's, its `CDI` CR comes from the chart's `cdi.*` values. `resources` sizes the operator, merged
 * key by key into the default; the cluster gives its `componentResources.cdi`.
 */
export function cdiComponent(resources: PartResources<KubeVirtPart> = {}): PlatformComponentProps {
  return {
    name: 'cdi',
    resources: {
      setAt: partValuesKeys(CDI_PARTS),
      chartDefault: 'the API server, controller, upload proxy and importer pods the operator starts from the CDI CR, and the chart\'s hook jobs, keep their own resources',
    },
    description: 'Containerized Data Importer: VM disk images into claims (operator and its CDI CR)',
    namespace: CDI_NAMESPACE,
    network: noNetworkPolicy('the CDI operator\'s API server, webhooks and upload proxy use ports not listed for this chart version; a policy that missed one would stop disk imports'),
    install: {
      type: 'helm',
      chart: { repository: SUSE_EDGE_CHARTS, chart: 'cdi', version: KUBEVIRT_PINS.cdiChart },
      values: withPartResources({
        cdi: {
          uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
        },
      }, CDI_PARTS, resources),
      renderedResources: [{ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'CDI' }],
    },
    crds: CDI_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
    dependsOn: ['kubevirt'],
  };
}
