import { fields } from './manifest';

// A record external-dns writes "proxied" in Cloudflare (the orange cloud) resolves to Cloudflare's edge, not to
// the load balancer: the edge carries HTTP and HTTPS alone, on its few web ports, and drops everything else. A
// mail server's SMTP and IMAP, a WireGuard server's UDP or an SSH port published under such a name reach nothing.

/** The annotation that asks external-dns to write a Service's or Ingress's records proxied by Cloudflare. */
export const CLOUDFLARE_PROXIED_ANNOTATION = 'external-dns.alpha.kubernetes.io/cloudflare-proxied';

/** The TCP ports Cloudflare's proxy carries: HTTP on 80, 8080, 8880, 2052, 2082, 2086, 2095; HTTPS on 443, 2053, 2083, 2087, 2096, 8443. */
const PROXIED_PORTS: ReadonlySet<number> = new Set([80, 8080, 8880, 2052, 2082, 2086, 2095, 443, 2053, 2083, 2087, 2096, 8443]);

/**
 * The first port of a Service `spec` (its `ports`) that Cloudflare's proxy does not carry, as `25/TCP`, or
 * undefined when it carries all. Pure.
 */
export function unproxiedPort(spec: unknown): string | undefined {
  const ports = fields(spec).ports;
  const found = (Array.isArray(ports) ? ports : []).map(fields)
    .find((p) => (p.protocol ?? 'TCP') !== 'TCP' || typeof p.port !== 'number' || !PROXIED_PORTS.has(p.port));
  return found === undefined ? undefined : `${String(found.port)}/${String(found.protocol ?? 'TCP')}`;
}
