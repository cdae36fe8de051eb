import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { withResourceValues } from '../component-resources';
import type { PartResources, SizedPart } from '../part-resources';
import { noNetworkPolicy } from '../component-network';
import { RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned release of the Traefik Proxy v3 chart. Renovate reads the comment above each pin. */
export const TRAEFIK_PINS = {
  // renovate: datasource=helm depName=traefik registryUrl=https://traefik.github.io/charts
  chart: '41.3.0',
} as const;

/** The CRDs the Traefik chart installs (traefik.io; the Traefik Hub CRDs are not used). */
export const TRAEFIK_CRDS = [
  {
    group: 'traefik.io',
    kinds: [
      'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Middleware', 'MiddlewareTCP',
      'ServersTransport', 'ServersTransportTCP', 'TLSOption', 'TLSStore', 'TraefikService',
    ],
  },
] as const;

/** Namespace Traefik runs in. */
export const TRAEFIK_NAMESPACE = 'traefik';

/** The IngressClass the chart creates. */
export const TRAEFIK_INGRESS_CLASS = 'traefik';

/** Options of the Traefik component. The route flavor fills them from the cluster's choices. */
export interface TraefikComponentOptions {
  /** Helm values the flavor derives (Service, entry points, resolvers, persistence). @default {} */
  readonly values?: Record<string, unknown>;
  /** Names of the ACME certificate resolvers the values define. @default [] */
  readonly certResolvers?: readonly string[];
  /** Requests and limits of Traefik, merged key by key into {@link TRAEFIK_SIZE}. @default - that size */
  readonly resources?: PartResources<TraefikPart>;
  /**
   * Answer plain HTTP on the entry point `web` rather than redirecting it to `websecure`: for routes served on
   * `web` alone (behind a proxy that adds TLS, or on purpose). @default false (web redirects to HTTPS)
   */
  readonly plainHttp?: boolean;
  /**
   * The port `websecure` is exposed on (its Service port), which the chart redirects `web` to
   * (`--entryPoints.web.http.redirections.entryPoint.to=:<port>`): the node port where clients reach the nodes'
   * ports. @default 443
   */
  readonly httpsPort?: number;
}

/** The part of Traefik a user can size: the proxy itself. */
export type TraefikPart = 'traefik';

/** Every part of Traefik, by name. */
export const TRAEFIK_PART_NAMES: readonly TraefikPart[] = ['traefik'];

/** Size of Traefik, the one proxy of a home lab's routes: 50m CPU and 64Mi requested, a 256Mi memory limit. */
export const TRAEFIK_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' };

/** The parts of Traefik, each with its chart values keys and this library's size of it. */
export const TRAEFIK_PARTS = { traefik: { keys: ['resources'], size: TRAEFIK_SIZE } } as const satisfies Record<TraefikPart, SizedPart>;

/**
 * Traefik Proxy v3 from its official chart: the IngressRoute CRDs, the `traefik` IngressClass, entry
 * points `web` (redirected to HTTPS) and `websecure`, run as the chart's non-root user.
 */
export function traefikComponent(given: TraefikComponentOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: TraefikComponentOptions = given ?? {};
  return {
    name: 'traefik',
    resources: { setAt: ['values.resources'] },
    description: 'Traefik Proxy v3: the ingress behind IngressRoutes and the traefik IngressClass',
    namespace: TRAEFIK_NAMESPACE,
    network: noNetworkPolicy('its entry points, chosen by the site and its routes, are not listed as policy ports'),
    install: {
      type: 'helm',
      chart: { repository: 'https://traefik.github.io/charts', chart: 'traefik', version: TRAEFIK_PINS.chart },
      values: withResourceValues({
        ingressClass: { enabled: true, isDefaultClass: false, name: TRAEFIK_INGRESS_CLASS },
        providers: { kubernetesCRD: { enabled: true }, kubernetesIngress: { enabled: true } },
        // An entry point's HTTP options (its redirection, its TLS) sit under `http`, as in Traefik's own
        // configuration: since chart 38 the flat keys are gone, and since 39 the schema refuses them.
        ports: {
          web: {
            port: 8000, exposedPort: 80, expose: { default: true }, protocol: 'TCP',
            // Traefik redirects every request of a redirecting entry point before any router sees it.
            ...options.plainHttp ? {} : { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } } } },
          },
          websecure: { port: 8443, exposedPort: options.httpsPort ?? 443, expose: { default: true }, protocol: 'TCP', http: { tls: { enabled: true } } },
        },
        ...options.values,
        // The chart's non-root user and dropped capabilities, plus the seccomp profile of the restricted level.
        podSecurityContext: { seccompProfile: RESTRICTED_POD_SECURITY.seccompProfile, ...(options.values?.podSecurityContext as Record<string, unknown> | undefined) },
      }, ['resources'], TRAEFIK_SIZE, options.resources?.traefik),
    },
    crds: TRAEFIK_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
    provides: { ingressClasses: [TRAEFIK_INGRESS_CLASS], certResolvers: [...(options.certResolvers ?? [])] },
  };
}
