import { holdsFolder } from './database-data';
import { normalMountPath } from './mount-paths';
import { postgresDataRootProblems, type DataRootMount } from './postgres-data-root';
import { statefulOrdinals } from '../validation/stateful-ordinals';
import { imageRows } from './image-rows';

// A stateful server whose settings the image reads passes every schema, yet some of its settings keep it from
// starting or forming its cluster on Kubernetes, or leave its data where a restart loses it. What each image's own
// start-up does with them decides; each problem here is one the server shows only once it runs.

/** A problem of a stateful server's settings, on the prop that wrote it. */
export interface StatefulServerProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/** What the checks read of an App's main container and its controller. */
export interface StatefulServerInput {
  /** The app's name, which begins its StatefulSet's pods' names (`<app>-0`). */
  readonly app: string;
  readonly image: string;
  /** Env values written as text, by name. */
  readonly env: Readonly<Record<string, string>>;
  /** Env names given at all (text or a Secret reference). */
  readonly envNames: readonly string[];
  /** The words of `command` then `args`, each with the prop that holds it (`args[1]`). */
  readonly words: ReadonlyArray<{ readonly word: string; readonly field: string }>;
  readonly replicas: number;
  readonly statefulSet: boolean;
  /** The main container's mounts of volumes that outlive the pod (claims, NFS, host folders), by prop. */
  readonly keptMounts: ReadonlyArray<{ readonly field: string; readonly mountPath: string } & Partial<Pick<DataRootMount, 'freshClaim' | 'shared'>>>;
  /** The main container runs as root. @default false */
  readonly runsAsRoot?: boolean;
  /** Whether the pods run as long as the app (a Deployment's, a StatefulSet's), as a server's do; not a Job's or a CronJob's. */
  readonly longRunning: boolean;
}

/** Programs that start a database server of the images judged here, as their entrypoints run them. */
const SERVER_PROGRAMS = new Set(['postgres', 'mongod', 'influxd', 'docker-entrypoint.sh', 'entrypoint.sh']);

/**
 * Whether the container runs the image's server: no command or args (the image's own), flags the entrypoint hands
 * the server (`-c shared_buffers=…`, `--replSet rs0`), or the server's program; not a client the image also holds
 * (`pg_dumpall`, `mongodump`) nor a shell's script, which may run either. Pure.
 */
function runsServer(input: StatefulServerInput): boolean {
  const first = input.words[0]?.word;
  return input.longRunning && (first === undefined || first.startsWith('-') || SERVER_PROGRAMS.has(first.slice(first.lastIndexOf('/') + 1)));
}

/** Elasticsearch's images: Elastic's registry's and Docker Hub's official one. */
export const ELASTICSEARCH_IMAGE = /^(docker\.elastic\.co\/elasticsearch\/|(docker\.io\/)?(library\/)?)elasticsearch(?=[:@]|$)/;

/** Elasticsearch's images and OpenSearch's, which read settings from env names with dots. */
const SEARCH_IMAGES: ReadonlyArray<{ readonly image: RegExp; readonly server: string; readonly initialNodes: readonly string[] }> = [
  { image: ELASTICSEARCH_IMAGE, server: 'Elasticsearch', initialNodes: ['cluster.initial_master_nodes'] },
  { image: /^(docker\.io\/)?opensearchproject\/opensearch(?=[:@]|$)/, server: 'OpenSearch', initialNodes: ['cluster.initial_cluster_manager_nodes', 'cluster.initial_master_nodes'] },
];

/** The official NATS server image, whose entrypoint is nats-server and whose command its configuration file. */
const NATS_IMAGE = /^(docker\.io\/)?(library\/)?nats(?=[:@]|$)/;
/** The official MongoDB image. */
const MONGO_IMAGE = /^(docker\.io\/)?(library\/)?mongo(?=[:@]|$)/;
/** The official PostgreSQL image, whose release 18 keeps its data under `/var/lib/postgresql/<major>/docker`. */
const OFFICIAL_POSTGRES_IMAGE = /^(docker\.io\/)?(library\/)?postgres:(\d+)/;
/** The official InfluxDB image: release 1 keeps its data in /var/lib/influxdb, release 2 in /var/lib/influxdb2. */
export const INFLUXDB_IMAGE = /^(docker\.io\/)?(library\/)?influxdb:([12])(?=[.-]|$)/;

/** Each problem of the stateful server `input` runs, in the order of its props. Pure. */
export function statefulServerProblems(input: StatefulServerInput): StatefulServerProblem[] {
  const dataRoot = postgresDataRootProblems({
    image: input.image, env: input.env, runsServer: runsServer(input), runsAsRoot: input.runsAsRoot ?? false,
    mounts: input.keptMounts.map((m) => ({ ...m, freshClaim: m.freshClaim ?? false, shared: m.shared ?? false })),
  });
  return [...dataFolderProblems(input), ...dataRoot, ...searchServerProblems(input), ...mongoKeyFileProblems(input), ...natsServerNameProblems(input)];
}

