import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// InvenTree reads INVENTREE_SITE_URL as it loads its settings, in the server and in the background worker alike, and
// checks it with Django's URLValidator, which takes only a URL with its scheme (http, https, ftp, ftps): a host name
// alone (`parts.example.com`, as an ALLOWED_HOSTS entry is written) fails the check, and InvenTree prints
// "Invalid SITE_URL value" and exits, so the container restarts for ever.

/** InvenTree's image, on Docker Hub or GitHub's registry. */
export const INVENTREE_IMAGE = /^((docker\.io|ghcr\.io)\/)?inventree\/inventree(?=[:@]|$)/;

/** The schemes Django's URLValidator takes. */
const VALID_SCHEME = /^(https?|ftps?):\/\//i;

/**
 * Containers of InvenTree's image whose `INVENTREE_SITE_URL`, written out and not empty, lacks a scheme Django's
 * URLValidator takes: one problem each, on `env.INVENTREE_SITE_URL`, whose hint writes the URL with `https://`. A
 * value from a Secret is left alone. Pure.
 */
export function inventreeSiteUrlProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    const url = env.INVENTREE_SITE_URL;
    if (typeof container.image !== 'string' || !INVENTREE_IMAGE.test(container.image) || typeof url !== 'string' || url.trim() === '' || VALID_SCHEME.test(url.trim())) {
      return [];
    }
    const host = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/+/, '').replace(/\/+$/, '');
    return [{
      field: `${prefix}env.INVENTREE_SITE_URL`,
      message: `INVENTREE_SITE_URL is "${url}", not a URL with its scheme: InvenTree checks it with Django's URLValidator as it loads its settings, `
        + 'prints "Invalid SITE_URL value" and exits, so the server and the worker restart for ever',
      hint: `write the URL the browser opens, with its scheme: INVENTREE_SITE_URL: 'https://${host}'`,
    }];
  });
}
