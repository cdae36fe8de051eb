import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { ingressNginxIngresses } from './ingress-nginx-snippets';
import { fields, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { regexProblem } from './regex-syntax';
import { type TraefikMatcher, traefikMatchers, traefikRuleString } from './traefik-rule-syntax';

// How a hand-written route matches requests, as each controller reads it. A matcher the controller refuses
// drops the route (Traefik logs the router's error and answers 404), a prefix written as a regular
// expression is compared as text, so `/api/.*` matches no request a browser sends, and a redirect to the
// address a request asked for sends the browser round until it gives up.

const layer = 'references' as const;

/** Traefik v3's matchers that take one value each (v2 took a list: `Host(\`a\`, \`b\`)`). */
const ONE_VALUE = new Set(['Host', 'HostRegexp', 'Path', 'PathPrefix', 'PathRegexp', 'ClientIP', 'Method']);
/** Traefik's matchers whose value is a Go regular expression. */
const REGEXP_MATCHERS = new Set(['HostRegexp', 'PathRegexp']);
/** What shows a path was written as a regular expression or a v2 template: `.*`, `.+`, an anchor, `{id}`. */
const REGEX_IN_PATH = /\.[*+]|^\^|\$$|\{[^}]*\}|\[[^\]]*\]/;

/**
 * The text of `path` before its first regular-expression token (`/api/.*`: `/api/`, `/api/(.*)`: `/api/`), or
 * undefined when it reads as a plain path. Pure.
 */