/** The value of flag `name` on a command line, given after `=` or as the next word. */
function flagValue(words: StatefulServerInput['words'], name: string): string | undefined {
  const at = words.findIndex(({ word }) => word === name || word.startsWith(`${name}=`));
  return at < 0 ? undefined : words[at].word === name ? words[at + 1]?.word : words[at].word.slice(name.length + 1);
}

/**
 * The server an image runs and the folder it keeps its data in, where a claim must be mounted; undefined for another
 * image, or one told its folder elsewhere than the checks read (a configuration file, InfluxDB's engine path). Pure.
 */
function dataFolderOf(image: string, env: Readonly<Record<string, string>>, words: StatefulServerInput['words']): { server: string; dir: string; movedBy?: string } | undefined {
  const postgres = OFFICIAL_POSTGRES_IMAGE.exec(image);
  if (postgres !== null) {
    const major = Number(postgres[3]);
    const dir = env.PGDATA !== undefined ? normalMountPath(env.PGDATA) : major >= 18 ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data';
    return { server: `PostgreSQL ${major}`, dir, movedBy: 'PGDATA' };
  }
  const influx = INFLUXDB_IMAGE.exec(image);
  const influxMoved = Object.keys(env).some((name) => /^INFLUXD_(BOLT|ENGINE)_PATH$|^INFLUXDB_(DATA|META)_DIR$|^INFLUXDB_CONFIG_PATH$/.test(name))
    || words.some(({ word }) => /^--(bolt-path|engine-path|config)\b/.test(word));
  if (influx !== null) {
    return influxMoved ? undefined : { server: `InfluxDB ${influx[3]}`, dir: influx[3] === '1' ? '/var/lib/influxdb' : '/var/lib/influxdb2' };
  }
  if (!MONGO_IMAGE.test(image) || words.some(({ word }) => /^(--config|-f)(=|$)/.test(word))) {
    return undefined;
  }
  const dbpath = flagValue(words, '--dbpath');
  return { server: 'MongoDB', dir: dbpath === undefined ? '/data/db' : normalMountPath(dbpath), movedBy: dbpath === undefined ? undefined : '--dbpath' };
}

/**
 * A database image whose kept volumes hold none of its data folder: the server writes into the container's own layer,
 * which a restart empties, while the claim stays empty. PostgreSQL 18's image refuses a mount at the folder earlier
 * releases used, as it reads it as data left there by an older release.
 */
function dataFolderProblems(input: StatefulServerInput): StatefulServerProblem[] {
  const data = runsServer(input) ? dataFolderOf(input.image, input.env, input.words) : undefined;
  const first = input.keptMounts[0];
  if (data === undefined || first === undefined) {
    return [];
  }
  const old = input.keptMounts.find((m) => normalMountPath(m.mountPath) === '/var/lib/postgresql/data');
  if (/^PostgreSQL (1[89]|[2-9]\d)$/.test(data.server) && input.env.PGDATA === undefined && old !== undefined) {
    return [{
      field: old.field,
      message: `the ${data.server} image keeps its data in ${data.dir} and refuses to start with a volume mounted at /var/lib/postgresql/data, where releases before 18 kept it: it reads that as data of an older release, left behind without pg_upgrade`,
      // As another user than root, the server can make its own only a folder it makes inside the claim (see postgres-data-root).
      hint: input.runsAsRoot === true
        ? "mount the claim at /var/lib/postgresql (the image makes its folder inside), or keep the old folder with env: { PGDATA: '/var/lib/postgresql/data' }"
        : "mount the claim at /var/lib/postgresql (the image makes its folder inside), or keep the earlier releases' mount with a folder inside it: env: { PGDATA: '/var/lib/postgresql/data/pgdata' }",
    }];
  }
  if (input.keptMounts.some((m) => holdsFolder([m.mountPath], data.dir))) {
    return [];
  }
  return [{
    field: first.field,
    message: `${data.server} keeps its data in ${data.dir}, which no kept volume of the app holds: the volume at ${first.mountPath} stays empty, and the data lives in the container's own layer, lost when the pod restarts or moves`,
    hint: `mount it at ${data.dir}${data.movedBy === undefined ? '' : `, or point ${data.movedBy} at a folder inside the mount`}`,
  }];
}

