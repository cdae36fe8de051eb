import { MARIADB_IMAGE, MYSQL_IMAGE, POSTGRES_IMAGE } from '../app/database-data';
import { normalMountPath } from '../app/mount-paths';
import type { Finding } from '../validation/finding';
import { type DocumentEntry, documentEntries } from './documents';
import type { OwnerActionEntry } from './owner-action';
import { claimsOfPods, stayingWorkloads } from './day-two-workloads';

/**
 * Init scripts added to a server that already holds its data: the official database images (PostgreSQL, MariaDB,
 * MySQL, MongoDB) run the files of /docker-entrypoint-initdb.d at their first start alone, on an empty data folder.
 * A database and role added there for the next app, once the server has started on its claim, never come: the app
 * fails to log in with nothing in the server's log. The change may be meant (run by hand already), so it is a
 * warning, with the run by hand as a step.
 */

type Doc = Record<string, any>;

/** The folder the official database images' entrypoints run their init scripts from. */
const INIT_FOLDER = '/docker-entrypoint-initdb.d';
/** The files those entrypoints run: shell scripts and SQL, plain or compressed. */
const INIT_SCRIPT = /\.(sh|sql(\.(gz|xz|zst))?)$/;
/** Workload kinds a database server runs as. */
const SERVERS: ReadonlySet<string> = new Set(['StatefulSet', 'Deployment']);

/** The container of `doc` that mounts ConfigMap `configMap` whole at the init folder, by name, with its image and env. */
function initFolderContainer(doc: Doc, configMap: string): { name: string; image: string; env: Doc[] } | undefined {
  const spec: Doc = doc.spec?.template?.spec ?? {};
  const volumes = (Array.isArray(spec.volumes) ? spec.volumes as Doc[] : []).filter((volume) => volume?.configMap?.name === configMap).map((volume) => volume.name);
  const containers: Doc[] = Array.isArray(spec.containers) ? spec.containers : [];
  const container = containers.find((c) => (Array.isArray(c?.volumeMounts) ? c.volumeMounts as Doc[] : [])
    .some((mount) => volumes.includes(mount?.name) && typeof mount.mountPath === 'string' && normalMountPath(mount.mountPath) === INIT_FOLDER && mount.subPath === undefined));
  return container === undefined ? undefined : { name: String(container.name), image: String(container.image ?? ''), env: Array.isArray(container.env) ? container.env : [] };
}

/** The command that runs `file` of the init folder once against the server in `container` of `target`; undefined for a shell script or another server. Pure. */
function runCommand(target: string, container: { name: string; image: string; env: Doc[] }, file: string): string | undefined {
  const exec = `${target} -c ${container.name} --`;
  const path = `${INIT_FOLDER}/${file}`;
  const user = container.env.find((entry) => entry?.name === 'POSTGRES_USER')?.value;
  if (file.endsWith('.sql') && POSTGRES_IMAGE.test(container.image)) {
    return `${exec} psql -U ${typeof user === 'string' ? user : 'postgres'} -f ${path}`;
  }
  const client = MARIADB_IMAGE.test(container.image) ? ['mariadb', 'MARIADB_ROOT_PASSWORD'] : MYSQL_IMAGE.test(container.image) ? ['mysql', 'MYSQL_ROOT_PASSWORD'] : undefined;
  return file.endsWith('.sql') && client !== undefined ? `${exec} sh -c '${client[0]} -uroot -p"$${client[1]}" < ${path}'` : undefined;
}

/** The keys of ConfigMap `doc` whose scripts are new or changed against `previous` (none there: all of them). Pure. */
function changedScripts(doc: Doc, previous: Doc | undefined): string[] {
  const data: Doc = doc.data ?? {};
  const before: Doc = previous?.data ?? {};
  return Object.keys(data).filter((key) => INIT_SCRIPT.test(key) && data[key] !== before[key]);
}

/**
 * The servers of the new output (all its files, `allCurrent`) that mount a folder of init scripts and ran before on
 * the claims they keep: those whose file is unchanged, and those of a changed file that the previous output held
 * with a claim they still keep. Only files that name the init folder are parsed.
 */
function initializedServers(old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, allCurrent: ReadonlyMap<string, string>): Doc[] {
  const mounting = documentEntries(new Map([...allCurrent].filter(([, text]) => text.includes(INIT_FOLDER))));
  const staying = new Map(stayingWorkloads(old, now, SERVERS).map((workload) => [workload.id, workload.previous]));
  return [...mounting].flatMap(([id, entry]) => {
    const doc = entry.doc as Doc;
    const previous = now.has(id) ? staying.get(id) : doc;
    return SERVERS.has(doc?.kind) && previous !== undefined && claimsOfPods(doc).some((claim) => claimsOfPods(previous).includes(claim)) ? [doc] : [];
  });
}

/**
 * The warnings and steps of each init script new or changed in a ConfigMap that a database server of both outputs
 * mounts at /docker-entrypoint-initdb.d, while the server keeps its data on a claim it had before. Pure.
 */
export function lateInitScripts(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, allCurrent: ReadonlyMap<string, string>,
  constructPaths: ReadonlyMap<string, string>, chartPath: string,
): { findings: Finding[]; actions: OwnerActionEntry[] } {
  const findings: Finding[] = [];
  const actions: OwnerActionEntry[] = [];
  if (![...now.values()].some((entry) => (entry.doc as Doc)?.kind === 'ConfigMap')) {
    return { findings, actions };
  }
  const servers = initializedServers(old, now, allCurrent);
  for (const [id, entry] of now) {
    const configMap = entry.doc as Doc;
    if (configMap?.kind !== 'ConfigMap') {
      continue;
    }
    const namespace = configMap.metadata?.namespace;
    const scripts = changedScripts(configMap, old.get(id)?.doc as Doc | undefined);
    for (const server of scripts.length === 0 ? [] : servers.filter((doc) => doc.metadata?.namespace === namespace)) {
      const container = initFolderContainer(server, configMap.metadata?.name);
      if (container === undefined) {
        continue;
      }
      const target = `${server.kind.toLowerCase()}/${server.metadata?.name}`;
      const held = claimsOfPods(server).map((claim) => `${namespace}/${claim}`).join(', ');
      const constructPath = constructPaths.get(id) ?? chartPath;
      for (const file of scripts) {
        const command = runCommand(`kubectl -n ${namespace} exec ${target}`, container, file);
        const byHand = command ?? `open a shell in the server (kubectl -n ${namespace} exec -it ${target} -c ${container.name} -- sh) and run the new lines of ${INIT_FOLDER}/${file} there`;
        findings.push({
          layer: 'policy', severity: 'warning', constructPath, kind: 'ConfigMap', namespace, name: configMap.metadata?.name, field: `data.${file}`,
          message: `${file} is new or changed in ${INIT_FOLDER} of ${server.kind} ${namespace}/${server.metadata?.name}, whose data on ${held} is already initialized: `
            + 'the image\'s entrypoint runs these scripts at the first start alone, on an empty data folder, so what it adds (a database, a role) is never made',
          hint: `run it once by hand after the next sync: ${byHand}; or make what an app needs from a Job, which runs whenever it is new`,
        });
        actions.push({
          kind: 'manual', source: constructPath,
          action: `after the next sync, run ${file} of ${INIT_FOLDER} once by hand on ${server.metadata?.name}, which initialized its data before and runs no init script again`,
          command,
        });
      }
    }
  }
  return { findings, actions };
}
