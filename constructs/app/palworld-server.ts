// thijsvanloef's Palworld server image: its game and query ports run over UDP, and its REST API (on by default since
// the image's 0.35) takes the server's admin password by HTTP basic auth, in the clear.

/** thijsvanloef's Palworld dedicated server image. */
export const PALWORLD_IMAGE = /^(?:docker\.io\/)?thijsvanloef\/palworld-server-docker(?=[:@]|$)/;

/** The port of the REST API unless REST_API_PORT moves it. */
const DEFAULT_REST_API_PORT = 8212;

/**
 * The TCP port Palworld's REST API listens on in a container of `image` with `env` (an App's map), or undefined where
 * the image is another or `REST_API_ENABLED` turns the API off (the image turns it on unless told `false`). Pure.
 */
export function palworldRestApiPort(image: unknown, env: unknown): number | undefined {
  if (typeof image !== 'string' || !PALWORLD_IMAGE.test(image)) {
    return undefined;
  }
  const given = env !== null && typeof env === 'object' && !Array.isArray(env) ? env as Record<string, unknown> : {};
  if (typeof given.REST_API_ENABLED === 'string' && given.REST_API_ENABLED.trim().toLowerCase() === 'false') {
    return undefined;
  }
  const port = given.REST_API_PORT;
  return typeof port === 'string' && /^\d+$/.test(port.trim()) ? Number(port) : DEFAULT_REST_API_PORT;
}
