import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import type { ServiceIpFamilies } from '../ip-families';

/** Name of the ingress-nginx component. */
export const INGRESS_NGINX_COMPONENT = 'ingress-nginx';

/** Pinned release of the ingress-nginx chart. Renovate reads the comment above each pin. */
export const INGRESS_NGINX_PINS = {
  // renovate: datasource=helm depName=ingress-nginx registryUrl=https://kubernetes.github.io/ingress-nginx
  chart: '4.13.7',
} as const;

/**
 * What the pinned controller's admission takes in an Exact or Prefix path while `strict-validate-path-type` is on
 * (its default since 1.12): a slash, then letters, digits, `.`, `_`, `-` and `/` (its inspector's validPathType; `.`
 * since 1.12.6 and 1.13.2, so `/.well-known/…` and `/robots.txt` pass).
 */
export const INGRESS_NGINX_STRICT_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/** Options of the ingress-nginx component. */
export interface IngressNginxComponentOptions {
  /** Namespace. @default 'ingress-nginx' */
  readonly namespace?: string;
  /** Name of the IngressClass the controller creates and serves. @default 'nginx' */
  readonly ingressClassName?: string;
  /** Annotations of the controller's LoadBalancer Service (the load-balancer flavor's address). @default {} */
  readonly serviceAnnotations?: Record<string, string>;
  /** `loadBalancerClass` of that Service. @default - the cluster's default implementation */
  readonly loadBalancerClass?: string;
  /**
   * Families of that Service, for an IPv6 or dual-stack address (the chart otherwise makes it a
   * single-stack IPv4 Service, which no load balancer gives an IPv6 address). @default - IPv4 alone
   */
  readonly ipFamilies?: ServiceIpFamilies;
  /** Replicas of the controller. @default 1 */
  readonly replicas?: number;
  /** Components that must be ready first (the load balancer, cert-manager). @default [] */
  readonly dependsOn?: readonly string[];
  /**
   * Whether the controller's Service gets its address from an object of the `config` layer (MetalLB's
   * IPAddressPool, the Tailscale operator's ProxyClass): the release is then not waited for, since its
   * Service can only get an address later.
   * @default false
   */
  readonly addressFromConfigLayer?: boolean;
  /** Requests and limits by part, merged key by key into the default. @default - the library's sizes */
  readonly resources?: PartResources<IngressNginxPart>;
}

/** Size of the NGINX controller, which holds every Ingress's configuration: 50m CPU and 128Mi requested, a 512Mi memory limit. */
export const INGRESS_NGINX_SIZE: ComponentSize = { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/** Size of the two short jobs that make and install the admission webhook's certificate: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const ADMISSION_JOB_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

/** The chart's values keys of the controller's resources and of those jobs'. */
export const INGRESS_NGINX_PARTS = {
  controller: { keys: ['controller.resources'], size: INGRESS_NGINX_SIZE },
  admissionJobs: { keys: ['controller.admissionWebhooks.createSecretJob.resources', 'controller.admissionWebhooks.patchWebhookJob.resources'], size: ADMISSION_JOB_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of ingress-nginx a user can size: the controller, and the two jobs of its webhook's certificate. */
export type IngressNginxPart = keyof typeof INGRESS_NGINX_PARTS;

/** Every part of ingress-nginx, by name. */
export const INGRESS_NGINX_PART_NAMES = Object.keys(INGRESS_NGINX_PARTS) as IngressNginxPart[];

/**
 * The ingress-nginx controller behind a LoadBalancer Service, from the Kubernetes project's chart. It
 * runs as the image's non-root user with only `NET_BIND_SERVICE`, inside Pod Security `restricted`.
 */
export function ingressNginxComponent(given: IngressNginxComponentOptions = {}): PlatformComponentProps {
  // null, as a JavaScript caller writes for no options, is no options.
  const options: IngressNginxComponentOptions = given ?? {};
  const ingressClassName = options.ingressClassName ?? 'nginx';
  const service: Record<string, unknown> = { type: 'LoadBalancer', externalTrafficPolicy: 'Local' };
  if (options.serviceAnnotations && Object.keys(options.serviceAnnotations).length > 0) {
    service.annotations = options.serviceAnnotations;
  }
  if (options.loadBalancerClass) {
    service.loadBalancerClass = options.loadBalancerClass;
  }
  Object.assign(service, options.ipFamilies);
  return {
    name: INGRESS_NGINX_COMPONENT,
    resources: { setAt: partValuesKeys(INGRESS_NGINX_PARTS) },
    description: `ingress-nginx: HTTP(S) ingress controller for IngressClass ${ingressClassName}`,
    namespace: options.namespace ?? 'ingress-nginx',
    network: servesPorts(
      { port: 80, purpose: 'HTTP from anywhere' },
      { port: 443, purpose: 'HTTPS from anywhere' },
      { port: 8443, purpose: 'admission webhook, called by the API server (often from the host network)' },
      { port: 10254, purpose: 'health, checked by the kubelet, and metrics' },
    ),
    install: {
      type: 'helm',
      chart: { repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: INGRESS_NGINX_PINS.chart },
      ...(options.addressFromConfigLayer ? { waitForResources: false } : {}),
      values: withPartResources({
        controller: {
          replicaCount: options.replicas ?? 1,
          ingressClass: ingressClassName,
          ingressClassResource: { name: ingressClassName, enabled: true, default: false, controllerValue: `k8s.io/${ingressClassName}` },
          image: { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          // Snippets run arbitrary NGINX configuration from any namespace's Ingress.
          allowSnippetAnnotations: false,
          service,
          metrics: { enabled: false },
        },
      }, INGRESS_NGINX_PARTS, options.resources),
    },
    dependsOn: [...(options.dependsOn ?? [])],
    provides: { ingressClasses: [ingressClassName] },
  };
}
