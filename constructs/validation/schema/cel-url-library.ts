import type { CelFunc, CelMap } from '@bufbuild/cel';

type CelModule = typeof import('@bufbuild/cel');

/** The key that marks a CEL map as a URL made by `url()`, which no JSON object of a custom resource holds. */
const URL_MARK = '\u0000url';

/** The parts of a URL as Go's url.Parse splits it, as the accessors of Kubernetes' URL library return them. */
interface UrlParts {
  readonly scheme: string;
  readonly host: string;
  readonly escapedPath: string;
  readonly rawQuery: string;
}

/**
 * Kubernetes' URL library, which a 1.30 API server gives every CRD rule: `isURL`, `url` and the accessors
 * `getScheme`, `getHost`, `getHostname`, `getPort`, `getEscapedPath` and `getQuery`. A URL is held as a CEL map
 * marked as one. Text whose reading by Go is not certain here (a host or path of other characters, a malformed
 * query) throws, so the rule is skipped rather than judged on a guess.
 */
export function kubernetesUrlFunctions(cel: CelModule): CelFunc[] {
  const { STRING, BOOL, DYN } = cel.CelScalar;
  const URL_TYPE = cel.mapType(STRING, DYN);
  const parts = (url: CelMap): UrlParts => {
    const held = url.get(URL_MARK);
    if (typeof held !== 'string') {
      throw new Error('not a URL');
    }
    return JSON.parse(held) as UrlParts;
  };
  const accessor = (name: string, read: (url: UrlParts) => string) =>
    cel.celMethod(name, URL_TYPE, [], STRING, function get(this: CelMap) {
      return read(parts(this));
    });
  return [
    cel.celFunc('isURL', [STRING], BOOL, (text: string) => requestUriProblem(text) === undefined),
    cel.celFunc('url', [STRING], URL_TYPE, (text: string) => {
      const problem = requestUriProblem(text);
      if (problem !== undefined) {
        throw new Error(`URL parse error during conversion from string: ${problem}`);
      }
      return new Map([[URL_MARK, JSON.stringify(urlParts(text))]]) as never;
    }),
    accessor('getScheme', (url) => url.scheme),
    accessor('getHost', (url) => url.host),
    accessor('getHostname', (url) => splitHostPort(url.host).hostname),
    accessor('getPort', (url) => splitHostPort(url.host).port),
    accessor('getEscapedPath', (url) => url.escapedPath),
    cel.celMethod('getQuery', URL_TYPE, [], cel.mapType(STRING, cel.listType(STRING)), function getQuery(this: CelMap) {
      return queryValues(parts(this).rawQuery) as never;
    }),
  ];
}

/** The scheme of `text` as Go's getScheme reads it: letters, then letters, digits, `+`, `-` or `.`, before a colon. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Why Go's url.ParseRequestURI refuses `text` (which `isURL` and `url` call): it is empty, holds a control
 * character, starts with a colon, or is neither an absolute URI nor an absolute path. Undefined when it takes it,
 * as far as this can tell; what else Go would refuse is left to `urlParts`, which throws on it.
 */
export function requestUriProblem(text: string): string | undefined {
  if (text === '') {
    return 'empty url';
  }
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return 'invalid control character in URL';
  }
  if (text.startsWith(':')) {
    return 'missing protocol scheme';
  }
  if (!SCHEME.test(text) && !text.startsWith('/') && text !== '*') {
    return 'invalid URI for request';
  }
  return undefined;
}

const HOST = /^(?:[A-Za-z0-9._~!$&'()*+,;=-]*|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$/;
const USER_INFO = /^[A-Za-z0-9._~!$&'()*+,;=:%-]*$/;
const PATH = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*$/;

/** The parts of `text`, which `requestUriProblem` takes, as Go's url.Parse splits them; throws where unsure. */
function urlParts(text: string): UrlParts {
  let rest = text.split('#')[0];
  const scheme = SCHEME.exec(rest)?.[1].toLowerCase() ?? '';
  rest = rest.slice(scheme === '' ? 0 : scheme.length + 1);
  const queryAt = rest.indexOf('?');
  const rawQuery = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  rest = queryAt < 0 ? rest : rest.slice(0, queryAt);
  let host = '';
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const authority = rest.slice(2).split('/')[0];
    rest = rest.slice(2 + authority.length);
    const at = authority.lastIndexOf('@');
    host = authority.slice(at + 1);
    if (!HOST.test(host) || (at >= 0 && !USER_INFO.test(authority.slice(0, at)))) {
      throw new Error(`host "${host}" is not read here as Go reads it`);
    }
  } else if (scheme !== '' && !rest.startsWith('/')) {
    // A rootless path after a scheme (mailto:) is opaque to Go: no host and no path.
    return { scheme, host, escapedPath: '', rawQuery };
  }
  if (!PATH.test(rest)) {
    throw new Error(`path "${rest}" is not escaped here as Go escapes it`);
  }
  return { scheme, host, escapedPath: rest, rawQuery };
}

/** The host name and port of a URL's host, brackets of an IPv6 address dropped, as Go's Hostname and Port give them. */
function splitHostPort(host: string): { hostname: string; port: string } {
  const colon = host.lastIndexOf(':');
  const bracketEnd = host.lastIndexOf(']');
  const hasPort = colon >= 0 && colon > bracketEnd && /^[0-9]*$/.test(host.slice(colon + 1));
  const hostname = hasPort ? host.slice(0, colon) : host;
  return { hostname: hostname.replace(/^\[(.*)\]$/, '$1'), port: hasPort ? host.slice(colon + 1) : '' };
}

/** The values of each key of a query, as Go's url.Values reads it; throws on a `;` or a bad escape, which Go drops. */
function queryValues(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') {
      continue;
    }
    if (pair.includes(';')) {
      throw new Error('a semicolon in a query is dropped by Go');
    }
    const equals = pair.indexOf('=');
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    const key = decode(equals < 0 ? pair : pair.slice(0, equals));
    values.set(key, [...(values.get(key) ?? []), decode(equals < 0 ? '' : pair.slice(equals + 1))]);
  }
  return values;
}
