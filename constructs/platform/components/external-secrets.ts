import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import { servesPorts } from '../component-network';

/** Pinned release of the External Secrets Operator. Renovate reads the comment above each pin. */
export const EXTERNAL_SECRETS_PINS = {
  // renovate: datasource=helm depName=external-secrets registryUrl=https://charts.external-secrets.io
  chart: '0.17.0',
} as const;

/**
 * Size of each of the operator's controller, webhook and certificate controller: 10m CPU and 64Mi
 * requested, a 256Mi memory limit (the controller caches the Secrets it writes).
 */
export const EXTERNAL_SECRETS_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/** The chart's values keys of the resources of its controller, webhook and certificate controller. */
const EXTERNAL_SECRETS_RESOURCE_KEYS = ['resources', 'webhook.resources', 'certController.resources'];

/** The CRDs the operator's chart installs. */
export const EXTERNAL_SECRETS_CRDS = [
  {
    group: 'external-secrets.io',
    kinds: ['ClusterExternalSecret', 'ClusterPushSecret', 'ClusterSecretStore', 'ExternalSecret', 'PushSecret', 'SecretStore'],
  },
] as const;

/** The External Secrets Operator: Kubernetes Secrets kept in sync with an external store (OpenBao, Vault, …). */
export function externalSecretsOperator(): PlatformComponentProps {
  return {
    name: 'external-secrets',
    resources: { setAt: EXTERNAL_SECRETS_RESOURCE_KEYS.map((key) => `values.${key}`) },
    description: 'External Secrets Operator: Secrets synced from an external store',
    namespace: 'external-secrets',
    network: servesPorts(
      { port: 8080, purpose: 'metrics of the controller, webhook and cert controller' },
      { port: 8081, purpose: 'health of the webhook and cert controller, checked by the kubelet' },
      { port: 10250, purpose: 'admission webhook, called by the API server (often from the host network)' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://charts.external-secrets.io', chart: 'external-secrets', version: EXTERNAL_SECRETS_PINS.chart },
      values: withResourceValues({ installCRDs: true }, EXTERNAL_SECRETS_RESOURCE_KEYS, EXTERNAL_SECRETS_SIZE),
    },
    crds: EXTERNAL_SECRETS_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
