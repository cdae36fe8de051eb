import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';

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
 * Size of each of the driver's node registrar and liveness probe sidecars and of the Vault provider: 10m
 * CPU and 32Mi requested, a 128Mi memory limit.
 */
export const SECRETS_STORE_CSI_SIDECAR_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

// The driver chart's keys of its Linux DaemonSet's containers, read in its values.yaml (1.0 line); Windows
// nodes are off. The chart's CRD hook jobs take no size from these keys.
const DRIVER_KEYS = ['linux.driver.resources'];
const DRIVER_SIDECAR_KEYS = ['linux.registrar.resources', 'linux.livenessProbe.resources'];

// The Vault chart's key of the provider container, `csi.resources`, read in its values.yaml (0.13 line);
// the server and the injector are off.
const VAULT_PROVIDER_KEYS = ['csi.resources'];

/** The CRDs the driver's chart installs. */
export const SECRETS_STORE_CSI_CRDS = [
  { group: 'secrets-store.csi.x-k8s.io', kinds: ['SecretProviderClass', 'SecretProviderClassPodStatus'] },
] as const;

/**
 * The Secrets Store CSI driver: secrets from an external store mounted as files, fetched when the pod
 * starts and never stored as Kubernetes Secrets (no sync to Secrets is enabled).
 */
export function secretsStoreCsiDriver(): PlatformComponentProps {
  return {
    name: 'secrets-store-csi-driver',
    resources: {
      setAt: [...DRIVER_KEYS, ...DRIVER_SIDECAR_KEYS].map((key) => `values.${key}`),
      chartDefault: 'the hook jobs that install and keep the CRDs keep the chart\'s own resources',
    },
    description: 'Secrets Store CSI driver: SecretProviderClass volumes, secrets as files, never in etcd',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin mounts volumes for the kubelet as a privileged DaemonSet',
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts', chart: 'secrets-store-csi-driver', version: SECRETS_STORE_CSI_PINS.driver },
      values: withResourceValues(withResourceValues({ syncSecret: { enabled: false }, enableSecretRotation: true, rotationPollInterval: '2m' },
        DRIVER_KEYS, SECRETS_STORE_CSI_DRIVER_SIZE), DRIVER_SIDECAR_KEYS, SECRETS_STORE_CSI_SIDECAR_SIZE),
    },
    crds: SECRETS_STORE_CSI_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}

/**
 * HashiCorp's Vault provider for the Secrets Store CSI driver (it speaks to OpenBao as well), from the
 * Vault chart with the server and the injector turned off: only the provider DaemonSet runs.
 */
export function vaultCsiProvider(): PlatformComponentProps {
  return {
    name: 'vault-csi-provider',
    resources: {
      setAt: VAULT_PROVIDER_KEYS.map((key) => `values.${key}`),
      chartDefault: `the Vault agent sidecar of the provider pods keeps the chart's own resources: its key was not confirmed at vault ${SECRETS_STORE_CSI_PINS.vault}`,
    },
    description: 'Vault (and OpenBao) provider of the Secrets Store CSI driver',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the provider talks to the CSI driver over a hostPath socket on every node',
    install: {
      type: 'helm',
      chart: { repository: 'https://helm.releases.hashicorp.com', chart: 'vault', version: SECRETS_STORE_CSI_PINS.vault },
      releaseName: 'vault-csi-provider',
      values: withResourceValues({ server: { enabled: false }, injector: { enabled: false }, csi: { enabled: true } }, VAULT_PROVIDER_KEYS, SECRETS_STORE_CSI_SIDECAR_SIZE),
    },
    dependsOn: ['secrets-store-csi-driver'],
  };
}
