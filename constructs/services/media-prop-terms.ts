import type { PropProblemTerms } from '../app/prop-problem-terms';

// A media container's folders are host folders its entry names (configDir, mediaVolumes, volumes), rendered as
// the App's `persistence`: a finding of the App about a data folder is told with the prop the entry writes.

/** The entry's field that mounts one folder of the container, and the compose line it was written as. */
export interface MediaMount {
  /** The entry's field, e.g. `volumes[1]`, `configDir`, `mediaVolumes`. */
  readonly field: string;
  /** The line of `volumes` as written, e.g. `/srv/kuma:/app/data:ro`. @default - a folder of configDir or mediaVolumes */
  readonly spec?: string;
}

/** A state folder's unmounted hint, as the App writes it: the folder, and the variables or flags that move it. */
const UNMOUNTED_STATE_DIR = /^mount a claim there: persistence: \{ data: \{ volume: AppVolume\.claim\(\{ tier, size \}\), mountPath: '([^']+)'[^}]*\} \}(?:; or move the folder to a volume with (.+))?$/;
/** The hint of an image whose entrypoint alone switches users, as the App writes it: the command that starts its server. */
const ENTRYPOINT_SWITCH = /^start the server without the entrypoint, .*?command: (\[[^\]]*\])/;
/** A state folder the App finds mounted read-only: the folder. */
const READ_ONLY_STATE_DIR = /keeps its state in (\S+), where it writes .* which the app cannot write$/;

/**
 * The terms of media container `name`, whose config folder on the host is `configFolder`: the App's
 * `persistence.<volume>` fields by the entry's fields that mount them (`mounts`, keyed by the App's field of
 * each mount path), the App's `ports[<i>]` by the entry's field that wrote each (`ports`: `listenPort`,
 * `extraPorts[<j>]`), a state folder's hints with `configDir` and `volumes`, an env variable as `environment`. Pure.
 */
export function mediaContainerTerms(configFolder: string, mounts: ReadonlyMap<string, MediaMount>, ports: readonly string[] = []): PropProblemTerms {
  return (given) => {
    // A media container is placed by its entry's `host`, not the App's `placement`.
    const problem = { ...given, hint: given.hint.replace(/placement: \{ host: ([^ }]+) \}/g, 'host: $1') };
    // A media container runs its image's entrypoint, and has no command to start the server without it.
    const switched = problem.field === 'image' ? ENTRYPOINT_SWITCH.exec(problem.hint) : null;
    if (switched !== null) {
      return {
        ...problem,
        hint: `a media container runs the image's entrypoint, as PUID:PGID or as root with every capability dropped, and neither gets past it: `
          + `run it as an App of its own, whose command starts the server without the entrypoint: new App(this, '<name>', { image, command: ${switched[1]}, … })`,
      };
    }
    const unmounted = problem.field === 'image' ? UNMOUNTED_STATE_DIR.exec(problem.hint) : null;
    if (unmounted !== null) {
      const [, dir, moves] = unmounted;
      return {
        ...problem,
        hint: `mount a host folder there: configDir: '${dir}' (its config folder ${configFolder}), or an entry of volumes such as '/srv/data/app:${dir}'`
          + (moves === undefined ? '' : `; or move the folder into one mounted with ${moves.replace(/\benv\./g, 'environment.')}`),
      };
    }
    // The render group of a container given the Intel plugin's GPU comes from the settings.
    if (problem.field === 'gpu.renderGroup') {
      return {
        ...problem, field: 'settings.renderGroup',
        hint: "give the host's render group id in the settings, as `getent group render` prints it: settings: { …, renderGroup: 104 }",
      };
    }
    // TZ comes from the settings' tz, which an entry's environment may not set.
    if (problem.field === 'env.TZ') {
      return { ...problem, field: 'settings.tz', hint: problem.hint.replace(/env: \{ TZ: ('[^']*') \}/g, 'tz: $1') };
    }
    const port = /^ports\[(\d+)\](.*)$/.exec(problem.field);
    if (port !== null && ports[Number(port[1])] !== undefined) {
      const written = ports[Number(port[1])];
      // listenPort is the number itself; the App's `{ name, port }` of it is told as the entry writes it.
      if (written === 'listenPort' && port[2] === '.port') {
        return {
          ...problem, field: written, message: problem.message.replace(/\benv\./g, 'environment.'),
          hint: problem.hint.replace(/\{ name: '[^']*', port: (\d+)(?:, servicePort: \d+)? \}/g, 'listenPort: $1').replace(/\benv\./g, 'environment.'),
        };
      }
      return { ...problem, field: `${written}${port[2]}` };
    }
    const volume = /^persistence\.([^.[]+)/.exec(problem.field)?.[1];
    const mount = mounts.get(problem.field) ?? (volume === undefined ? undefined : mounts.get(`persistence.${volume}.mountPath`));
    if (mount === undefined) {
      return problem;
    }
    const readOnly = READ_ONLY_STATE_DIR.exec(problem.message);
    if (readOnly === null) {
      return { ...problem, field: mount.field };
    }
    const dir = readOnly[1];
    return {
      ...problem, field: mount.field,
      // The volume's name is the App's own, made from the host folder: the entry says which folder it is.
      message: mount.spec === undefined ? problem.message : problem.message.replace(/volume "[^"]+", mounted read-only,/, `"${mount.spec}", mounted read-only,`),
      hint: mount.spec !== undefined && /:ro$/.test(mount.spec)
        ? `mount it read-write: '${mount.spec.replace(/:ro$/, '')}'; or give ${dir} a host folder of its own with configDir: '${dir}' and mount the files of ${mount.spec.split(':')[0]} elsewhere`
        : `give ${dir} a host folder the app can write: configDir: '${dir}' (its config folder ${configFolder}), or an entry of volumes such as '/srv/data/app:${dir}'`,
    };
  };
}
