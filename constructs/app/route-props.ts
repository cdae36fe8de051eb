import type { PathMatchType, RouteIntent, RouteRedirect, RouteRewrite, RouteRuleIntent } from '../platform/route-flavor';
import { describeValue } from '../inventory/problems';
import { DNS1123_SUBDOMAIN, DNS_NAME, nameMeant, nameProblem } from '../validation/dns-names';
import { headerNameProblem, headerValueProblem, rootPathHint } from '../validation/http-syntax';
import { proxyHeaderProblems } from './proxy-variables';
import { cleanedPath, pathTraversalProblem } from '../validation/path-traversal';
import { regexProblem } from '../validation/regex-syntax';
import { escapedPath, unescapedPathProblem } from '../validation/url-path';
import type { PropProblem } from '../validation/known-props';
import { bodySizeProblems } from '../platform/body-size';

// What is wrong with a route's props whatever flavor renders it: each of these once rendered a route that
// broke in the proxy without a word (a Location missing its slash, a router skipped, a filter dropped).
// What only one flavor cannot express stays with that flavor.

const REDIRECT_STATUS_CODES: readonly number[] = [301, 302];

type Report = (field: string, message: string, hint: string) => void;

/**
 * The problems of a route's props (shape already checked): paths, header names, values and regexes,
 * weights, redirects and rewrites, and rules that repeat another's match. `field` names the route as the
 * user gave it: `route`, or `addRoute(web)`. Pure.
 */
export function routeIntentProblems(route: RouteIntent, field: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const report: Report = (at, message, hint) => problems.push({ field: at, message, hint });
  // The name names the flavor's route object (an IngressRoute, an HTTPRoute, an Ingress), which the user never wrote.
  const badName = typeof route.name === 'string' ? nameProblem(route.name, DNS1123_SUBDOMAIN) : undefined;
  if (badName !== undefined) {
    const meant = nameMeant(route.name!, DNS1123_SUBDOMAIN);
    report(`${field}.name`, `the route's name names its route object: ${badName}`,
      `use lower-case letters, digits, '-' and '.'${meant === undefined ? '' : `, e.g. name: '${meant}'`}, or leave name out for the app's`);
  }
  problems.push(...bodySizeProblems(route.maxBodySize, `${field}.maxBodySize`));
  if (route.rules && route.rules.length > 0) {
    route.rules.forEach((rule, i) => ruleProblems(rule, `${field}.rules[${i}]`, report));
    repeatedMatchProblems(route.rules, `${field}.rules`, report);
  } else if (route.path !== undefined) {
    matchedPathProblems(route.path, `${field}.path`, report);
  }
  return problems;
}

/**
 * The problems of a path a route matches (absolute, no query or fragment), for constructs that take a
 * path of their own (ServiceRoute); `field` names it as the user wrote it. Pure.
 */
export function routePathProblems(path: string, field: string): PropProblem[] {
  const problems: PropProblem[] = [];
  matchedPathProblems(path, field, (at, message, hint) => problems.push({ field: at, message, hint }));
  return problems;
}

function ruleProblems(rule: RouteRuleIntent, at: string, report: Report): void {
  if (rule.path !== undefined) {
    matchedPathProblems(rule.path, `${at}.path`, report);
  }
  (rule.headers ?? []).forEach((header, j) => {
    const where = `${at}.headers[${j}]`;
    // JavaScript: a match without its name or value would match every header, or none, as the proxy reads it.
    const missing = (['name', 'value'] as const).filter((key) => typeof header?.[key] !== 'string');
    if (missing.length > 0) {
      missing.forEach((key) => report(`${where}.${key}`, `the header match gives no ${key}`, "give both, e.g. headers: [{ name: 'X-Tenant', value: 'beta' }]"));
      return;
    }
    headerName(header.name, `${where}.name`, report);
    headerValue(header.value, `${where}.value`, 'so the rule matches no request', report);
    if (header.type === 'RegularExpression') {
      const problem = regexProblem(header.value);
      if (problem) {
        report(`${where}.value`, `the regular expression "${header.value}" ${problem}`,
          'write an expression RE2 compiles (Traefik runs Go\'s regexp, Gateway API implementations mostly Envoy\'s RE2): brackets balanced, no lookarounds or backreferences');
      }
    }
  });
  const changes = rule.requestHeaders;
  for (const kind of ['set', 'add'] as const) {
    Object.entries(changes?.[kind] ?? {}).forEach(([name, value]) => {
      headerName(name, `${at}.requestHeaders.${kind}.${name}`, report);
      headerValue(value, `${at}.requestHeaders.${kind}.${name}`, 'so the proxy fails every request it would send with it', report);
    });
    for (const problem of proxyHeaderProblems(changes?.[kind] ?? {})) {
      report(`${at}.requestHeaders.${kind}.${problem.name}`, problem.message, problem.hint);
    }
  }
  (changes?.remove ?? []).forEach((name, j) => headerName(name, `${at}.requestHeaders.remove[${j}]`, report));
  if (rule.redirect) {
    redirectProblems(rule.redirect, `${at}.redirect`, report);
  }
  if (rule.rewrite) {
    rewriteProblems(rule.rewrite, rule.pathType ?? 'PathPrefix', `${at}.rewrite`, report);
  }
  const backends = rule.backends ?? [];
  if (!rule.redirect && backends.length > 0 && backends.every((backend) => backend.weight === 0)) {
    // Traefik's weighted round robin then picks no server; Gateway API has such a rule answer 500.
    report(`${at}.backends`, 'every backend of the rule has weight 0, so the rule sends its requests nowhere',
      'give at least one backend a weight above 0 (weights are shares: a backend without one counts 1)');
  }
  if (rule.redirect && rule.rewrite) {
    // Traefik would chain both middlewares and the redirect answers first; Gateway API refuses the pair.
    report(`${at}.rewrite`, 'a rule both redirects and rewrites, but a redirect answers the request itself, so the rewrite never applies',
      'drop `rewrite`, or `redirect` (put the rewrite on a rule of its own)');
  }
}

