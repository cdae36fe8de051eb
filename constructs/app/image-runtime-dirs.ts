import type { PropProblem } from '../validation/known-props';
import { MARIADB_IMAGE, MYSQL_IMAGE, POSTGRES_IMAGE } from './database-data';
import { propContainers, PropContainersProps } from './prop-containers';
import { EXCALIDRAW_IMAGE } from './household-app-images';
import { SONARQUBE_IMAGE } from './program-memory';
import { imageRows } from './image-rows';

/** A folder an image's server writes as it starts, on its root filesystem unless a volume is mounted there. */
interface StartFolder {
  /** The folder, as the image names it. */
  readonly dir: string;
  /** What the server writes there, as the message says it. */
  readonly writes: string;
  /** The name of the volume the hint mounts there. */
  readonly volume: string;
}

/** An image whose server writes folders on its root filesystem as it starts, and stops when it cannot. */
interface StartFolders {
  /** The image, by repository, with or without a registry or `library/`. */
  readonly image: RegExp;
  /** What it runs, as the message names it. */
  readonly server: string;
  readonly dirs: readonly StartFolder[];
  /**
   * The commands that start the server, as the image's entrypoint takes them for its first argument: args whose
   * first word is another command (`mysqldump`, `pg_dump`, `sh`) run that instead, and the server never starts.
   */
  readonly serverCommands: readonly string[];
  /** Arguments that may move the folders (the check then leaves the container alone). */
  readonly movedBy: RegExp;
  /** Variables of the container's env that move the folders, which the hint names (the check then leaves the container alone). @default - none */
  readonly movedByEnv?: readonly string[];
  /**
   * The folder of the configuration file the server reads, where a setting may move the folders: a volume mounted there
   * or under it (a ConfigMap's file) leaves the container alone. @default - none
   */
  readonly configFolder?: string;
  /** An image built to run with a read-only root as a non-root user, which the hint names first. @default - none */
  readonly instead?: string;
}

/**
 * Images that run Debian's Apache through the official PHP image's `apache2-foreground`: `php` with an `apache`
 * tag, WordPress's with neither an `fpm` nor a `cli` tag (`wordpress:6.6`, `wordpress:6.6-php8.3-apache`) and
 * Nextcloud's without an `fpm` tag (`nextcloud:31`, `nextcloud:31-apache`).
 */
const PHP_APACHE_IMAGE = /^(docker\.io\/)?(library\/)?(php:[^@]*apache|wordpress(?=[:@]|$)(?![^@]*(fpm|cli))|nextcloud(?=[:@]|$)(?![^@]*fpm))/;

/** What the official nginx image writes as it starts, and what moves it, for it and the images built on it. */
const NGINX_START: Pick<StartFolders, 'dirs' | 'serverCommands' | 'movedBy'> = {
  dirs: [
    { dir: '/var/cache/nginx', writes: 'its temporary folders (client_temp, proxy_temp, …)', volume: 'cache' },
    { dir: '/var/run', writes: 'its pid file (nginx.pid)', volume: 'run' },
  ],
  serverCommands: ['nginx', 'nginx-debug'], movedBy: /^-c$|^-p$|pid|_temp_path/,
};

const socketFolder = (dir: string): StartFolder => ({ dir, writes: 'its socket and lock file', volume: dir.split('/').pop()! });
const SOCKET_ARGUMENT = /socket/i;

/**
 * Images whose server writes a folder outside its data volume as it starts, and stops when it cannot:
 * - database sockets and lock files: PostgreSQL's (the official image and those built on it: PostGIS, pgvecto.rs,
 *   Immich's, TimescaleDB and its HA image) in `/var/run/postgresql`, MariaDB's in `/run/mysqld`, MySQL's in `/var/run/mysqld`;
 * - the official nginx image: its temporary folders (`client_temp`, `proxy_temp`, …), built into the binary
 *   under `/var/cache/nginx`, and its pid file `/var/run/nginx.pid` (`nginxinc/nginx-unprivileged` moves both
 *   to `/tmp`, runs as its user and listens on 8080); so does Excalidraw's image, built on it;
 * - the official Apache image (`httpd`): its pid file, `PidFile logs/httpd.pid` under `/usr/local/apache2/logs`;
 * - Debian's Apache as the official PHP image runs it (`php:<version>-apache`, and WordPress's and Nextcloud's
 *   Apache images built on it): `apache2-foreground` reads `/etc/apache2/envvars`, whose `APACHE_RUN_DIR`
 *   (`/var/run/apache2`) holds `APACHE_PID_FILE`; both may be set in the env instead;
 * - SonarQube's official image: it empties or creates its temporary folder, `/opt/sonarqube/temp`, before it starts
 *   its JVMs (`sonar.path.temp`, in its args, its `conf/sonar.properties` or as `SONAR_PATH_TEMP` in its env, moves it);
 *   the image's own compose example with a read-only root mounts a volume there.
 */
