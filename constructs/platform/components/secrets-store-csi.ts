import { EVERY_TAINT } from '../../app/placement';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';

/** The CSI driver name pods mount SecretProviderClasses through. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** Pinned releases of the Secrets Store CSI driver and of the Vault provider. Renovate reads the comment above each pin. */
export const SECRETS_STORE_CSI_PINS = {
  // renovate: datasource=helm depName=secrets-store-csi-driver registryUrl=https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts
  driver: '1.4.7',
  // renovate: datasource=helm depName=vault registryUrl=https://helm.releases.hashicorp.com
  vault: '0.29.1',
} as const;

/** Size of the driver on each node, which mounts the secrets as files: 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const SECRETS_STORE_CSI_DRIVER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/**
 * Size of each of the driver's node registrar and liveness probe sidecars, of the Vault provider and of its
 * Vault agent sidecar: 10m CPU and 32Mi requested, a 128Mi memory limit.
 */
export const SECRETS_STORE_CSI_SIDECAR_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

// The driver chart's keys of its Linux DaemonSet's containers, read in its values.yaml (1.0 line); Windows
// nodes are off. The chart's CRD hook jobs take no size from these keys.
/** The parts of the Secrets Store CSI driver, each with its chart values keys and this library's size of it. */
export const SECRETS_STORE_CSI_DRIVER_PARTS = {
  driver: { keys: ['linux.driver.resources'], size: SECRETS_STORE_CSI_DRIVER_SIZE },
  registrar: { keys: ['linux.registrar.resources'], size: SECRETS_STORE_CSI_SIDECAR_SIZE },
  livenessProbe: { keys: ['linux.livenessProbe.resources'], size: SECRETS_STORE_CSI_SIDECAR_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of the Secrets Store CSI driver a user can size: the driver on each node and its two sidecars. */
export type SecretsStoreCsiDriverPart = keyof typeof SECRETS_STORE_CSI_DRIVER_PARTS;

/** Every part of the Secrets Store CSI driver, by name. */
export const SECRETS_STORE_CSI_DRIVER_PART_NAMES = Object.keys(SECRETS_STORE_CSI_DRIVER_PARTS) as SecretsStoreCsiDriverPart[];

// The Vault chart's keys of the provider container, `csi.resources` (read in its values.yaml, 0.13 line),
// and of its Vault agent sidecar, `csi.agent.resources` (read in the chart's values table and its
// csi-daemonset tests, 0.2x line); the server and the injector are off.
/** The parts of Vault's CSI provider, each with its chart values keys and this library's size of it. */
export const VAULT_CSI_PROVIDER_PARTS = {
  provider: { keys: ['csi.resources'], size: SECRETS_STORE_CSI_SIDECAR_SIZE },
  agent: { keys: ['csi.agent.resources'], size: SECRETS_STORE_CSI_SIDECAR_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of the Vault CSI provider a user can size: the provider on each node and its Vault agent sidecar. */
export type VaultCsiProviderPart = keyof typeof VAULT_CSI_PROVIDER_PARTS;

/** Every part of the Vault CSI provider, by name. */
export const VAULT_CSI_PROVIDER_PART_NAMES = Object.keys(VAULT_CSI_PROVIDER_PARTS) as VaultCsiProviderPart[];

/** The CRDs the driver's chart installs. */
export const SECRETS_STORE_CSI_CRDS = [
  { group: 'secrets-store.csi.x-k8s.io', kinds: ['SecretProviderClass', 'SecretProviderClassPodStatus'] },
] as const;

// A node plugin: the kubelet of a node mounts a pod's secrets through the driver and the provider on that
// node, so both tolerate every taint, as node agents do; the charts set none, and a pod on a tainted node
// (a control plane, a host the inventory taints) would wait for its volume forever.

/**
 * The Secrets Store CSI driver: secrets from an external store mounted as files, fetched when the pod
 * starts and never stored as Kubernetes Secrets (no sync to Secrets is enabled). It runs on every node,
 * tainted or not. `resources` sizes its parts, merged key by key into the default.
 */
export function secretsStoreCsiDriver(resources: PartResources<SecretsStoreCsiDriverPart> = {}): PlatformComponentProps {
  return {
    name: 'secrets-store-csi-driver',
    resources: {
      setAt: partValuesKeys(SECRETS_STORE_CSI_DRIVER_PARTS),
      chartDefault: 'the hook jobs that install and keep the CRDs keep the chart\'s own resources',
    },
    description: 'Secrets Store CSI driver: SecretProviderClass volumes, secrets as files, never in etcd',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin mounts volumes for the kubelet as a privileged DaemonSet',
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts', chart: 'secrets-store-csi-driver', version: SECRETS_STORE_CSI_PINS.driver },
      values: withPartResources({
        syncSecret: { enabled: false }, enableSecretRotation: true, rotationPollInterval: '2m',
        linux: { tolerations: [EVERY_TAINT] },
      }, SECRETS_STORE_CSI_DRIVER_PARTS, resources),
    },
    crds: SECRETS_STORE_CSI_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}

/** ConfigMap in the provider's namespace with the CA certificates SecretProviderClasses trust, a file each. */
export const VAULT_CSI_TRUSTED_CA_CONFIGMAP = 'vault-csi-provider-trusted-ca';

/** Folder of the provider's containers where that ConfigMap's files are, which a class's `vaultCACertPath` names. */
export const VAULT_CSI_TRUSTED_CA_DIRECTORY = '/vault/trusted-ca';

/**
 * Values of the Vault chart that mount {@link VAULT_CSI_TRUSTED_CA_CONFIGMAP} into the provider's containers
 * (`csi.volumes`, `csi.volumeMounts`, read in its csi-daemonset template, 0.2x line): the provider reads a
 * class's CA file from its own filesystem, as the class carries a path and no PEM. The ConfigMap is optional:
 * the config layer brings it after the provider's install, and the kubelet adds its files to the running
 * pods, which only a mount of a class that trusts them needs.
 */
export function vaultCsiProviderTrustedCaValues(): Record<string, unknown> {
  return {
    csi: {
      volumes: [{ name: 'trusted-ca', configMap: { name: VAULT_CSI_TRUSTED_CA_CONFIGMAP, optional: true } }],
      volumeMounts: [{ name: 'trusted-ca', mountPath: VAULT_CSI_TRUSTED_CA_DIRECTORY, readOnly: true }],
    },
  };
}

/**
 * HashiCorp's Vault provider for the Secrets Store CSI driver (it speaks to OpenBao as well), from the
 * Vault chart with the server and the injector turned off: only the provider DaemonSet runs, on every node
 * as the driver does. `resources` sizes it, merged key by key into the default.
 */
export function vaultCsiProvider(resources: PartResources<VaultCsiProviderPart> = {}): PlatformComponentProps {
  return {
    name: 'vault-csi-provider',
    resources: { setAt: partValuesKeys(VAULT_CSI_PROVIDER_PARTS) },
    description: 'Vault (and OpenBao) provider of the Secrets Store CSI driver',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the provider talks to the CSI driver over a hostPath socket on every node',
    install: {
      type: 'helm',
      chart: { repository: 'https://helm.releases.hashicorp.com', chart: 'vault', version: SECRETS_STORE_CSI_PINS.vault },
      releaseName: 'vault-csi-provider',
      values: withPartResources({ server: { enabled: false }, injector: { enabled: false }, csi: { enabled: true, pod: { tolerations: [EVERY_TAINT] } } }, VAULT_CSI_PROVIDER_PARTS, resources),
    },
    dependsOn: ['secrets-store-csi-driver'],
  };
}