/** A path as routes write it: absolute. */
function pathProblems(path: string, at: string, what: string, report: Report): void {
  if (!path.startsWith('/')) {
    report(at, `${what} "${path}" does not start with /`, rootPathHint(path));
  }
}

/**
 * Glob and regular-expression syntax in a path (`/api/*`, ingress-nginx's `/api(/|$)(.*)`, nginx's
 * `~ ^/api`): every flavor matches a route path as text, so such a rule matches no request it was meant for.
 * Parentheses and `$` alone are characters of real paths (`/wiki/Foo_(bar)`), so they count only beside
 * other syntax: a trailing `$`, `.*`, `.+` or an alternation.
 */
const PATH_PATTERN = /[*^|\\[\]{}]|^\s*~|\$$|\.[*+]/;

/** The literal prefix a glob or regex path stands for: `/api/*`, `/api/.*` and `~ ^/api(/|$)` are `/api`. Pure. */
function literalPrefix(pattern: string): string {
  const start = pattern.replace(/^\s*~\*?\s*/, '').replace(/^\^/, '');
  const cut = start.search(/[*^$()|\\[\]{}?+]/);
  const prefix = (cut < 0 ? start : start.slice(0, cut)).replace(/\.$/, '').replace(/\/+$/, '');
  return prefix.startsWith('/') ? prefix : `/${prefix}`;
}