const START_FOLDERS: readonly StartFolders[] = [
  {
    image: POSTGRES_IMAGE,
    server: 'PostgreSQL', dirs: [socketFolder('/var/run/postgresql')], serverCommands: ['postgres'], movedBy: SOCKET_ARGUMENT,
  },
  { image: MARIADB_IMAGE, server: 'MariaDB', dirs: [socketFolder('/run/mysqld')], serverCommands: ['mariadbd', 'mysqld'], movedBy: SOCKET_ARGUMENT },
  { image: MYSQL_IMAGE, server: 'MySQL', dirs: [socketFolder('/var/run/mysqld')], serverCommands: ['mysqld'], movedBy: SOCKET_ARGUMENT },
  {
    image: /^(docker\.io\/)?(library\/)?nginx(?=[:@]|$)/, server: 'nginx', ...NGINX_START,
    instead: 'nginxinc/nginx-unprivileged, built to run as its user with a read-only root: it keeps both in /tmp and listens on 8080 in place of 80',
  },
  { image: EXCALIDRAW_IMAGE, server: "nginx (Excalidraw's image is the official nginx image serving its build)", ...NGINX_START },
  {
    image: /^(docker\.io\/)?(library\/)?httpd(?=[:@]|$)/, server: 'Apache',
    dirs: [{ dir: '/usr/local/apache2/logs', writes: 'its pid file (httpd.pid)', volume: 'logs' }],
    serverCommands: ['httpd-foreground', 'httpd'], movedBy: /^-f$|^-d$|PidFile/i,
  },
  {
    image: PHP_APACHE_IMAGE, server: 'Apache', dirs: [{ dir: '/var/run/apache2', writes: 'its pid file (apache2.pid)', volume: 'apache2' }],
    serverCommands: ['apache2-foreground', 'apache2'], movedBy: /PidFile/i, movedByEnv: ['APACHE_RUN_DIR', 'APACHE_PID_FILE'],
  },
  {
    image: SONARQUBE_IMAGE, server: 'SonarQube', dirs: [{ dir: '/opt/sonarqube/temp', writes: 'its temporary files', volume: 'temp' }],
    // A first argument that is no option may run another command: such a container is left alone.
    // SonarQube reads each setting from a variable of its name too (sonar.path.temp from SONAR_PATH_TEMP).
    serverCommands: [], movedBy: /sonar\.path\.temp/, movedByEnv: ['SONAR_PATH_TEMP'], configFolder: '/opt/sonarqube/conf',
  },
];

/** A path as the container sees it: `/var/run` is a link to `/run` in these images. */
function runPath(path: string): string {
  return path.replace(/^\/var\/run(?=\/|$)/, '/run');
}

/**
 * Containers of an image whose server writes a folder on the read-only root filesystem as it starts (a
 * database's socket folder, nginx's temporary folders and pid file, Apache's pid file), with no volume mounted
 * there or above it: the server cannot write there, so it stops as it starts ("Read-only file system"), whatever
 * user it runs as. One error per container, on its `image`, whose hint mounts an emptyDir at each such folder
 * (or names the image built to run without them). A writable root (`writableRootFilesystem`), a replaced
 * entrypoint (`command`), args that run another command than the server (a client such as `mysqldump` in a
 * backup Job) or arguments that may move the folders (`-c unix_socket_directories=/tmp`,
 * `--socket=…`, another configuration file, or a volume over the folder of the configuration file the server reads)
 * are left alone. `app` is the main container's name. Pure.
 */
export function runtimeDirProblems(props: PropContainersProps | null | undefined, app: string, containers = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(START_FOLDERS, image)[0] : undefined;
    const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
    if (known === undefined || container.command !== undefined || runsOtherCommand(container.args, known.serverCommands)
      || container.exemptions?.writableRootFilesystem !== undefined
      || (Array.isArray(container.args) && container.args.some((arg) => known.movedBy.test(String(arg))))
      || (known.movedByEnv ?? []).some((name) => env[name] !== undefined)) {
      return [];
    }
    const mounted = [...entry.mountPaths].map(runPath);
    const configFolder = known.configFolder;
    if (configFolder !== undefined && mounted.some((path) => path === configFolder || path.startsWith(`${configFolder}/`))) {
      return [];
    }
    const missing = known.dirs.filter(({ dir }) => !mounted.some((path) => runPath(dir) === path || runPath(dir).startsWith(`${path}/`)));
    if (missing.length === 0) {
      return [];
    }
    const containers = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
    const volumes = missing.map(({ dir, volume }) => `${volume}: { volume: AppVolume.emptyDir(), mountPath: '${dir}'${containers} }`).join(', ');
    const folders = missing.map(({ dir, writes }) => `${writes} in ${dir}`).join(' and ');
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs ${known.server}, which writes ${folders}, on the read-only root filesystem: the server would stop as it starts`,
      hint: `${known.instead === undefined ? '' : `use ${known.instead}; or `}mount an emptyDir ${missing.length === 1 ? 'there' : 'at each'}: persistence: { ${volumes} }`
        + (known.movedByEnv === undefined ? '' : `; or move ${missing.length === 1 ? 'it' : 'them'} to /tmp with ${known.movedByEnv.map((name) => `${prefix}env.${name}`).join(' or ')}`),
    }];
  });
}

/** Whether `args` name another command than the image's server as their first word, which its entrypoint runs instead. Pure. */
function runsOtherCommand(args: unknown, serverCommands: readonly string[]): boolean {
  const first = Array.isArray(args) ? args[0] : undefined;
  return typeof first === 'string' && first !== '' && !first.startsWith('-') && !serverCommands.includes(first.split('/').pop()!);
}
