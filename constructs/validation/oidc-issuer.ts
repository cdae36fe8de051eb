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
