import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// tomsquest/docker-radicale's entrypoint changes its radicale user (2999:2999) to the `UID` and `GID` it is given with
// usermod and groupmod; before it does, it looks for a read-only root in /proc/mounts and, finding one, prints "UID/GID
// can only be changed when not running the container with --read-only" and exits 1. Its README offers those variables
// for files on the host owned by another user; in a pod, where the root is read-only, the container never starts. The
// pod's own user does the same: run as another user than root, the entrypoint starts Radicale as that user.

/** tomsquest's Radicale image, from Docker Hub or GitHub's registry. */
const RADICALE_IMAGE = /^((docker\.io|ghcr\.io)\/)?tomsquest\/docker-radicale(?=[:@]|$)/;

/** The id of the image's radicale user and group. */
const RADICALE_ID = 2999;

/** The variables and the props that run the pod as that id instead. */
const ID_VARIABLES = [
  { name: 'UID', prop: 'runAsUser' },
  { name: 'GID', prop: 'runAsGroup' },
] as const;

/**
 * Containers of tomsquest's Radicale image given `UID` or `GID` other than 2999 on a read-only root (no
 * `writableRootFilesystem` exemption): its entrypoint exits 1 as it starts. One error per variable, on `env.UID`
 * (`sidecars[0].env.UID`), whose hint runs the container as that id. A value from a Secret is left alone. Pure.
 */
export function radicaleIdProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    if (typeof container.image !== 'string' || !RADICALE_IMAGE.test(container.image) || container.exemptions?.writableRootFilesystem !== undefined) {
      return [];
    }
    return ID_VARIABLES.flatMap(({ name, prop }) => {
      const given = env[name];
      const id = typeof given === 'string' || typeof given === 'number' ? String(given).trim() : undefined;
      if (id === undefined || id === '' || id === String(RADICALE_ID)) {
        return [];
      }
      return [{
        field: `${prefix}env.${name}`,
        message: `${name} ${id} asks the image's entrypoint to change its radicale user (${RADICALE_ID}) with usermod and groupmod, which it refuses on a read-only root: `
          + "it prints \"UID/GID can only be changed when not running the container with --read-only\" and exits 1, so Radicale never starts",
        hint: /^\d+$/.test(id)
          ? `run the container as that id instead, which the entrypoint starts Radicale as: ${prefix}${prop}: ${id} in place of env ${name}`
          : `drop env ${name} and run the container as the id you meant with ${prefix}${prop}`,
      }];
    });
  });
}
