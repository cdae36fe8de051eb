import { fields, list, stringMap, text } from './manifest';

// cert-manager's certificate shim: an Ingress or a Gateway annotated with an issuer gets the certificates its TLS
// sections ask for. Its gateway part: a Gateway annotated with an issuer (cert-manager.io/cluster-issuer or
// cert-manager.io/issuer) gets a Certificate for each of its TLS listeners, named and filled as the listener's
// Secret, for the listener's hostname. It takes a listener of protocol HTTPS or TLS that terminates TLS, has a
// hostname and names Secrets of the Gateway's own namespace; it skips any other with an event on the Gateway.

/** cert-manager's shim annotations on an Ingress or a Gateway, and the issuer kind each names. */
export const SHIM_ANNOTATIONS: ReadonlyArray<[string, string]> = [['cert-manager.io/cluster-issuer', 'ClusterIssuer'], ['cert-manager.io/issuer', 'Issuer']];

/** Listener protocols cert-manager's gateway-shim makes certificates for. */
const SHIM_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** A TLS listener of a Gateway as cert-manager's gateway-shim reads it. */
export interface ShimListener {
  /** Index of the listener in `spec.listeners`. */
  readonly index: number;
  /** The listener's hostname, which the certificate covers. @default - none: the shim skips the listener */
  readonly hostname?: string;
}

/** The issuer annotation of a Gateway's metadata and the issuer kind it names, if it carries one. Pure. */
export function gatewayShimIssuer(metadata: unknown): { readonly name: string; readonly kind: string } | undefined {
  const annotations = stringMap(fields(metadata).annotations);
  const shim = SHIM_ANNOTATIONS.find(([annotation]) => annotations[annotation] !== undefined);
  return shim === undefined ? undefined : { name: annotations[shim[0]], kind: shim[1] };
}

/**
 * The listeners of an annotated Gateway's spec whose certificate cert-manager is asked for: protocol HTTPS or TLS,
 * terminating TLS (the default mode). Those with a hostname get a Certificate of each Secret they name in the
 * Gateway's namespace; those without are skipped by cert-manager. Pure.
 */
export function shimListeners(spec: unknown): ShimListener[] {
  return list(fields(spec).listeners).flatMap((listener, index): ShimListener[] => {
    const mode = text(fields(listener.tls).mode) ?? 'Terminate';
    if (!SHIM_PROTOCOLS.has(text(listener.protocol) ?? '') || mode !== 'Terminate') {
      return [];
    }
    const hostname = text(listener.hostname);
    return [hostname === undefined || hostname === '' ? { index } : { index, hostname }];
  });
}
