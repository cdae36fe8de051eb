import type { PropProblem } from '../validation/known-props';
import { MEALIE_IMAGE } from './household-app-images';
import type { PropContainerMounts } from './prop-containers';

// Mealie reads OIDC_CONFIGURATION_URL as the address of its issuer's discovery document and fetches it as JSON at each
// sign-in (for the endpoints and the keys of the tokens). Every issuer serves that document under its issuer URL at
// `/.well-known/openid-configuration`; the issuer URL itself, as another app's OIDC_ISSUER takes it, answers with a page
// or a 404, so every sign-in through the issuer fails while the login form keeps working.

/** The path under an issuer where OpenID Connect Discovery serves its document. */
const DISCOVERY_PATH = '/.well-known/openid-configuration';

/**
 * Containers of Mealie's image whose OIDC_CONFIGURATION_URL, written out, names no `/.well-known/` document: one
 * problem each, on `env.OIDC_CONFIGURATION_URL`, whose hint writes the discovery document's URL under it. A value from
 * a Secret, or one that is no http(s) URL, is left alone. Pure.
 */
export function mealieOidcProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const url = env.OIDC_CONFIGURATION_URL;
    if (typeof container.image !== 'string' || !MEALIE_IMAGE.test(container.image) || typeof url !== 'string'
      || !/^https?:\/\/[^/?#]+/i.test(url.trim()) || url.includes('/.well-known/')) {
      return [];
    }
    const meant = `${url.trim().replace(/[?#].*$/, '').replace(/\/+$/, '')}${DISCOVERY_PATH}`;
    return [{
      field: `${prefix}env.OIDC_CONFIGURATION_URL`,
      message: `OIDC_CONFIGURATION_URL is "${url}", not the issuer's discovery document: Mealie fetches that URL as JSON for the issuer's endpoints and keys at each sign-in, `
        + 'and an issuer answers its own URL with a page or a 404, so every sign-in through it fails',
      hint: `name the discovery document, the issuer URL with ${DISCOVERY_PATH} after it: OIDC_CONFIGURATION_URL: '${meant}'`,
    }];
  });
}
