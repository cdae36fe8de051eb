import type { PropProblem } from '../validation/known-props';
import { yamlMapping } from '../validation/yaml-mapping';
import { configPathOf, isUrl, LITESTREAM_IMAGE, litestreamLine } from './litestream-command';
import type { MountedConfigFile } from './mounted-config-files';
import type { PropContainerMounts } from './prop-containers';

// Litestream runs beside an app as two containers of its own image: `litestream restore` in an init container, which
// brings the SQLite database back before the app starts, and `litestream replicate` as a sidecar, which streams it to
// the replica. Each reads its databases from a configuration file (`-config`, else `LITESTREAM_CONFIG`, else
// /etc/litestream.yml; the image ships none) and finds each database at its path in its own container. A path that
// lies on no volume of the container is one of the container's own filesystem: `replicate` watches a file the app
// never writes, so nothing is ever backed up, and `restore` writes into the read-only root and fails. `restore` of a
// database path the file does not list stops with "database not found in config", and so does the pod. `replicate`
// runs until it is stopped, so as a plain init container the app never starts; `restore` exits once done, so as a
// container of the pod it is restarted for good.

/** Whether `path` lies on a volume the container mounts (its scratch `/tmp` included, which the pod's containers share). Pure. */
function onVolume(path: string, mountPaths: ReadonlySet<string>): boolean {
  return [...mountPaths, '/tmp'].some((mount) => path === mount || path.startsWith(mount === '/' ? '/' : `${mount}/`));
}

/** The database paths a Litestream configuration lists (`dbs[].path`), those with a variable left out. Pure. */
function configuredDatabases(text: string): string[] | undefined {
  const config = yamlMapping(text);
  if (config === undefined || !Array.isArray(config.dbs)) {
    return undefined;
  }
  return config.dbs.flatMap((db) => {
    const path = (db as { path?: unknown } | null)?.path;
    return typeof path === 'string' && path.startsWith('/') && !path.includes('$') ? [path.replace(/\/+$/, '')] : [];
  });
}

/**
 * The persistence entry of the app's main container whose volume holds `path`, for a hint that mounts it in the
 * Litestream container too: its name and the containers it is mounted into. Pure.
 */
function volumeHolding(persistence: unknown, app: string, path: string): { name: string; containers: string[] } | undefined {
  const entries = Object.entries(persistence !== null && typeof persistence === 'object' ? persistence as Record<string, { mountPath?: unknown; containers?: unknown } | null> : {});
  for (const [name, entry] of entries) {
    const containers = Array.isArray(entry?.containers) ? entry!.containers.map(String) : [app];
    if (typeof entry?.mountPath === 'string' && containers.includes(app) && onVolume(path, new Set([entry.mountPath.replace(/\/+$/, '')]))) {
      return { name, containers };
    }
  }
  return undefined;
}

/**
 * What would keep Litestream from backing up or restoring the app's database: a database path (a `dbs[].path` of the
 * configuration `replicate` reads, or the path `restore` is given) on no volume of the Litestream container; `restore`
 * of a path the configuration does not list; no configuration file where one is read; `replicate` in a plain init
 * container or `restore` in a container of the pod. `filesOf` gives the files a container sees of the ConfigMaps it
 * mounts; `persistence` and `app` (the main container's name) name the volume the hint mounts. A Job's or CronJob's
 * containers (`runsToCompletion`) may restore: their pod ends when they are done. Pure.
 */
