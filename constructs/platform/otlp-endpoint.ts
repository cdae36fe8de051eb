import type { PropProblem } from '../validation/known-props';

// The collector's `otlp` exporter speaks OTLP over gRPC. It hands its endpoint to gRPC as a target: a host
// without a port is dialled on 443 (gRPC's default), `http://` is dropped without turning TLS off (only
// `tls.insecure` does), `https://` turns TLS on whatever `tls.insecure` says, and a path or a named port is
// no target at all, so the exporter fails at runtime.

/** OTLP/gRPC's port, where a collector's receiver listens unless told otherwise. */
export const OTLP_GRPC_PORT = 4317;

/** OTLP/HTTP's port: a gRPC exporter pointed at it fails every export. */
const OTLP_HTTP_PORT = 4318;

/** `https://`, then host (or [IPv6]), then what follows it. */
const ENDPOINT = /^(https:\/\/)?(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(.*)$/i;

/**
 * What is wrong with `endpoint`, the OTLP/gRPC address of `field` (`export.endpoint`): a scheme other than
 * `https://` (gRPC resolvers such as `dns:` are left alone), `https://` beside `insecure: true` (the scheme wins),
 * no port (gRPC would dial 443), a port that is no number or OTLP/HTTP's, a path. Pure.
 */
export function otlpEndpointProblems(endpoint: unknown, field: string, insecure?: unknown): PropProblem[] {
  if (typeof endpoint !== 'string' || /^(dns|unix|unix-abstract|passthrough):/i.test(endpoint)) {
    return [];
  }
  const host = (text: string) => text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[:/\s,].*$/, '') || 'otel-gateway.example.org';
  const problem = (message: string, hint: string): PropProblem[] => [{ field, message: `"${endpoint}" ${message}`, hint }];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) && !/^https:\/\//i.test(endpoint)) {
    const plain = /^http:\/\//i.test(endpoint);
    return problem(
      plain ? 'is an http:// URL, and the collector\'s otlp exporter speaks gRPC: it drops the scheme and still dials TLS unless told insecure'
        + (new RegExp(`:${OTLP_HTTP_PORT}(/|$)`).test(endpoint) ? `, and ${OTLP_HTTP_PORT} is OTLP/HTTP's port, not gRPC's` : '')
        : 'has a scheme the otlp exporter\'s gRPC target does not take',
      `write host and OTLP/gRPC port without a scheme, e.g. endpoint: '${host(endpoint)}:${OTLP_GRPC_PORT}'${plain ? ', and insecure: true for a gateway without TLS' : ''}`,
    );
  }
  const match = ENDPOINT.exec(endpoint);
  const rest = match?.[3] ?? '';
  const target = `${match?.[1] ?? ''}${match?.[2] ?? host(endpoint)}`;
  if (match === null || (rest !== '' && !rest.startsWith(':') && !rest.startsWith('/'))) {
    return problem('is no host:port', `write the gateway's host and OTLP/gRPC port, e.g. '${host(endpoint)}:${OTLP_GRPC_PORT}'`);
  }
  const [port, ...path] = rest.replace(/^:/, '').split('/');
  if (path.length > 0 || rest.startsWith('/')) {
    return problem('has a path, and a gRPC target has none (OTLP/gRPC needs no /v1/traces)', `write host and port alone: '${target}:${port || OTLP_GRPC_PORT}'`);
  }
  if (match[1] !== undefined && insecure === true) {
    return problem('is an https:// URL, which turns TLS on whatever insecure says: insecure: true would be ignored',
      `for plain gRPC write host and port without a scheme: '${match[2]}:${port || OTLP_GRPC_PORT}'; for TLS leave insecure out`);
  }
  if (!rest.startsWith(':')) {
    return match[1] !== undefined ? [] : problem(
      `has no port, so gRPC would dial ${target}:443 (its default), not OTLP/gRPC's ${OTLP_GRPC_PORT}`,
      `add the port: '${target}:${OTLP_GRPC_PORT}' (or '${target}:443' for a gateway behind a TLS proxy)`,
    );
  }
  const number = /^[0-9]{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(number >= 1 && number <= 65535)) {
    return problem(`has port "${port}", which is no port number from 1 to 65535 (gRPC takes no named port)`, `write the port as a number: '${target}:${OTLP_GRPC_PORT}'`);
  }
  return number === OTLP_HTTP_PORT
    ? problem(`names port ${OTLP_HTTP_PORT}, OTLP/HTTP's, and the collector's otlp exporter speaks gRPC, which a collector serves on ${OTLP_GRPC_PORT}`, `write '${target}:${OTLP_GRPC_PORT}'`)
    : [];
}
