import type { PlatformComponentProps } from '../component';
import { checkedComponent, type ComponentOptionsCheck, valueProblem } from '../component-options';
import { oneOf, type PropShape } from '../../validation/known-props';

/** Name of the Gateway API CRDs component. */
export const GATEWAY_API_CRDS_COMPONENT = 'gateway-api-crds';

/** Pinned release of the Gateway API CRDs. Renovate reads the comment above each pin. */
export const GATEWAY_API_CRDS_PINS = {
  // renovate: datasource=github-tags depName=kubernetes-sigs/gateway-api
  tag: 'v1.2.0',
} as const;

/** Kinds of the standard channel, with the file of each under `config/crd/standard/`. */
const STANDARD: Record<string, string> = {
  GatewayClass: 'gateway.networking.k8s.io_gatewayclasses.yaml',
  Gateway: 'gateway.networking.k8s.io_gateways.yaml',
  HTTPRoute: 'gateway.networking.k8s.io_httproutes.yaml',
  GRPCRoute: 'gateway.networking.k8s.io_grpcroutes.yaml',
  ReferenceGrant: 'gateway.networking.k8s.io_referencegrants.yaml',
};

/** Experimental kinds that may be added, with the file of each under `config/crd/experimental/`. */
const EXPERIMENTAL: Record<GatewayApiExperimentalKind, string> = {
  TLSRoute: 'gateway.networking.k8s.io_tlsroutes.yaml',
  TCPRoute: 'gateway.networking.k8s.io_tcproutes.yaml',
  UDPRoute: 'gateway.networking.k8s.io_udproutes.yaml',
};

/** Experimental-channel kinds that can be installed beside the standard channel. */
export type GatewayApiExperimentalKind = 'TLSRoute' | 'TCPRoute' | 'UDPRoute';

/** Options of the Gateway API CRDs component. */
export interface GatewayApiCrdsOptions {
  /** Release tag of kubernetes-sigs/gateway-api, e.g. `v1.2.0`. @default GATEWAY_API_CRDS_PINS.tag */
  readonly version?: string;
  /** Experimental kinds to add to the standard channel. @default [] */
  readonly experimental?: readonly GatewayApiExperimentalKind[];
}

/**
 * The Gateway API CRDs from the upstream repository at a release tag: the standard channel (GatewayClass,
 * Gateway, HTTPRoute, GRPCRoute, ReferenceGrant) and the experimental kinds asked for. Implementations
 * such as Cilium need them before they start, so they are a component of their own.
 */
export function gatewayApiCrds(options: GatewayApiCrdsOptions = {}): PlatformComponentProps {
  return checkedComponent(options, CHECK, gatewayApiCrdsComponent);
}

const CHECK: ComponentOptionsCheck<GatewayApiCrdsOptions> = {
  what: 'gatewayApiCrds()', name: GATEWAY_API_CRDS_COMPONENT,
  shape: { version: 'string', experimental: { '[]': oneOf(...Object.keys(EXPERIMENTAL)) } } satisfies Record<keyof GatewayApiCrdsOptions, PropShape>,
  // The files are fetched at the Git tag as written, and every release of kubernetes-sigs/gateway-api is tagged vX.Y.Z.
  values: (options) => valueProblem('version', options.version !== undefined && /^\d+\.\d+\.\d+/.test(options.version)
    ? `"${options.version}" names no tag of kubernetes-sigs/gateway-api, whose releases are tagged with a leading v: the engine fetches the CRDs at a tag that does not exist` : undefined,
  `write the release's tag: version: 'v${options.version}'`),
};

function gatewayApiCrdsComponent(options: GatewayApiCrdsOptions): PlatformComponentProps {
  const experimental = [...new Set(options.experimental ?? [])].sort();
  return {
    name: GATEWAY_API_CRDS_COMPONENT,
    description: `Gateway API CRDs, standard channel${experimental.length > 0 ? ` plus experimental ${experimental.join(', ')}` : ''}`,
    // CRDs are cluster-scoped; the component lives with the distribution's own system pods.
    namespace: 'kube-system',
    podSecurity: 'privileged',
    podSecurityReason: 'kube-system holds the node-level system pods of the distribution and the CNI',
    install: {
      type: 'manifests',
      repository: 'https://github.com/kubernetes-sigs/gateway-api',
      tag: options.version ?? GATEWAY_API_CRDS_PINS.tag,
      path: 'config/crd',
      files: [
        ...Object.values(STANDARD).map((file) => `standard/${file}`),
        ...experimental.map((kind) => `experimental/${EXPERIMENTAL[kind]}`),
      ],
    },
    // CRDs only: no container to size.
    resources: { setAt: [] },
    crds: [{ group: 'gateway.networking.k8s.io', kinds: [...Object.keys(STANDARD), ...experimental] }],
  };
}
