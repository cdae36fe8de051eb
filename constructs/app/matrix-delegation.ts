import type { PropProblem } from '../validation/known-props';
import { ELEMENT_WEB_IMAGE } from './household-app-images';

// Matrix delegates a bare domain (`@ann:family.example`) to its homeserver with two JSON files under
// `/.well-known/matrix/` of that domain: `server` (federation) and `client` (sign-in). Synapse serves them itself
// (`serve_server_wellknown`), or a static server does; Element Web answers every path with its own page.

/** The path prefix of Matrix' delegation files. */
const MATRIX_WELL_KNOWN = '/.well-known/matrix';

/**
 * A route rule of path `path` that sends Matrix' delegation files to an app that cannot serve them (Element Web),
 * whose image `imageOf` gives (asked only of such a path), as a problem on `field`, or undefined.
 */
export function matrixDelegationProblem(path: string | undefined, imageOf: () => unknown, field: string): PropProblem | undefined {
  if (path === undefined || !(path === MATRIX_WELL_KNOWN || path.startsWith(`${MATRIX_WELL_KNOWN}/`))) {
    return undefined;
  }
  const image = imageOf();
  if (typeof image !== 'string' || !ELEMENT_WEB_IMAGE.test(image)) {
    return undefined;
  }
  return {
    field,
    message: `${path} goes to Element Web ("${image}"), which answers every path with its own web page: Matrix clients and servers reading the delegation's JSON `
      + 'find none, so neither sign-in at the bare domain nor federation reaches the homeserver',
    hint: "send it to Synapse, which serves /.well-known/matrix/server and /client with serve_server_wellknown: true (backends: [{ service: '<synapse app>', port: 8008 }]), or to a static server of the two files",
  };
}
