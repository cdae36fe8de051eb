import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { servesPorts } from '../component-network';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';

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

// The chart's keys of its controller, webhook and certificate controller, read in its values.yaml.
/** The parts of External Secrets Operator, each with its chart values keys and this library's size of it. */
export const EXTERNAL_SECRETS_PARTS = {
  controller: { keys: ['resources'], size: EXTERNAL_SECRETS_SIZE },
  webhook: { keys: ['webhook.resources'], size: EXTERNAL_SECRETS_SIZE },
  certController: { keys: ['certController.resources'], size: EXTERNAL_SECRETS_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of the External Secrets Operator a user can size: its `controller`, `webhook` and `certController`. */
export type ExternalSecretsPart = keyof typeof EXTERNAL_SECRETS_PARTS;

/** Every part of the External Secrets Operator, by name. */
export const EXTERNAL_SECRETS_PART_NAMES = Object.keys(EXTERNAL_SECRETS_PARTS) as ExternalSecretsPart[];

/** The CRDs the operator's chart installs. */
export const EXTERNAL_SECRETS_CRDS = [
  {
    group: 'external-secrets.io',
    kinds: ['ClusterExternalSecret', 'ClusterPushSecret', 'ClusterSecretStore', 'ExternalSecret', 'PushSecret', 'SecretStore'],
  },
] as const;

/**
 * The External Secrets Operator: Kubernetes Secrets kept in sync with an external store (OpenBao, Vault, …).
 * `resources` sizes its parts, merged key by key into the default (each 10m CPU and 64Mi requested, a
 * 256Mi memory limit); the cluster gives its `componentResources.externalSecretsOperator`.
 */
export function externalSecretsOperator(resources: PartResources<ExternalSecretsPart> = {}): PlatformComponentProps {
  return {
    name: 'external-secrets',
    resources: { setAt: partValuesKeys(EXTERNAL_SECRETS_PARTS) },
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
      values: withPartResources({ installCRDs: true }, EXTERNAL_SECRETS_PARTS, resources),
    },
    crds: EXTERNAL_SECRETS_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
  };
}
