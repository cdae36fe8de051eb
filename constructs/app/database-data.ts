import { MOSQUITTO_IMAGE } from './mosquitto-listener';
import { normalMountPath } from './mount-paths';
import { imageRows } from './image-rows';

// A database server keeps its files where a working fsync and POSIX locks hold them: on NFS a lost lock or
// a write the server believes flushed corrupts its data, which the projects' own guides warn of.

/** A database server's image, the folder it keeps its data in, and how a probe asks whether it is ready. */
interface DatabaseImage {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The server, as messages name it. */
  readonly server: string;
  /** Its data folder in the image, judged for NFS. @default - not judged (a cache) */
  readonly dir?: string;
  /** A probe command the image runs to tell the server answers, as a hint writes it. */
  readonly readyCommand: string;
  /** The variable that moves the data folder elsewhere. @default - none */
  readonly movedBy?: string;
  /** Whether pods of the image find and follow each other by settings alone (MongoDB's `--replSet`). @default false */
  readonly replicatesBySettings?: boolean;
  /** What runs the server replicated, as a hint names it. @default - none: it replicates by settings */
  readonly replicatedBy?: string;
  /** The image's tool that writes a consistent copy of the databases while the server runs. @default - none */
  readonly dump?: string;
}

/**
 * The official PostgreSQL image and those that only add extensions to it (PostGIS, pgvector): the official entrypoint
 * (initdb with `POSTGRES_INITDB_ARGS`, the `en_US.utf8` locale) and no TLS until a certificate and `ssl=on` are given.
 */
export const PLAIN_POSTGRES_IMAGE = /^(docker\.io\/)?((library\/)?postgres|postgis\/postgis|pgvector\/pgvector)(?=[:@]|$)/;
/** The official PostgreSQL image and those built on it: PostGIS, pgvector, pgvecto.rs, VectorChord, TimescaleDB, Immich's. */
export const POSTGRES_IMAGE = /^(docker\.io\/)?((library\/)?postgres|postgis\/postgis|pgvector\/pgvector|tensorchord\/(pgvecto-rs|vchord-postgres)|timescale\/timescaledb(-ha)?|ghcr\.io\/immich-app\/postgres)(?=[:@]|$)/;
/** The official MariaDB image. */
export const MARIADB_IMAGE = /^(docker\.io\/)?(library\/)?mariadb(?=[:@]|$)/;
/** The official MySQL image. */
export const MYSQL_IMAGE = /^(docker\.io\/)?(library\/)?mysql(?=[:@]|$)/;

/** The official images of Redis and Valkey, and Redis Stack's server. */
export const REDIS_IMAGE = /^(docker\.io\/)?((library\/)?(redis|valkey)|valkey\/valkey|redis\/redis-stack-server)(?=[:@]|$)/;

/** The official images of PostgreSQL (and those built on it), MariaDB, MySQL and MongoDB, with their data folders. */
const DATABASE_IMAGES: readonly DatabaseImage[] = [
  {
    image: POSTGRES_IMAGE,
    server: 'PostgreSQL', dir: '/var/lib/postgresql/data', movedBy: 'PGDATA', readyCommand: "['pg_isready', '-U', 'postgres']", replicatedBy: 'an operator that sets up replication (CloudNativePG)', dump: 'pg_dumpall',
  },
  { image: MARIADB_IMAGE, server: 'MariaDB', dir: '/var/lib/mysql', readyCommand: "['healthcheck.sh', '--connect', '--innodb_initialized']", replicatedBy: 'an operator that sets up replication (the MariaDB operator)', dump: 'mariadb-dump --all-databases --single-transaction' },
  { image: MYSQL_IMAGE, server: 'MySQL', dir: '/var/lib/mysql', readyCommand: "['mysqladmin', 'ping']", replicatedBy: 'an operator that sets up replication (MySQL Operator for Kubernetes)', dump: 'mysqldump --all-databases --single-transaction' },
  { image: /^(docker\.io\/)?(library\/)?mongo(?=[:@]|$)/, server: 'MongoDB', dir: '/data/db', replicatesBySettings: true, readyCommand: "['mongosh', '--quiet', '--eval', 'db.adminCommand(\"ping\")']", dump: 'mongodump --archive' },
  { image: REDIS_IMAGE, server: 'Redis', replicatesBySettings: true, readyCommand: "['redis-cli', 'ping']" },
];

/**
 * Apps whose SQLite database lives in their data folder and whose projects say it does not work on NFS, where
 * SQLite's locks do not hold: Uptime Kuma (its README and wiki: "File systems like NFS are NOT supported") and the
 * Servarr apps (their wiki: `/config` on a network share ends in "database is locked" and corruption).
 */
const SQLITE_APPS: ReadonlyArray<{
  readonly image: RegExp; readonly dir: string; readonly movedBy?: string; readonly says: string;
  /** The app, as messages name it. @default - the image's name, capitalized (`Sonarr`) */
  readonly app?: string;
}> = [
  { image: /^(docker\.io\/)?louislam\/uptime-kuma(?=[:@]|$)/, app: 'Uptime Kuma', dir: '/app/data', movedBy: 'DATA_DIR', says: 'its documentation says NFS is not supported' },
  {
    image: /^((lscr|ghcr)\.io\/|(docker\.io\/)?)(linuxserver|hotio|home-operations)\/(sonarr|radarr|lidarr|readarr|prowlarr|whisparr)(?=[:@]|$)/, dir: '/config',
    says: 'the Servarr wiki warns that it ends in "database is locked" and a corrupted database there',
  },
];

