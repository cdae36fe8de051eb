import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

/** The variables a compose file gives an image that starts as root and switches to that user and group. */
const ID_VARIABLES = [
  { name: 'PUID', prop: 'runAsUser', of: 'user' },
  { name: 'PGID', prop: 'runAsGroup', of: 'group' },
] as const;

/**
 * `PUID` and `PGID` in the env of a container that runs as a user other than root, naming another user or
 * group than the one it runs as: only an init that starts as root can switch to them, so they are never read,
 * and the app runs as its `runAsUser` and `runAsGroup` (1000 unless set), whose files the owner of the folders
 * did not mean. One error per variable, on `env.PUID` (`sidecars[0].env.PUID`); the hint moves the id to the
 * prop that runs the container as it. The same id, or a container started as root, is left alone. A name where
 * the id belongs (`PUID: 'jdoe'`) is an error in any container: the init that reads it changes its user's id to it
 * with `usermod -u`, which takes a number alone, and stops. A container whose image is refused as a non-root user
 * already (`imageRefused` of its prefix: binhex's, linuxserver.io's) is told there to start as root, which reads the
 * variables: moving them to `runAsUser` would not start it either. Pure.
 */
export function ignoredIdVariableProblems(props: PropContainersProps & { readonly runAsGroup?: unknown } | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app), imageRefused: (prefix: string) => boolean = () => false): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    if (env.PUID === undefined && env.PGID === undefined) {
      return [];
    }
    return ID_VARIABLES.flatMap(({ name, prop, of }) => {
      const given = env[name];
      // A name as useradd takes it; a value Kubernetes fills in (`$(USER_ID)`) is left alone.
      if (typeof given === 'string' && /^[a-z_][a-z0-9_-]*\$?$/i.test(given.trim())) {
        return [namedIdProblem(`${prefix}env.${name}`, name, given, of)];
      }
      if (container.exemptions?.runAsRoot !== undefined || imageRefused(prefix)) {
        return [];
      }
      const runs = [container[prop], prefix === '' ? undefined : props?.[prop]].find((id) => typeof id === 'number') ?? 1000;
      if (typeof given !== 'string' || !/^\d+$/.test(given.trim()) || Number(given) === runs) {
        return [];
      }
      return [{
        field: `${prefix}env.${name}`,
        message: `${name} ${given} is read only by an image that starts as root and switches to that ${of}; this container runs as ${of} ${String(runs)} (${prop}), so the app would run as ${String(runs)}, not ${given}`,
        hint: `run it as that ${of}: ${prefix}${prop}: ${given.trim()} in place of env ${name}`,
      }];
    });
  });
}

/** A user or group written by its name in PUID or PGID, which an init hands to `usermod -u` or `groupmod -g`. */
function namedIdProblem(field: string, name: string, given: string, of: 'user' | 'group'): PropProblem {
  const lookup = of === 'user' ? `id -u ${given.trim() || '<user>'}` : `getent group ${given.trim() || '<group>'}`;
  return {
    field,
    message: `${name} is "${given}", not a ${of} id: the image's init sets its ${of}'s id to it (usermod, groupmod), which takes a whole number alone, and the container stops as it starts`,
    hint: `write the ${of}'s number, as \`${lookup}\` on the NAS or host that owns the folders prints it: ${name}: '1000'`,
  };
}