/** Elasticsearch's and OpenSearch's settings that keep a node from starting or its pods from forming one cluster. */
function searchServerProblems(input: StatefulServerInput): StatefulServerProblem[] {
  const search = imageRows(SEARCH_IMAGES, input.image)[0];
  if (search === undefined) {
    return [];
  }
  const problems: StatefulServerProblem[] = [];
  const singleNode = input.env['discovery.type'] === 'single-node';
  if (input.env['bootstrap.memory_lock'] === 'true' && !singleNode) {
    problems.push({
      field: 'env.bootstrap.memory_lock',
      message: `${search.server} is told to lock its heap in memory, which a pod may not: its limit of locked memory is the container runtime's (kilobytes or a few megabytes) and it has no IPC_LOCK capability, `
        + `so the bootstrap check "memory locking requested … but memory is not locked", enforced on a node that listens beyond loopback, stops it at every start`,
      hint: "leave bootstrap.memory_lock out (or 'false'): the lock keeps the heap out of swap, and Kubernetes nodes run without swap unless told otherwise",
    });
  }
  if (singleNode && input.replicas > 1) {
    problems.push({
      field: 'replicas',
      message: `discovery.type single-node makes each ${search.server} pod a cluster of its own: ${input.replicas} replicas are ${input.replicas} clusters that never join, each with its own indices, and the Service sends each request to any of them`,
      hint: `run one replica, or form one cluster: drop discovery.type and set discovery.seed_hosts to '${input.app}-headless' and ${search.initialNodes[0]} to the pods' names`,
    });
  }
  const initial = search.initialNodes.find((name) => input.env[name] !== undefined);
  if (initial !== undefined && input.statefulSet && input.env['node.name'] === undefined) {
    const pods = statefulOrdinals(input.replicas).map((i) => `${input.app}-${i}`);
    const strangers = input.env[initial].split(',').map((name) => name.trim()).filter((name) => name !== '' && !pods.includes(name));
    if (strangers.length > 0) {
      problems.push({
        field: `env.${initial}`,
        message: `${initial} names ${strangers.map((s) => `"${s}"`).join(', ')}, which no pod is: a node's name is its pod's host name (${pods.join(', ')}), and the first cluster forms only once the nodes named here vote, so it never forms`,
        hint: `${initial}: '${pods.join(',')}'`,
      });
    }
  }
  return problems;
}

/**
 * MongoDB started as a replica set (`--replSet`) with access control (a root user the image's entrypoint makes, or
 * `--auth`) and no key file: mongod refuses to start ("security.keyFile is required when authorization is enabled with
 * replica sets"), as the members authenticate to each other with it.
 */
function mongoKeyFileProblems(input: StatefulServerInput): StatefulServerProblem[] {
  if (!MONGO_IMAGE.test(input.image)) {
    return [];
  }
  const flag = (name: string) => input.words.find(({ word }) => word === name || word.startsWith(`${name}=`));
  const replSet = flag('--replSet');
  const rootUser = ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_USERNAME_FILE'].find((name) => input.envNames.includes(name));
  if (replSet === undefined || (rootUser === undefined && flag('--auth') === undefined) || flag('--keyFile') !== undefined || flag('--config') !== undefined || flag('-f') !== undefined) {
    return [];
  }
  return [{
    field: replSet.field,
    message: `mongod runs as a replica set member with access control (${rootUser === undefined ? '--auth' : `the root user of env ${rootUser}`}) but no --keyFile: it refuses to start ("security.keyFile is required when authorization is enabled with replica sets"), as the members prove themselves to each other with that key`,
    hint: "give every member the same key: a Secret of 6 to 1024 base64 characters, copied by an init container into an emptyDir and made the server's own with mode 400 (mongod refuses a key file others may read), and '--keyFile', '<that path>' in args",
  }];
}

/**
 * A NATS server started with JetStream and a cluster port on its command line, without a server name: nats-server
 * refuses to start ("jetstream cluster requires `server_name` to be set"), as JetStream's replicas are placed on
 * servers by their names. Args given replace the image's command, and with it its configuration file.
 */
function natsServerNameProblems(input: StatefulServerInput): StatefulServerProblem[] {
  if (!NATS_IMAGE.test(input.image)) {
    return [];
  }
  const flag = (...names: string[]) => input.words.find(({ word }) => names.some((name) => word === name || word.startsWith(`${name}=`)));
  const jetStream = flag('-js', '--js', '--jetstream');
  if (jetStream === undefined || flag('--cluster', '--cluster_listen') === undefined || flag('-n', '--name', '--server_name', '-c', '--config') !== undefined) {
    return [];
  }
  return [{
    field: jetStream.field,
    message: 'nats-server runs JetStream in a cluster (--cluster) without a server name: it refuses to start ("jetstream cluster requires `server_name` to be set"), as JetStream places its replicas on servers by name',
    hint: "name each server after its pod, which stays the same across restarts: '--server_name=$(POD_NAME)' in args, with env: { POD_NAME: { fieldPath: 'metadata.name' } }",
  }];
}
