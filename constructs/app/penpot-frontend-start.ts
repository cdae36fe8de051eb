import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainersProps } from './prop-containers';

// Penpot's frontend image (nginx-unprivileged since 2.4) starts by writing its own files: its entrypoint renders
// /etc/nginx/nginx.conf, which proxies the API to the backend and the exports to the exporter, from a template it
// keeps in /tmp, and writes PENPOT_FLAGS into /var/www/app/js/config.js. On a read-only root, with an emptyDir over
// /tmp that hides the template, it writes neither and nginx serves its stock page. Its files belong to its user,
// 1001, and group 0, so another user may not write them even on a writable root.

/** Penpot's frontend image. */
const PENPOT_FRONTEND_IMAGE = /^(docker\.io\/)?penpotapp\/frontend(?=[:@]|$)/;

/** The user the image's files belong to. */
const PENPOT_USER = 1001;

/** Why the frontend needs a writable root, as the exemption says it. */
const WRITES = "its entrypoint renders nginx.conf from a template in /tmp and writes PENPOT_FLAGS into config.js";

/**
 * Containers of Penpot's frontend image, whose entrypoint runs (no `command`), on a read-only root: an error on
 * `image`, whose hint writes a writable root and its user. On a writable root, run as another user than 1001 or root
 * and another group than 0: an error on `runAsUser`. `app` is the main container's name. Pure.
 */
export function penpotFrontendStartProblems(props: PropContainersProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !PENPOT_FRONTEND_IMAGE.test(container.image) || container.command !== undefined
      || container.exemptions?.privileged !== undefined) {
      return [];
    }
    if (container.exemptions?.writableRootFilesystem === undefined) {
      return [{
        field: `${prefix}image`,
        message: `image "${container.image}" is Penpot's frontend, whose entrypoint renders /etc/nginx/nginx.conf (its proxy to the backend and the exporter) from a template it keeps in /tmp `
          + 'and writes PENPOT_FLAGS into /var/www/app/js/config.js: on the read-only root, with an emptyDir over /tmp, it writes neither, and nginx serves its stock page instead of Penpot',
        hint: `run it as its own user on a writable root: ${prefix}runAsUser: ${PENPOT_USER}, ${prefix}exemptions: { writableRootFilesystem: '${WRITES}' }`,
      }];
    }
    const user = container.exemptions?.runAsRoot !== undefined ? 0 : container.runAsUser ?? props?.runAsUser ?? 1000;
    const group = container.runAsGroup ?? props?.runAsGroup ?? 1000;
    if (user === 0 || user === PENPOT_USER || group === 0) {
      return [];
    }
    return [{
      field: `${prefix}runAsUser`,
      message: `Penpot's frontend writes /etc/nginx/nginx.conf and /var/www/app/js/config.js as it starts, which belong to user ${PENPOT_USER} and group 0; as user ${String(user)} `
        + '(group ' + String(group) + ') it may write neither, and nginx serves its stock page instead of Penpot',
      hint: `${prefix}runAsUser: ${PENPOT_USER}`,
    }];
  });
}
