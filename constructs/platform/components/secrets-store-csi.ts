import type { PlatformComponentProps } from '../component';
import { unconfirmedKeys } from '../component-resources';

/** The CSI driver name pods mount SecretProviderClasses through. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** Pinned releases of the Secrets Store CSI driver and of the Vault provider. Renovate reads the comment above each pin. */
export const SECRETS_STORE_CSI_PINS = {
  // renovate: datasource=helm depName=secrets-store-csi-driver registryUrl=https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts
  driver: '1.4.7',
  // renovate: datasource=helm depName=vault registryUrl=https://helm.releases.hashicorp.com
  vault: '0.29.1',
} as const;

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
    resources: { chartDefault: unconfirmedKeys('secrets-store-csi-driver', SECRETS_STORE_CSI_PINS.driver) },
    description: 'Secrets Store CSI driver: SecretProviderClass volumes, secrets as files, never in etcd',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the node plugin mounts volumes for the kubelet as a privileged DaemonSet',
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts', chart: 'secrets-store-csi-driver', version: SECRETS_STORE_CSI_PINS.driver },
      values: { syncSecret: { enabled: false }, enableSecretRotation: true, rotationPollInterval: '2m' },
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
    resources: { chartDefault: unconfirmedKeys('vault', SECRETS_STORE_CSI_PINS.vault) },
    description: 'Vault (and OpenBao) provider of the Secrets Store CSI driver',
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'the provider talks to the CSI driver over a hostPath socket on every node',
    install: {
      type: 'helm',
      chart: { repository: 'https://helm.releases.hashicorp.com', chart: 'vault', version: SECRETS_STORE_CSI_PINS.vault },
      releaseName: 'vault-csi-provider',
      values: { server: { enabled: false }, injector: { enabled: false }, csi: { enabled: true } },
    },
    dependsOn: ['secrets-store-csi-driver'],
  };
}
