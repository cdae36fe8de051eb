import type { CrdGroup, PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { servesPorts } from '../component-network';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';

/** Name of the cert-manager component. */
export const CERT_MANAGER_COMPONENT = 'cert-manager';

/** Namespace cert-manager runs in; ClusterIssuers read their Secrets from here. */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';

/** Pinned release of the cert-manager chart. Renovate reads the comment above each pin. */
export const CERT_MANAGER_PINS = {
  // renovate: datasource=helm depName=cert-manager registryUrl=https://charts.jetstack.io
  chart: 'v1.21.1',
} as const;

/** The CRDs the cert-manager chart installs (`crds.enabled`). */
export const CERT_MANAGER_CRDS: readonly CrdGroup[] = [
  { group: 'cert-manager.io', kinds: ['Certificate', 'CertificateRequest', 'Issuer', 'ClusterIssuer'] },
  { group: 'acme.cert-manager.io', kinds: ['Order', 'Challenge'] },
];

/**
 * Size of each of cert-manager's controller, webhook, CA injector and the start-up API check job: 10m CPU
 * and 64Mi requested, a 256Mi memory limit (the controller and injector cache the cluster's certificates).
 */
export const CERT_MANAGER_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's keys of its controller, webhook, CA injector and start-up check, read in its values.yaml.
/** The parts of cert-manager, each with its chart values keys and this library's size of it. */
export const CERT_MANAGER_PARTS = {
  controller: { keys: ['resources'], size: CERT_MANAGER_SIZE },
  webhook: { keys: ['webhook.resources'], size: CERT_MANAGER_SIZE },
  cainjector: { keys: ['cainjector.resources'], size: CERT_MANAGER_SIZE },
  startupApiCheck: { keys: ['startupapicheck.resources'], size: CERT_MANAGER_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of cert-manager a user can size: the `controller`, the `webhook`, the CA injector and the start-up API check job. */
export type CertManagerPart = keyof typeof CERT_MANAGER_PARTS;

/** Every part of cert-manager, by name. */
export const CERT_MANAGER_PART_NAMES = Object.keys(CERT_MANAGER_PARTS) as CertManagerPart[];

/** Options of the cert-manager component. */
export interface CertManagerComponentOptions {
  /**
   * Name servers cert-manager asks, alone, whether a DNS-01 record has propagated, each as `host:port`
   * (`'1.1.1.1:53'`) or a DNS-over-HTTPS URL (`'https://1.1.1.1/dns-query'`); cert-manager refuses to start
   * on anything else, so `useCertManager` rejects it. Set them where the lab's own resolver answers for the
   * domain differently (split horizon).
   * @default - the cluster's resolvers
   */
  readonly dns01RecursiveNameservers?: readonly string[];
  /**
   * Requests and limits by part (`controller`, `webhook`, `cainjector`, `startupApiCheck`), each as an App's
   * `resources`, merged key by key into the default; the cluster gives its `componentResources.certManager`.
   * @default - each 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly resources?: PartResources<CertManagerPart>;
}

/** cert-manager from the Jetstack chart, CRDs included and kept when the release is removed. */
export function certManagerComponent(given: CertManagerComponentOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: CertManagerComponentOptions = given ?? {};
  const nameservers = options.dns01RecursiveNameservers ?? [];
  return {
    name: CERT_MANAGER_COMPONENT,
    resources: { setAt: partValuesKeys(CERT_MANAGER_PARTS) },
    description: 'cert-manager: certificates from ACME and other issuers',
    namespace: CERT_MANAGER_NAMESPACE,
    network: servesPorts(
      { port: 6080, purpose: 'health of the webhook, checked by the kubelet' },
      { port: 8089, purpose: 'ACME HTTP-01 solver of challenges in this namespace, reached by the ACME server through the ingress' },
      { port: 9402, purpose: 'metrics of the controller, cainjector and webhook' },
      { port: 9403, purpose: 'health of the controller, checked by the kubelet' },
      { port: 10250, purpose: 'admission webhook, called by the API server (often from the host network)' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: CERT_MANAGER_PINS.chart },
      values: withPartResources({
        crds: { enabled: true, keep: true },
        ...(nameservers.length > 0
          ? { extraArgs: [`--dns01-recursive-nameservers=${nameservers.join(',')}`, '--dns01-recursive-nameservers-only'] }
          : {}),
      }, CERT_MANAGER_PARTS, options.resources),
    },
    crds: CERT_MANAGER_CRDS,
  };
}