export function literalPrefixOf(path: string): string | undefined {
  const found = REGEX_IN_PATH.exec(path);
  if (found === null) {
    return undefined;
  }
  // A group or alternative opened before the token (`/api/(.*)`, `/(api|v1)/.*`) is pattern, not text to keep.
  const before = path.slice(0, found.index);
  const group = before.search(/[(|?]/);
  const prefix = (group < 0 ? before : before.slice(0, group)).replace(/^\^/, '');
  return prefix.startsWith('/') ? prefix : '/';
}

/** The regular expression a path written with one means, anchored at its start as Traefik's PathRegexp reads it. */
function anchored(path: string): string {
  return path.startsWith('^') ? path : `^${path}`;
}

/** What Traefik v3 refuses or never matches in one matcher of an IngressRoute's rule. */
function traefikMatcherProblem({ name, args, singleQuoted }: TraefikMatcher): { message: string; hint: string } | undefined {
  if (singleQuoted !== undefined) {
    return {
      message: `${name}('${singleQuoted}') gives its value in single quotes, which Traefik's rule parser does not read as a string: it refuses the rule and the route answers 404`,
      hint: `write the value in back quotes: ${name}(${traefikRuleString(singleQuoted)})`,
    };
  }
  if (ONE_VALUE.has(name) && args.length > 1) {
    return {
      message: `${name} is given ${args.length} values, and Traefik v3 takes one per matcher (a list is v2's syntax): it refuses the rule and the route answers 404`,
      hint: `write one matcher per value: ${args.map((arg) => `${name}(${traefikRuleString(arg)})`).join(' || ')}`,
    };
  }
  const value = args[0];
  if (value === undefined) {
    return undefined;
  }
  if (name === 'Host' && value.includes('*')) {
    const domain = value.replace(/^\*\./, '');
    return {
      message: `Host(${traefikRuleString(value)}) compares the name as written, so a wildcard matches no request`,
      hint: `match the names under ${domain} with HostRegexp(${traefikRuleString(`^[^.]+\\.${domain.replace(/\./g, '\\.')}$`)})`,
    };
  }
  if ((name === 'Path' || name === 'PathPrefix') && !value.startsWith('/')) {
    return {
      message: `${name}(${traefikRuleString(value)}) does not start with '/', which Traefik refuses: it drops the route, which answers 404`,
      hint: `write it from the root: ${name}(${traefikRuleString(`/${value.replace(/^\^/, '')}`)})`,
    };
  }
  const literal = name === 'Path' || name === 'PathPrefix' ? literalPrefixOf(value) : undefined;
  if (literal !== undefined) {
    return {
      message: `${name}(${traefikRuleString(value)}) is written as a regular expression, which ${name} compares as text: it matches no request`,
      hint: `write PathPrefix(${traefikRuleString(literal)}), or PathRegexp(${traefikRuleString(anchored(value))}) for a pattern`,
    };
  }
  const problem = REGEXP_MATCHERS.has(name) ? regexProblem(value) : undefined;
  if (problem !== undefined) {
    return {
      message: `${name}(${traefikRuleString(value)}) ${problem}: Traefik refuses the rule and the route answers 404`,
      hint: name === 'HostRegexp' && value.startsWith('*') ? `write the names under it as a regular expression: HostRegexp(${traefikRuleString(`^[^.]+${value.slice(1).replace(/\./g, '\\.')}$`)})` : 'write a regular expression Go\'s regexp package compiles',
    };
  }
  return undefined;
}

/**
 * The matchers of hand-written IngressRoutes (of v3's rule syntax) that Traefik refuses or compares as text
 * where a pattern was meant, and the paths of Ingresses and HTTPRoutes of type Prefix or Exact that are
 * written as regular expressions. One error per rule, on its first such matcher.
 */
export function checkRouteMatchers(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const index = indexOf(cluster.objects);
  for (const route of index.of('IngressRoute')) {
    list(fields(route.manifest.spec).routes).forEach((rule, i) => {
      if (text(rule.syntax) === 'v2') {
        return;
      }
      for (const matcher of traefikMatchers(text(rule.match) ?? '')) {
        const problem = traefikMatcherProblem(matcher);
        if (problem !== undefined) {
          findings.push(objectFinding(route, { layer, severity: 'error', field: `spec.routes[${i}].match`, ...problem }));
          return;
        }
      }
    });
  }
  for (const ingress of index.of('Ingress')) {
    list(fields(ingress.manifest.spec).rules).forEach((rule, i) => list(fields(rule.http).paths).forEach((path, j) => {
      const type = text(path.pathType);
      const value = text(path.path) ?? '';
      const literal = type === 'Prefix' || type === 'Exact' ? literalPrefixOf(value) : undefined;
      if (literal !== undefined) {
        findings.push(objectFinding(ingress, {
          layer, severity: 'error', field: `spec.rules[${i}].http.paths[${j}].path`,
          message: `path ${JSON.stringify(value)} is written as a regular expression, and pathType ${type} compares it as text: it matches no request (ingress-nginx's admission refuses it)`,
          hint: `write path: '${literal}' with pathType: Prefix, which matches every path below it`,
        }));
      }
    }));
  }
  for (const route of index.of('HTTPRoute')) {
    list(fields(route.manifest.spec).rules).forEach((rule, i) => list(rule.matches).forEach((match, j) => {
      const path = fields(match.path);
      const type = text(path.type) ?? 'PathPrefix';
      const value = text(path.value) ?? '';
      const literal = type === 'PathPrefix' || type === 'Exact' ? literalPrefixOf(value) : undefined;
      if (literal !== undefined) {
        findings.push(objectFinding(route, {
          layer, severity: 'error', field: `spec.rules[${i}].matches[${j}].path.value`,
          message: `path ${JSON.stringify(value)} is written as a regular expression, and type ${type} compares it as text: it matches no request`,
          hint: `write value: '${literal}' with type: PathPrefix, or type: RegularExpression where the Gateway's implementation supports it`,
        }));
      }
    }));
    findings.push(...httpRouteSelfRedirects(route));
  }
  findings.push(...ingressNginxSelfRedirects(cluster), ...traefikRedirectLoops(cluster), ...traefikMiddlewareForms(index));
  return findings;
}

/**
 * Traefik Middlewares written the way another tool spells them: a stripPrefix prefix without its leading
 * `/` (Traefik compares it with the request's path, which always starts with one, so it strips nothing), and
 * a redirectScheme scheme with `://` (Traefik adds `://` itself, so the browser is sent to `https:////host`).
 */
function traefikMiddlewareForms(index: ReturnType<typeof indexOf>): Finding[] {
  const findings: Finding[] = [];
  for (const middleware of index.of('Middleware').filter((m) => m.manifest.apiVersion.startsWith('traefik.'))) {
    const spec = fields(middleware.manifest.spec);
    const prefixes = fields(spec.stripPrefix).prefixes;
    (Array.isArray(prefixes) ? prefixes : []).forEach((prefix: unknown, i) => {
      if (typeof prefix === 'string' && prefix !== '' && !prefix.startsWith('/')) {
        findings.push(objectFinding(middleware, {
          layer, severity: 'error', field: `spec.stripPrefix.prefixes[${i}]`,
          message: `prefix ${JSON.stringify(prefix)} does not start with '/', and every request's path does: Traefik strips nothing and the app sees the prefix`,
          hint: `write it from the root: '/${prefix}'`,
        }));
      }
    });
    const scheme = text(fields(spec.redirectScheme).scheme);
    if (scheme !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) {
      const meant = scheme.replace(/:.*$/, '') || 'https';
      findings.push(objectFinding(middleware, {
        layer, severity: 'error', field: 'spec.redirectScheme.scheme',
        message: `scheme ${JSON.stringify(scheme)} is not a URL scheme: Traefik writes <scheme>://<host> itself, so the browser is sent to ${scheme}://<host>, which it cannot open`,
        hint: `give the scheme alone: scheme: '${meant}'`,
      }));
    }
  }
  return findings;
}

/** How many redirects of one route in a row show a loop: a browser stops at about 20. */
const LOOP_ROUNDS = 3;

/**
 * The URL Traefik's redirectRegex middleware sends `url` to (Go's ReplaceAllString, `${1}` as JavaScript's
 * `$1`), or undefined when it passes the request on: the regex does not match, or the URL stays the same.
 */
function redirected(pattern: RegExp, replacement: string, url: string): string | undefined {
  pattern.lastIndex = 0;
  if (!pattern.test(url)) {
    return undefined;
  }
  const next = url.replace(pattern, replacement.replace(/\$\{(\d+)\}/g, '$$$1').replace(/\$\{(\w+)\}/g, '$$<$1>'));
  return next === url ? undefined : next;
}

/**
 * IngressRoutes whose redirectRegex Middleware sends a request to an address of the route's own host that the
 * same Middleware redirects again (`^https://web.lab.test/(.*)` to `https://web.lab.test/app/${1}`): the path
 * grows with every round until the browser stops at too many redirects. One error on the route's middleware.
 */
function traefikRedirectLoops(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const redirects = new Map<string, { regex: RegExp; replacement: string }>();
  for (const middleware of index.of('Middleware').filter((m) => m.manifest.apiVersion.startsWith('traefik.'))) {
    const redirect = fields(fields(middleware.manifest.spec).redirectRegex);
    const regex = text(redirect.regex);
    const replacement = text(redirect.replacement);
    if (regex === undefined || replacement === undefined || regexProblem(regex) !== undefined) {
      continue;
    }
    redirects.set(`${middleware.manifest.metadata.namespace ?? ''}/${middleware.manifest.metadata.name}`, { regex: new RegExp(regex, 'g'), replacement });
  }
  const findings: Finding[] = [];
  if (redirects.size === 0) {
    return findings;
  }
  for (const route of index.of('IngressRoute').filter((r) => r.manifest.apiVersion.startsWith('traefik.'))) {
    const spec = fields(route.manifest.spec);
    // A route of the plain-HTTP entry point alone has no tls section and sees plain HTTP.
    const scheme = spec.tls !== undefined || (Array.isArray(spec.entryPoints) && spec.entryPoints.includes('websecure')) ? 'https' : 'http';
    list(spec.routes).forEach((rule, i) => {
      const hosts = traefikMatchers(text(rule.match) ?? '').filter((m) => m.name === 'Host' && !m.negated).flatMap((m) => m.args);
      list(rule.middlewares).forEach((ref, j) => {
        const redirect = redirects.get(`${text(ref.namespace) ?? route.manifest.metadata.namespace ?? ''}/${text(ref.name) ?? ''}`);
        const host = hosts[0];
        if (redirect === undefined || host === undefined) {
          return;
        }
        let url: string | undefined = `${scheme}://${host}/`;
        for (let round = 0; round < LOOP_ROUNDS && url !== undefined; round++) {
          const next = redirected(redirect.regex, redirect.replacement, url);
          url = next !== undefined && next.startsWith(`${scheme}://${host}/`) ? next : undefined;
        }
        if (url !== undefined) {
          findings.push(objectFinding(route, {
            layer, severity: 'error', field: `spec.routes[${i}].middlewares[${j}]`,
            message: `Middleware ${text(ref.name)} redirects ${scheme}://${host}/ to ${url} and on, on the route's own host, each round matching its regex again: the browser stops at too many redirects`,
            hint: 'anchor the regex to the address it moves from (e.g. ^https://old\\.lab\\.example/(.*)), or redirect to another host',
          }));
        }
      });
    });
  }
  return findings;
}

/** ingress-nginx's annotations that answer every request of an Ingress with a redirect to their URL. */
const NGINX_REDIRECTS = ['nginx.ingress.kubernetes.io/permanent-redirect', 'nginx.ingress.kubernetes.io/temporal-redirect'];

/**
 * Ingresses of ingress-nginx whose redirect annotation sends every request to a URL the Ingress serves
 * itself (its host, at a path one of its paths matches): each request comes back to the same redirect until
 * the browser stops at too many redirects. One error on the annotation.
 */
function ingressNginxSelfRedirects(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const ingress of ingressNginxIngresses(cluster)) {
    const annotations = stringMap(fields(ingress.manifest.metadata).annotations);
    const key = NGINX_REDIRECTS.find((name) => annotations[name] !== undefined);
    let target: URL | undefined;
    try {
      target = key === undefined ? undefined : new URL(annotations[key]);
    } catch {
      target = undefined; // not a URL: a mistake of its own, not a loop
    }
    if (key === undefined || target === undefined) {
      continue;
    }
    const to = target;
    const served = list(fields(ingress.manifest.spec).rules).some((rule) => text(rule.host)?.toLowerCase() === to.hostname
      && list(fields(rule.http).paths).some((path) => {
        const value = text(path.path) ?? '/';
        return text(path.pathType) === 'Exact' ? to.pathname === value
          : value === '/' || to.pathname === value.replace(/\/$/, '') || to.pathname.startsWith(value.endsWith('/') ? value : `${value}/`);
      }));
    if (served) {
      findings.push(objectFinding(ingress, {
        layer, severity: 'error', field: `metadata.annotations["${key}"]`,
        message: `the Ingress redirects every request to ${annotations[key]}, which it serves itself: the request comes back to the same redirect until the browser stops at too many redirects`,
        hint: 'redirect to another host or to a path this Ingress does not serve, or move the redirect to an Ingress of the old host or path alone',
      }));
    }
  }
  return findings;
}

