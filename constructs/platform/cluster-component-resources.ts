import type { PropProblem } from '../validation/known-props';
import type { DevicePluginPart } from './components/intel-gpu-plugin';
import { SECRETS_STORE_CSI_DRIVER_PART_NAMES, type SecretsStoreCsiDriverPart, VAULT_CSI_PROVIDER_PART_NAMES, type VaultCsiProviderPart } from './components/secrets-store-csi';
import { partResourcesProblems, type PartResources } from './part-resources';

// Some components are brought by the cluster itself, with no factory a user calls: the GPU device plugins
// (hosts with a GPU) and the Secrets Store CSI driver with its Vault provider (a VaultSecretProviderClass).
// Their sizes are cluster props, in the same form as a factory's `resources`.

/** Requests and limits of the components the cluster brings itself, by component and part. */
export interface ClusterComponentResources {
  /**
   * Intel's GPU device plugin, on hosts with an Intel GPU: `{ plugin: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly intelGpuPlugin?: PartResources<DevicePluginPart>;
  /**
   * NVIDIA's device plugin, on hosts with an NVIDIA GPU: `{ plugin: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly nvidiaDevicePlugin?: PartResources<DevicePluginPart>;
  /**
   * The Secrets Store CSI driver a VaultSecretProviderClass brings: `driver`, and its sidecars `registrar`
   * and `livenessProbe`. @default - the driver 10m CPU and 64Mi requested with a 256Mi memory limit; each
   * sidecar 10m, 32Mi and 128Mi
   */
  readonly secretsStoreCsiDriver?: PartResources<SecretsStoreCsiDriverPart>;
  /**
   * The Vault provider of that driver: `{ provider: { … } }`.
   * @default - 10m CPU and 32Mi requested, a 128Mi memory limit
   */
  readonly vaultCsiProvider?: PartResources<VaultCsiProviderPart>;
}

/** The parts of each component of {@link ClusterComponentResources}. */
const PARTS: Readonly<Record<keyof ClusterComponentResources, readonly string[]>> = {
  intelGpuPlugin: ['plugin'], nvidiaDevicePlugin: ['plugin'],
  secretsStoreCsiDriver: SECRETS_STORE_CSI_DRIVER_PART_NAMES, vaultCsiProvider: VAULT_CSI_PROVIDER_PART_NAMES,
};

/** The shape of `componentResources`: its components; their parts are checked by {@link componentResourcesProblems}. */
export const COMPONENT_RESOURCES_SHAPE = { intelGpuPlugin: 'any', nvidiaDevicePlugin: 'any', secretsStoreCsiDriver: 'any', vaultCsiProvider: 'any' } as const;

/** Problems with the sizes of each component of `componentResources`, of well-shaped props. Pure. */
export function componentResourcesProblems(resources: ClusterComponentResources | undefined): PropProblem[] {
  if (resources === null || typeof resources !== 'object') {
    return [];
  }
  return (Object.keys(PARTS) as Array<keyof ClusterComponentResources>)
    .flatMap((component) => partResourcesProblems(resources[component], `componentResources.${component}`, PARTS[component]));
}
