import type { PropProblem } from '../validation/known-props';
import { LINKWARDEN_IMAGE } from './household-app-images';
import type { PropContainerMounts } from './prop-containers';

// Linkwarden serves NextAuth's handlers under /api/v1/auth, not NextAuth's usual /api/auth, and NextAuth takes the
// path of NEXTAUTH_URL as the base of every call it makes there. Its compose files write
// `http://localhost:3000/api/v1/auth`; a URL of the host alone (`https://links.example.com`, as other NextAuth apps,
// Karakeep among them, are told) sends the login page's session and provider requests, and every OAuth callback, to
// /api/auth, where Linkwarden answers 404: the page shows no way to sign in, and a sign-in through an issuer ends on
// an error page.

/** The path of Linkwarden's NextAuth handlers, which NEXTAUTH_URL must end in. */
const AUTH_PATH = '/api/v1/auth';

/**
 * Containers of Linkwarden's image whose `NEXTAUTH_URL`, written out, is a URL whose path is not `/api/v1/auth`:
 * one problem each, on `env.NEXTAUTH_URL`, whose hint writes the URL with that path. A value from a Secret, or no
 * URL, is left alone. Pure.
 */
export function linkwardenAuthUrlProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const url = env.NEXTAUTH_URL;
    if (typeof container.image !== 'string' || !LINKWARDEN_IMAGE.test(container.image) || typeof url !== 'string') {
      return [];
    }
    const parsed = /^(https?:\/\/[^/?#]+)([^?#]*)/i.exec(url.trim());
    if (parsed === null || parsed[2].replace(/\/+$/, '') === AUTH_PATH) {
      return [];
    }
    return [{
      field: `${prefix}env.NEXTAUTH_URL`,
      message: `Linkwarden serves its sign-in under ${AUTH_PATH}, while NextAuth calls it under the path of NEXTAUTH_URL, ${parsed[2] === '' ? '/' : parsed[2]} in ${url}: `
        + 'its login page gets 404 for the session and the providers and shows no way to sign in, and every OAuth callback lands on 404',
      hint: `NEXTAUTH_URL: '${parsed[1]}${AUTH_PATH}'`,
    }];
  });
}