/**
 * The RequestRedirect filters of an HTTPRoute that send a request back to the address it asked for: no other
 * host than the route's own, no path, scheme or port. The Gateway answers each request with the same redirect
 * until the browser stops at too many redirects. One error per rule.
 */
function httpRouteSelfRedirects(route: SynthesizedObject): Finding[] {
  const spec = fields(route.manifest.spec);
  const own = (Array.isArray(spec.hostnames) ? spec.hostnames : []).map((h) => String(h).toLowerCase());
  const findings: Finding[] = [];
  list(spec.rules).forEach((rule, i) => {
    const at = list(rule.filters).findIndex((filter) => {
      const redirect = fields(filter.requestRedirect);
      const hostname = text(redirect.hostname)?.toLowerCase();
      return text(filter.type) === 'RequestRedirect' && (hostname === undefined || own.includes(hostname))
        && redirect.path === undefined && redirect.scheme === undefined && redirect.port === undefined;
    });
    if (at >= 0) {
      const hostname = text(fields(list(rule.filters)[at].requestRedirect).hostname);
      findings.push(objectFinding(route, {
        layer, severity: 'error', field: `spec.rules[${i}].filters[${at}].requestRedirect${hostname !== undefined ? '.hostname' : ''}`,
        message: `the redirect sends each request to ${hostname ?? 'its own host'} with its own scheme, port and path, the address it asked for: the Gateway answers it with the same redirect until the browser stops at too many redirects`,
        hint: "give the redirect the host, path or scheme it sends to (hostname: 'new.example.com', path: { type: ReplaceFullPath, replaceFullPath: '/new' }), or drop the filter",
      }));
    }
  });
  return findings;
}
