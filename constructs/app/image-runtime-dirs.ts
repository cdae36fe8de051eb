import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainersProps } from './prop-containers';

/**
 * Database images whose server writes a folder outside its data volume as it starts: its Unix socket and
 * lock file. PostgreSQL's (the official image and those built on it: PostGIS, pgvecto.rs, Immich's, TimescaleDB)
 * in `/var/run/postgresql`, MariaDB's in `/run/mysqld`, MySQL's in `/var/run/mysqld`. By repository, with or
 * without a registry or `library/`.
 */
const RUNTIME_DIRS: ReadonlyArray<{ readonly image: RegExp; readonly server: string; readonly dir: string }> = [
  {
    image: /^(docker\.io\/)?((library\/)?postgres|postgis\/postgis|tensorchord\/(pgvecto-rs|vchord-postgres)|timescale\/timescaledb|ghcr\.io\/immich-app\/postgres)(?=[:@]|$)/,
    server: 'PostgreSQL', dir: '/var/run/postgresql',
  },
  { image: /^(docker\.io\/)?(library\/)?mariadb(?=[:@]|$)/, server: 'MariaDB', dir: '/run/mysqld' },
  { image: /^(docker\.io\/)?(library\/)?mysql(?=[:@]|$)/, server: 'MySQL', dir: '/var/run/mysqld' },
];

/** A path as the container sees it: `/var/run` is a link to `/run` in these images. */
function runPath(path: string): string {
  return path.replace(/^\/var\/run(?=\/|$)/, '/run');
}

/**
 * Containers of a database image whose socket folder is on the read-only root filesystem, with no volume
 * mounted there or above it: the server cannot create its socket and lock file, so it stops as it starts
 * ("Read-only file system"), whatever user it runs as. One error per container, on its `image`. A writable
 * root (`writableRootFilesystem`), a replaced entrypoint (`command`) or arguments that name a socket
 * (`-c unix_socket_directories=/tmp`, `--socket=…`), which may move it, are left alone. `app` is the main
 * container's name. Pure.
 */
export function runtimeDirProblems(props: PropContainersProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const known = typeof image === 'string' ? RUNTIME_DIRS.find((entry) => entry.image.test(image)) : undefined;
    if (known === undefined || container.command !== undefined || container.exemptions?.writableRootFilesystem !== undefined
      || (Array.isArray(container.args) && container.args.some((arg) => /socket/i.test(String(arg))))) {
      return [];
    }
    const dir = runPath(known.dir);
    if ([...entry.mountPaths].some((path) => dir === runPath(path) || dir.startsWith(`${runPath(path)}/`))) {
      return [];
    }
    const volume = known.dir.split('/').pop();
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs ${known.server}, which creates its socket and lock file in ${known.dir}, on the read-only root filesystem: the server would stop as it starts`,
      hint: `mount an emptyDir there: persistence: { ${volume}: { volume: AppVolume.emptyDir(), mountPath: '${known.dir}'${prefix === '' ? '' : `, containers: ['${String(container.name)}']`} } }`,
    }];
  });
}