export function litestreamDatabaseProblems(list: readonly PropContainerMounts[], filesOf: (entry: PropContainerMounts) => readonly MountedConfigFile[], persistence: unknown, app: string, runsToCompletion: boolean): PropProblem[] {
  return list.flatMap((entry): PropProblem[] => {
    const { container, prefix, mountPaths } = entry;
    const line = litestreamLine(prefix, container.image, container.command, container.args);
    if (line === undefined || !['replicate', 'restore'].includes(line.subcommand.word)) {
      return [];
    }
    const command = line.subcommand.word;
    const subcommandField = line.subcommand.field;
    const name = prefix === '' ? app : String(container.name);
    const role = prefix.startsWith('initContainers') ? 'init' : prefix.startsWith('sidecars') ? 'sidecar' : 'container';
    if (command === 'replicate' && role === 'init') {
      return [{
        field: subcommandField,
        message: `litestream replicate in init container ${name} runs until it is stopped: an init container must exit before the next one and the app start, so the pod never starts`,
        hint: `run it as a sidecar, which starts before the app and runs beside it: sidecars: [{ name: '${name}', image: '${String(container.image)}', args: ['replicate'], … }]`,
      }];
    }
    if (command === 'restore' && role !== 'init' && !(runsToCompletion && role === 'container')) {
      return [{
        field: subcommandField,
        message: `litestream restore in ${role === 'sidecar' ? 'sidecar' : 'container'} ${name} exits once it has restored, and the kubelet starts it again and again (CrashLoopBackOff) while the app, started beside it, may already have made an empty database`,
        hint: `run it as an init container, which ends before the app starts: initContainers: [{ name: '${name}', image: '${String(container.image)}', args: ['restore', '-if-db-not-exists', '-if-replica-exists', '<database path>'], … }]`,
      }];
    }
    const positional = line.positional.filter(({ word }) => !isUrl(word));
    const replicaUrl = line.positional.some(({ word }) => isUrl(word));
    const paths: Array<{ path: string; field: string; from: string }> = [];
    const configPath = configPathOf(line, container.env);
    if (configPath !== undefined) {
      const file = filesOf(entry).find((f) => f.path === configPath.replace(/\/+$/, ''));
      if (file === undefined) {
        if (onVolume(configPath, mountPaths) || !(typeof container.image === 'string' && LITESTREAM_IMAGE.test(container.image))) {
          return [];
        }
        return [{
          field: subcommandField,
          message: `litestream ${command} in ${name} reads its configuration from ${configPath}, which no volume of the container holds and Litestream's image does not ship: it stops with "config file not found"`,
          hint: `mount the ConfigMap's file there in this container: persistence: { litestream: { volume: AppVolume.configMap('<its ConfigMap>'), mounts: [{ mountPath: '${configPath}', subPath: 'litestream.yml' }], containers: ['${name}'] } }`,
        }];
      }
      const listed = configuredDatabases(file.text);
      if (listed === undefined) {
        return [];
      }
      if (command === 'replicate') {
        paths.push(...listed.map((path) => ({ path, field: subcommandField, from: `dbs[].path of ${configPath}` })));
      } else if (positional[0] !== undefined && !listed.includes(positional[0].word.replace(/\/+$/, '')) && !positional[0].word.includes('$')) {
        return [{
          field: positional[0].field,
          message: `litestream restore is given ${positional[0].word}, a database ${configPath} does not list (${listed.join(', ') || 'it lists none'}): it stops with "database not found in config", and the pod never starts`,
          hint: listed.length > 0 ? `restore the database the configuration replicates: '${listed[0]}'` : `list the database in ${configPath}: dbs: [{ path: '${positional[0].word}', replica: { url: 's3://<bucket>/<path>' } }]`,
        }];
      }
    }
    if (command === 'replicate' && positional[0] !== undefined) {
      paths.push({ path: positional[0].word, field: positional[0].field, from: 'the path replicate is given' });
    }
    if (command === 'restore' && positional[0] !== undefined) {
      const output = line.flags.get('o');
      paths.push({ path: output ?? positional[0].word, field: positional[0].field, from: output === undefined ? 'the path restore writes' : 'the path -o gives restore' });
    }
    if (replicaUrl && command === 'restore' && line.flags.get('o') !== undefined && positional.length === 0) {
      paths.push({ path: line.flags.get('o')!, field: subcommandField, from: 'the path -o gives restore' });
    }
    return paths.filter(({ path }) => path.startsWith('/') && !path.includes('$') && !onVolume(path, mountPaths)).slice(0, 1).map(({ path, field: at, from }) => {
      const holder = volumeHolding(persistence, app, path);
      const does = command === 'replicate'
        ? 'Litestream watches a file of its own container the app never writes, so nothing is ever replicated'
        : 'Litestream writes it into its own container\'s read-only root and fails, and the app never sees it';
      return {
        field: at,
        message: `${path} (${from}) lies on no volume container ${name} mounts: ${does}`,
        hint: holder === undefined
          ? `mount the app's data volume in ${name} too, at the path the app mounts it: persistence.<volume>.containers: ['${app}', '${name}']`
          : `mount the app's volume in ${name} too: persistence.${holder.name}.containers: [${[...holder.containers, name].map((c) => `'${c}'`).join(', ')}]`,
      };
    });
  });
}
