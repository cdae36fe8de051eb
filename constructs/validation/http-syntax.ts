/** An HTTP header name: an RFC 7230 token, which is also what Gateway API's `HTTPHeaderName` allows. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why `name` is no HTTP header name, or undefined when it is one. Pure. */
export function headerNameProblem(name: string): string | undefined {
  return HEADER_TOKEN.test(name)
    ? undefined
    : `"${name}" is no HTTP header name: a header name is letters, digits and !#$%&'*+-.^_\`|~, without spaces or colons`;
}

/** Control characters a header value may not hold (RFC 9110 field-value): all but the horizontal tab. */
const HEADER_VALUE_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * Why `value` is no HTTP header value, or undefined when it is one: a CR or LF would end the header (Go's
 * net/http, in Traefik, refuses to send such a value, and Envoy too), other control characters are no
 * field characters. Pure.
 */
export function headerValueProblem(value: string): string | undefined {
  const control = HEADER_VALUE_CONTROL.exec(value);
  if (!control) {
    return undefined;
  }
  const what = control[0] === '\r' ? 'a carriage return (CR)' : control[0] === '\n' ? 'a line feed (LF)'
    : `the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `the header value ${JSON.stringify(value)} holds ${what}, which no HTTP header value may hold`;
}

/** A URL's scheme and authority, before its path: `http://localhost:8080` of `http://localhost:8080/healthz`. */
const URL_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * How to write a path that does not start with `/` (a probe's, a route's, a metrics endpoint's) from the
 * root: a full URL, as curl in a compose healthcheck or a browser takes it, is its path alone; any other
 * text gets the `/` before it. Pure.
 */
export function rootPathHint(path: string): string {
  const origin = URL_ORIGIN.exec(path);
  if (origin === null) {
    return `write it from the root: /${path}`;
  }
  const rest = path.slice(origin[0].length);
  return `give the path alone, without ${origin[0]}: ${rest.startsWith('/') ? rest : `/${rest}`}`;
}

/**
 * The host and port a Host header's value stands for when it is written as a URL (`http://localhost:8080/`, or a
 * host with a path, `localhost/health`), as a compose health check's curl names the server; undefined for a
 * value that is a host alone. Servers answer a Host with a scheme or a path with 400 Bad Request (Go's net/http
 * and nginx refuse a `/` in it). Pure.
 */
export function hostHeaderAsUrl(value: string): string | undefined {
  const host = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/s, '');
  return host === value ? undefined : host;
}