/** A path a rule matches: absolute, without a query or fragment, which the path of no request holds, and without `//`, `/./` or `/../`. */
function matchedPathProblems(path: string, at: string, report: Report): void {
  if (PATH_PATTERN.test(path)) {
    // Reported alone: `~ ^/api` is also not absolute, but it is one mistake.
    const prefix = literalPrefix(path);
    report(at, `route path ${describeValue(path)} is a glob or regular expression, but routes match a path as text, so the rule misses the requests it was meant for`,
      `write the prefix itself: ${prefix} (a PathPrefix rule, the default, matches ${prefix} and every path below it${prefix === '/' ? '' : `, ${prefix}/…`})`);
    return;
  }
  const cut = path.search(/[?#]/);
  if (cut >= 0) {
    // Reported alone, with the path made absolute in the hint: `a?b=1` is one mistake, not two.
    const query = path[cut] === '?';
    const alone = path.slice(0, cut).replace(/^\/*/, '/');
    report(at, `route path ${describeValue(path)} has a ${query ? 'query string' : 'fragment'}, which the path of no request holds, so it never matches`,
      `give the path alone: ${alone} (${query ? 'read query parameters in the app' : 'a browser never sends the fragment'})`);
    return;
  }
  pathProblems(path, at, 'route path', report);
  const unescaped = unescapedPathProblem(path);
  if (unescaped !== undefined) {
    report(at, `route path ${describeValue(path)} ${unescaped}: Gateway API's HTTPRoute refuses it as written, so the route would hold under some flavors only`,
      `write it as requests carry it: ${escapedPath(path)} (every flavor then matches it, Traefik and ingress-nginx after decoding it as they decode request paths)`);
    return;
  }
  const traversal = pathTraversalProblem(path);
  if (traversal !== undefined && path.startsWith('/')) {
    report(at, `route path ${describeValue(path)} ${traversal}, which the API server refuses in an Ingress path and Gateway API in an HTTPRoute match (proxies clean it out of request paths)`,
      `write the path as requests carry it: ${cleanedPath(path)}`);
  }
}

function headerName(name: string, at: string, report: Report): void {
  const problem = headerNameProblem(name);
  if (problem) {
    report(at, problem, `write the header name as sent, e.g. ${name.replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '') || 'X-Tenant'}`);
  }
}

function headerValue(value: string, at: string, consequence: string, report: Report): void {
  const problem = headerValueProblem(value);
  if (problem) {
    report(at, `${problem}, ${consequence}`, 'write the value on one line, without CR, LF or other control characters (send several headers for several values)');
  }
}

/** What a rule matches, as one string: two rules with the same key match the same requests. */
function matchKey(rule: RouteRuleIntent): string {
  // Header names match without regard to case; the order of a rule's header matches does not matter.
  // A header without its name (JavaScript) is reported on the header; here it only has to make a key.
  const headers = (rule.headers ?? []).map((h) => JSON.stringify([typeof h?.name === 'string' ? h.name.toLowerCase() : null, h?.type ?? 'Exact', h?.value])).sort();
  return JSON.stringify([rule.pathType ?? 'PathPrefix', rule.path ?? '/', headers]);
}

/**
 * A rule whose match repeats an earlier rule's: both become routers (or matches) of one priority, and only
 * one of them ever receives a request. Reported on the later rule.
 */
function repeatedMatchProblems(rules: readonly RouteRuleIntent[], at: string, report: Report): void {
  const first = new Map<string, number>();
  rules.forEach((rule, i) => {
    const key = matchKey(rule);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return;
    }
    const headers = (rule.headers ?? []).length > 0 ? ' and headers' : '';
    report(rule.path !== undefined ? `${at}[${i}].path` : `${at}[${i}]`,
      `rules[${i}] matches the same path${headers} as rules[${earlier}] (${rule.pathType ?? 'PathPrefix'} ${rule.path ?? '/'}), so one of the two never receives a request`,
      'merge the two rules (a rule takes several backends), or tell them apart by path or headers');
  });
}

function hostName(hostname: string, at: string, what: string, report: Report): void {
  const problem = nameProblem(hostname, DNS_NAME);
  if (problem) {
    report(at, `the ${what} host name ${problem}`,
      'give the host name alone, in lower case, e.g. other.example.com: no scheme, port or path');
  }
}

function redirectProblems(redirect: RouteRedirect, at: string, report: Report): void {
  if (redirect.hostname !== undefined) {
    hostName(redirect.hostname, `${at}.hostname`, 'redirect', report);
  }
  if (redirect.path !== undefined) {
    pathProblems(redirect.path, `${at}.path`, 'redirect path', report);
  }
  // Each scheme's well-known port is the other's wrong one: the browser would speak TLS to plain HTTP, or the reverse.
  const otherPort = redirect.scheme === 'https' ? 80 : redirect.scheme === 'http' ? 443 : undefined;
  if (redirect.port !== undefined && redirect.port === otherPort) {
    const own = redirect.scheme === 'https' ? 443 : 80;
    report(`${at}.port`, `the redirect sends to ${redirect.scheme} on port ${redirect.port}, the port of ${redirect.scheme === 'https' ? 'plain HTTP' : 'HTTPS'}: `
      + `the browser would speak ${redirect.scheme === 'https' ? 'TLS to a server that answers plain HTTP' : 'plain HTTP to a server that expects TLS'}`,
    `leave port out (${redirect.scheme} takes ${own}), or give the port the new location serves ${redirect.scheme} on`);
  }
  if (redirect.statusCode !== undefined && !REDIRECT_STATUS_CODES.includes(redirect.statusCode)) {
    report(`${at}.statusCode`, `redirect status ${redirect.statusCode} is none the route offers`,
      'use 301 (permanent) or 302 (temporary, the default)');
  }
}

function rewriteProblems(rewrite: RouteRewrite, pathType: PathMatchType, at: string, report: Report): void {
  if (rewrite.path !== undefined) {
    pathProblems(rewrite.path, `${at}.path`, 'rewrite path', report);
  }
  if (rewrite.pathPrefix !== undefined) {
    pathProblems(rewrite.pathPrefix, `${at}.pathPrefix`, 'rewrite prefix', report);
    if (pathType === 'Exact') {
      // Gateway API refuses ReplacePrefixMatch beside an exact match; other flavors would quietly treat it as a prefix.
      report(`${at}.pathPrefix`, 'a prefix rewrite replaces the prefix a rule matched, but this rule matches its whole path (pathType Exact)',
        "use `rewrite.path` to replace the whole path, or match with pathType: 'PathPrefix'");
    }
  }
  if (rewrite.path !== undefined && rewrite.pathPrefix !== undefined) {
    report(at, 'a rewrite replaces both the whole path and its prefix; only one can apply',
      'keep `path` to replace the whole path, or `pathPrefix` to replace the matched prefix');
  }
  if (rewrite.hostname !== undefined) {
    hostName(rewrite.hostname, `${at}.hostname`, 'rewrite', report);
  }
}
