import type { SecretReference } from '../../secrets/secret-reference';
import { requiredArgument } from '../component-arguments';
import { describeValue } from '../../inventory/problems';
import { InputError } from '../../validation/input-error';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { resourceRequirements } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { noNetworkPolicy } from '../component-network';

/** Pinned release of the Tailscale Kubernetes operator chart. Renovate reads the comment above each pin. */
export const TAILSCALE_OPERATOR_PINS = {
  // renovate: datasource=helm depName=tailscale-operator registryUrl=https://pkgs.tailscale.com/helmcharts
  chart: '1.90.9',
} as const;

/** The CRDs the operator's chart installs. */
export const TAILSCALE_CRDS = [
  { group: 'tailscale.com', kinds: ['Connector', 'DNSConfig', 'PeerRelay', 'ProxyClass', 'ProxyGroup', 'Recorder', 'Tailnet'], scope: 'Cluster' },
  { group: 'tailscale.com', kinds: ['ProxyGroupPolicy'], scope: 'Namespaced' },
] as const;

/** Namespace of the operator and the proxies it creates. */
export const TAILSCALE_NAMESPACE = 'tailscale';

/** The IngressClass the operator's chart makes: an Ingress of it becomes a proxy pod in {@link TAILSCALE_NAMESPACE} serving it on the tailnet. */
export const TAILSCALE_INGRESS_CLASS = 'tailscale';

/**
 * Name of the ProxyClass the operator gives every proxy it starts (the chart's `proxyConfig.defaultProxyClass`),
 * which sizes the proxies' containers.
 */
export const TAILSCALE_PROXY_CLASS = 'homelab-proxies';

/** Size of each proxy (tailscaled and its sysctl init container): 10m CPU and 64Mi requested, a 256Mi memory limit. */
export const TAILSCALE_PROXY_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/**
 * The ProxyClass {@link TAILSCALE_PROXY_CLASS}: requests and a memory limit for the tailscale container of
 * each proxy and its init container, the user's `resources.proxy` merged key by key into the default. Pure.
 */
export function tailscaleProxyClass(resources: PartResources<TailscalePart> = {}): Record<string, unknown> {
  const proxy = resourceRequirements(TAILSCALE_PROXY_SIZE, resources.proxy);
  return {
    apiVersion: 'tailscale.com/v1alpha1', kind: 'ProxyClass',
    metadata: { name: TAILSCALE_PROXY_CLASS },
    spec: { statefulSet: { pod: { tailscaleContainer: { resources: proxy }, tailscaleInitContainer: { resources: proxy } } } },
  };
}

/** The OAuth client the operator joins the tailnet with. */
export interface TailscaleOAuth {
  /** The client ID, a key of a Secret in the operator's namespace. */
  readonly clientId: SecretReference;
  /** The client secret, a key of the same Secret. */
  readonly clientSecret: SecretReference;
}

/** Size of the operator, which watches Services and its own resources: 20m CPU and 64Mi requested, a 256Mi memory limit. */
export const TAILSCALE_OPERATOR_SIZE: ComponentSize = { cpuRequest: '20m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

// The chart's key of the operator, read in its values.yaml; the proxies are sized by their ProxyClass.
/** The parts of the Tailscale operator, each with its chart values keys and this library's size of it. */
export const TAILSCALE_OPERATOR_PARTS = { operator: { keys: ['operatorConfig.resources'], size: TAILSCALE_OPERATOR_SIZE } } as const satisfies Record<string, SizedPart>;

/** The parts of the Tailscale operator a user can size: the `operator` and each `proxy` it starts (through the ProxyClass). */
export type TailscalePart = keyof typeof TAILSCALE_OPERATOR_PARTS | 'proxy';

/** Every part of the Tailscale operator, by name. */
export const TAILSCALE_PART_NAMES: readonly TailscalePart[] = ['operator', 'proxy'];

/**
 * The Tailscale Kubernetes operator: each LoadBalancer Service of class `tailscale` becomes a machine of
 * the tailnet. Its OAuth client is mounted from a Secret (never a Helm value, which would put it in Git).
 *
 * @param proxyClass the ProxyClass every proxy gets (the chart's `proxyConfig.defaultProxyClass`), which the
 *   caller applies with the config layer: the operator starts no proxy while it is missing. The cluster's
 *   Tailscale load balancer gives {@link TAILSCALE_PROXY_CLASS} ({@link tailscaleProxyClass}).
 *   @default - none: the proxies keep the operator's own requests and limits, which the install's
 *   `security.homelab.dev/chart-default-resources` annotation says
 * @param resources requests and limits of the operator (`operator`), merged key by key into the default; the
 *   proxies' (`proxy`) are those of the ProxyClass. The cluster gives its `componentResources.tailscaleOperator`.
 */
export function tailscaleOperatorComponent(oauth: TailscaleOAuth, proxyClass?: string, resources: PartResources<TailscalePart> = {}): PlatformComponentProps {
  const client = "the OAuth client: { clientId: sealedSecret.key('client_id'), clientSecret: sealedSecret.key('client_secret') }";
  requiredArgument(oauth, 'tailscaleOperatorComponent()', 'oauth', 'object', client);
  for (const key of ['clientId', 'clientSecret'] as const) {
    if (typeof oauth[key]?.secretName !== 'string') {
      throw new InputError(`tailscaleOperatorComponent() was given ${describeValue(oauth[key])} for oauth.${key}, not a key of a Secret`, `oauth.${key}`, `give it as ${client}`);
    }
  }
  return {
    name: 'tailscale-operator',
    resources: proxyClass === undefined
      ? { setAt: partValuesKeys(TAILSCALE_OPERATOR_PARTS), chartDefault: 'the proxy pods the operator starts keep its own requests and limits: no ProxyClass sizes them' }
      : { setAt: [...partValuesKeys(TAILSCALE_OPERATOR_PARTS), `config.ProxyClass/${proxyClass}`] },
    description: 'Tailscale operator: LoadBalancer Services of class tailscale become tailnet machines',
    namespace: TAILSCALE_NAMESPACE,
    network: noNetworkPolicy('the proxy pods the operator creates here forward the ports of the Services they expose, which it chooses at run time'),
    podSecurity: 'privileged',
    podSecurityReason: 'the proxy pods the operator creates set IP forwarding sysctls in a privileged init container',
    install: {
      type: 'helm',
      chart: { repository: 'https://pkgs.tailscale.com/helmcharts', chart: 'tailscale-operator', version: TAILSCALE_OPERATOR_PINS.chart },
      values: withPartResources({
        // The operator reads /oauth/client_id and /oauth/client_secret.
        oauthSecretVolume: {
          secret: {
            secretName: oauth.clientId.secretName,
            items: [{ key: oauth.clientId.key, path: 'client_id' }, { key: oauth.clientSecret.key, path: 'client_secret' }],
          },
        },
        ...(proxyClass === undefined ? {} : { proxyConfig: { defaultProxyClass: proxyClass } }),
      }, TAILSCALE_OPERATOR_PARTS, { operator: resources.operator }),
    },
    crds: TAILSCALE_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds], scope: crd.scope })),
    // The chart makes IngressClass tailscale (ingressClass.enabled), whose Ingresses the operator serves on the tailnet.
    provides: { ingressClasses: [TAILSCALE_INGRESS_CLASS] },
  };
}