/**
 * Why a volume mounted at `mountPaths` in a container of `image` with `env` may not live on NFS: the server
 * keeps its data there (the mount is its data folder, a folder above it, or one inside it), or the app its SQLite
 * database ({@link SQLITE_APPS}); undefined when the image is neither, or the volume holds none of its data. Pure.
 */
export function databaseDataOnVolume(image: string, env: Readonly<Record<string, unknown>>, mountPaths: readonly string[]): string | undefined {
  const data = databaseDataFolder(image, env, mountPaths);
  if (data) {
    return `${data.server} keeps its data there (${data.dir}) and needs a working fsync and POSIX locks, which NFS does not promise: its data may be corrupted`;
  }
  const sqlite = imageRows(SQLITE_APPS, image)[0];
  const moved = sqlite?.movedBy === undefined ? undefined : env[sqlite.movedBy];
  const dir = sqlite === undefined ? undefined : typeof moved === 'string' ? normalMountPath(moved) : sqlite.dir;
  if (sqlite === undefined || dir === undefined || !holdsFolder(mountPaths, dir)) {
    return undefined;
  }
  const name = /([^/:@]+)(?=[:@]|$)/.exec(image)?.[1] ?? image;
  return `${sqlite.app ?? `${name[0].toUpperCase()}${name.slice(1)}`} keeps its SQLite database there (${dir}), whose locks NFS does not keep: ${sqlite.says}`;
}

/** Whether a mount at one of `mountPaths` holds folder `dir`: the folder itself, one above it, or one inside it. Pure. */
export function holdsFolder(mountPaths: readonly string[], dir: string): boolean {
  return mountPaths.map(normalMountPath).some((mount) => mount === dir || dir.startsWith(`${mount.replace(/\/$/, '')}/`) || mount.startsWith(`${dir}/`));
}

/**
 * The database server of `image`, its data folder and its dump tool, when a volume mounted at `mountPaths` in a
 * container of it with `env` holds the server's data (the mount is its data folder, a folder above it, or one
 * inside it); undefined otherwise. Pure.
 */
export function databaseDataFolder(image: string, env: Readonly<Record<string, unknown>>, mountPaths: readonly string[]): { server: string; dir: string; dump?: string } | undefined {
  const database = imageRows(DATABASE_IMAGES, image)[0];
  const moved = database?.movedBy === undefined ? undefined : env[database.movedBy];
  const dir = typeof moved === 'string' && database?.dir !== undefined ? normalMountPath(moved) : database?.dir;
  const holds = dir !== undefined && holdsFolder(mountPaths, dir);
  return holds ? { server: database!.server, dir: dir!, dump: database!.dump } : undefined;
}

/** A server whose pods, run side by side, stay strangers to one another: what each pod is, and what runs it replicated. */
export interface UnreplicatedServer {
  /** The server, as messages name it. */
  readonly server: string;
  /** What each pod is, in the plural (`databases`). */
  readonly each: string;
  /** What a client misses by reaching another pod than the last, as messages say it. */
  readonly apart: string;
  /** What runs it replicated, as a hint names it. */
  readonly replicatedBy: string;
}

/** Mosquitto has no clustering: each broker delivers a message to its own subscribers alone. */
const MOSQUITTO: UnreplicatedServer = {
  server: 'Mosquitto', each: 'brokers', apart: 'a client subscribed on one never gets what another publishes to the next',
  replicatedBy: 'a broker that clusters (EMQX, VerneMQ)',
};

/**
 * The server of `image` when its pods, run side by side, are separate servers that no setting of the image
 * makes replicas of one another: the databases PostgreSQL, MariaDB, MySQL, and the MQTT broker Mosquitto;
 * undefined for another image. Pure.
 */
export function unreplicatedServer(image: string): UnreplicatedServer | undefined {
  if (MOSQUITTO_IMAGE.test(image)) {
    return MOSQUITTO;
  }
  const database = imageRows(DATABASE_IMAGES, image)[0];
  return database?.replicatedBy === undefined ? undefined
    : { server: database.server, each: 'databases', apart: 'what one pod writes, the others never see', replicatedBy: database.replicatedBy };
}

/**
 * Why an HTTP probe of a container of `image` never passes: a database server answers its own protocol, not
 * HTTP, on its port; with the command a probe runs instead. Undefined for another image. Pure.
 */
export function httpProbeOfDatabase(image: string): { message: string; hint: string } | undefined {
  const database = imageRows(DATABASE_IMAGES, image)[0];
  return database === undefined ? undefined : {
    message: `${database.server} answers its own protocol, not HTTP: an HTTP probe of it never passes, so the pod would never be ready (or be restarted without end)`,
    hint: `check it with command: ${database.readyCommand}, or tcp: true`,
  };
}
