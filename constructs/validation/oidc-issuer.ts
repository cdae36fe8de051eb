import type { IConstruct } from 'constructs';
import type { PropProblem } from './known-props';

// An OpenID Connect issuer's URL is the `iss` of its tokens; clients find the rest at
// `<issuer>/.well-known/openid-configuration`. Identity providers show that discovery URL most prominently
// (Keycloak's realm settings, Authentik's provider page, Pocket ID's setup), so it is what gets pasted.

/** The path of an issuer's discovery document below its URL. */
const DISCOVERY_PATH = /\/\.well-known\/(?:openid-configuration|oauth-authorization-server)\/?$/;

/**
 * The problem of an issuer URL written as its discovery document's: a client appends the discovery path again
 * and finds nothing, and the tokens' `iss` would not match it. On `field`; undefined when `url` is no such URL. Pure.
 */
export function discoveryUrlProblem(field: string, url: unknown): PropProblem | undefined {
  if (typeof url !== 'string' || !DISCOVERY_PATH.test(url)) {
    return undefined;
  }
  const issuer = url.replace(DISCOVERY_PATH, '');
  return {
    field,
    message: `"${url}" is the issuer's discovery document, not the issuer: clients append /.well-known/openid-configuration to the issuer themselves, so they would ask for ${url}/.well-known/openid-configuration, and the tokens' iss names the issuer without it`,
    hint: `write the issuer as the discovery document's "issuer" field and the tokens' iss claim do: most often '${issuer}' (Authentik's ends in a slash, '${issuer}/')`,
  };
}

/** Where an issuer URL was written: the URL and how a message names the place (`talos()'s apiServerOidc.issuerUrl`). */
interface WrittenIssuer {
  readonly url: string;
  readonly where: string;
}

// Per cluster: its API server's issuer and its logins' issuers, each written once, by its URL without a trailing slash.
const issuersOf = new WeakMap<IConstruct, Map<string, WrittenIssuer>>();

/**
 * Notes issuer `url`, written at `where`, for `cluster`; returns the problem, on `field`, of a URL that an issuer
 * noted before for the cluster writes with or without a trailing slash where this one does not: an issuer has one
 * `iss`, which clients compare with the URL they are given character by character (go-oidc's "issuer did not
 * match"), so one of the two refuses every token. Undefined otherwise.
 */
export function noteIssuer(cluster: IConstruct, url: unknown, where: string, field: string): PropProblem | undefined {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    return undefined;
  }
  let issuers = issuersOf.get(cluster);
  if (issuers === undefined) {
    issuers = new Map();
    issuersOf.set(cluster, issuers);
  }
  const key = url.replace(/\/+$/, '');
  const earlier = issuers.get(key);
  if (earlier === undefined) {
    issuers.set(key, { url, where });
    return undefined;
  }
  if (earlier.url === url) {
    return undefined;
  }
  return {
    field,
    message: `the issuer is written "${url}" here and "${earlier.url}" at ${earlier.where}: an issuer has one iss, which clients compare with the URL they are given character by character, so one of the two refuses every token ("issuer did not match")`,
    hint: `write the issuer in both places as its discovery document's "issuer" field does (curl ${key}/.well-known/openid-configuration): most providers write no trailing slash, Authentik's ends in one`,
  };
}

/** Variables that give an app its OpenID Connect issuer (`OAUTH2_PROXY_OIDC_ISSUER_URL`, `OIDC_ISSUER`, `AUTH_OIDC_ISSUER_URI`). */
const ISSUER_VARIABLE = /(?:^|_)ISSUER(?:_UR[LI])?$/i;

/** Flags that give it on the command line (oauth2-proxy's `--oidc-issuer-url`, Headlamp's `-oidc-idp-issuer-url`). */
const ISSUER_FLAG = /^--?[a-z-]*issuer-ur[li]$/i;

/**
 * The issuers an app of `cluster` (at construct path `path`) is given in `env` and `args`, each noted with
 * {@link noteIssuer}: the problems of those written otherwise than the cluster's other mentions of the same issuer. Pure
 * but for the note.
 */
export function issuerProblems(cluster: IConstruct, path: string, env: Readonly<Record<string, unknown>>, args: readonly unknown[]): PropProblem[] {
  const given: Array<{ url: unknown; field: string }> = [
    ...Object.entries(env).filter(([name]) => ISSUER_VARIABLE.test(name)).map(([name, url]) => ({ url, field: `env.${name}` })),
    ...args.flatMap((arg, i) => {
      if (typeof arg !== 'string') {
        return [];
      }
      const [flag, ...rest] = arg.split('=');
      if (!ISSUER_FLAG.test(flag)) {
        return [];
      }
      return rest.length > 0 ? [{ url: rest.join('='), field: `args[${i}]` }] : [{ url: args[i + 1], field: `args[${i + 1}]` }];
    }),
  ];
  return given.flatMap(({ url, field }) => noteIssuer(cluster, url, `${path}'s ${field}`, field) ?? []);
}
