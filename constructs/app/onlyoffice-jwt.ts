import type { PropProblem } from '../validation/known-props';

// ONLYOFFICE Docs checks a JSON Web Token on every request from 7.2 on, signed with a secret the app that opens its
// documents (Nextcloud's ONLYOFFICE connector, Seafile's) must share. Its Docker image takes that secret from
// `JWT_SECRET`; without it, the image draws a random secret as it starts, again at every start, so no connector can be
// given it and each document fails to open ("Document security token is not correctly formed").

/** ONLYOFFICE Docs' images: Community, Developer and Enterprise editions. */
const ONLYOFFICE_IMAGE = /^(docker\.io\/)?onlyoffice\/documentserver(-de|-ee)?(?=[:@]|$)/;

/** Whether the release `image`'s tag names checks tokens by default: 7.2 or later, or a moving tag (`latest`). Pure. */
function checksTokensByDefault(image: string): boolean {
  const release = /:(\d+)\.(\d+)(?:[.-][\w.-]*)?$/.exec(image.split('@')[0]);
  return release === null || Number(release[1]) > 7 || (Number(release[1]) === 7 && Number(release[2]) >= 2);
}

/**
 * The problem of an ONLYOFFICE Docs app that checks tokens (7.2 or later, `JWT_ENABLED` not `false`) and is given no
 * `JWT_SECRET`, on that variable: its secret would change at every start; the hint names a Secret of `namespace`, the
 * app's. Nothing for another image. Pure.
 */
export function onlyofficeJwtProblems(image: unknown, env: Readonly<Record<string, unknown>>, namespace: string): PropProblem[] {
  if (typeof image !== 'string' || !ONLYOFFICE_IMAGE.test(image) || !checksTokensByDefault(image)) {
    return [];
  }
  const enabled = env.JWT_ENABLED;
  if ((typeof enabled === 'string' && enabled.trim().toLowerCase() === 'false') || env.JWT_SECRET !== undefined) {
    return [];
  }
  return [{
    field: 'env.JWT_SECRET',
    message: 'ONLYOFFICE Docs checks a JSON Web Token on every request (from 7.2 on), and given no JWT_SECRET its image draws a random secret at every start: '
      + "Nextcloud's ONLYOFFICE connector cannot be given it, so no document opens, and none again after the next restart",
    hint: `give it a secret from a Secret, env: { JWT_SECRET: SecretReference.external('${namespace}', 'onlyoffice', 'jwt-secret') }, and write the same secret in the connector's settings`,
  }];
}
