import { NfsExport } from '../inventory/nfs-export';
import { describeValue } from '../inventory/problems';
import type { ForeignForm } from '../validation/known-props';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameMeant, nameProblem } from '../validation/dns-names';
import { isDeviceDirectory, isOneMachineDevice } from './devices';
import { FILE_NAME, paddedPathProblem } from './mount-paths';
import { volumeKindProblem } from './volume-kinds';
import { windowsFolderProblem } from '../validation/windows-folders';

/** Kubernetes access modes of a claim. */
export type AccessMode = 'ReadWriteOnce' | 'ReadWriteOncePod' | 'ReadWriteMany' | 'ReadOnlyMany';

/** Every {@link AccessMode}, for callers the type checker does not see. */
export const CLAIM_ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'];

/** A new claim whose StorageClass the cluster picks from a storage tier. */
export interface ClaimVolumeProps {
  /** Storage tier name as the cluster defines it (e.g. `fast`, `bulk`). */
  readonly tier: string;
  /** Requested capacity, e.g. `50Gi`. */
  readonly size: string;
  /** Access mode. @default 'ReadWriteOnce' */
  readonly accessMode?: AccessMode;
  /** Claim name. @default - `<app>-<volume name>` */
  readonly claimName?: string;
}

/** An emptyDir volume. */
export interface EmptyDirVolumeProps {
  /** Back the volume with RAM (tmpfs). @default false */
  readonly memory?: boolean;
  /** Size limit, e.g. `10Gi`. @default - none */
  readonly sizeLimit?: string;
}

/** The types of host path a hostPath volume may expect, as the API server takes them. */
export const HOST_PATH_TYPES = ['Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'CharDevice', 'BlockDevice', 'Socket'] as const;

/** The type of host path a hostPath volume expects. */
export type HostPathType = typeof HOST_PATH_TYPES[number];

/** Where a volume's data comes from. Create one with the static methods. */
export type AppVolume =
  | { readonly type: 'claim'; readonly claim: ClaimVolumeProps }
  | { readonly type: 'existingClaim'; readonly claimName: string; readonly accessMode: AccessMode }
  | { readonly type: 'nfs'; readonly export: NfsExport; readonly path: string }
  | { readonly type: 'hostPath'; readonly path: string; readonly hostPathType: HostPathType }
  | { readonly type: 'emptyDir'; readonly emptyDir: EmptyDirVolumeProps }
  | { readonly type: 'configMap'; readonly configMapName: string }
  | { readonly type: 'secret'; readonly secretName: string }
  | { readonly type: 'secretsStore'; readonly secretProviderClass: string };

/**
 * What was wrong with the factory call that made a volume, by the volume it returned. A factory that threw
 * would be reported on the chart being built, before any app holds the volume; the app that holds it reports
 * the call on the prop the volume is given to (`persistence.media.volume`), which names the app and the key.
 */
const CALL_PROBLEMS = new WeakMap<object, { readonly message: string; readonly hint: string }>();

/**
 * A volume a factory could not make from its arguments: it carries no source, only the problem, so an app
 * given it is rejected (see {@link volumeSourceProblems}) and nothing of it is rendered.
 */
function refusedVolume(type: AppVolume['type'], message: string, hint: string): AppVolume {
  const volume = { type } as AppVolume;
  CALL_PROBLEMS.set(volume, { message, hint });
  return volume;
}

/** How to give a host folder a volume lacks a usable path for. */
const HOST_PATH_HINT = "give the full path on the node, e.g. AppVolume.hostPath('/srv/media'), or keep the data on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' })";

/** Factories for the volume sources an app can mount. */
export const AppVolume = {
  /** A new PersistentVolumeClaim on a storage tier of the cluster. */
  claim(props: ClaimVolumeProps): AppVolume {
    if (typeof props !== 'object' || props === null) {
      return refusedVolume('claim', `AppVolume.claim() was given ${describeValue(props)}, not its props`,
        "give the tier and the size: AppVolume.claim({ tier: 'fast', size: '10Gi' })");
    }
    return { type: 'claim', claim: props };
  },
  /** A claim that exists already (created by another app or by hand). */
  existingClaim(claimName: string, accessMode: AccessMode = 'ReadWriteOnce'): AppVolume {
    const named = nameCallProblem('existingClaim', claimName);
    if (named !== undefined) {
      return refusedVolume('existingClaim', named.message, named.hint);
    }
    // The single-writer checks read the mode: a shorthand such as 'RWO' would switch them off.
    if (!CLAIM_ACCESS_MODES.includes(accessMode)) {
      return refusedVolume('existingClaim', `AppVolume.existingClaim() was given the access mode ${describeValue(accessMode)}`,
        `use ${CLAIM_ACCESS_MODES.join(', ')}, the claim's own mode (Kubernetes spells them out: RWO is 'ReadWriteOnce')`);
    }
    return { type: 'existingClaim', claimName, accessMode };
  },
  /** An NFS export of the inventory, or a directory below it: its path inside the export (`tv`), not on the server. */
  nfs(nfsExport: NfsExport, subDirectory?: string): AppVolume {
    const problem = nfsCallProblem(nfsExport, subDirectory);
    if (problem !== undefined) {
      return refusedVolume('nfs', problem.message, problem.hint);
    }
    return { type: 'nfs', export: nfsExport, path: subDirectory ? nfsExport.subPath(subDirectory) : nfsExport.path };
  },
  /** A path of the host; needs the `hostPath` security exemption. */
  hostPath(path: string, hostPathType: HostPathType = 'Directory'): AppVolume {
    const written = path !== null && typeof path === 'object' ? (path as { path?: unknown }).path : undefined;
    if (typeof written === 'string') {
      return refusedVolume('hostPath', `AppVolume.hostPath() was given ${describeValue(path)}, where it takes the path itself`, `give the path as the first argument: AppVolume.hostPath('${written}')`);
    }
    // Called with nothing (from JavaScript): the hostPath volume would have no path, which the API server refuses.
    if (path === undefined || path === '') {
      return refusedVolume('hostPath', `AppVolume.hostPath() was given ${path === undefined ? 'no path' : 'an empty path'}, where it takes the folder of the node to mount`,
        HOST_PATH_HINT);
    }
    return { type: 'hostPath', path, hostPathType };
  },
  /** Scratch space that lives as long as the pod. */
  emptyDir(props: EmptyDirVolumeProps = {}): AppVolume {
    if (typeof props === 'string') {
      return refusedVolume('emptyDir', `AppVolume.emptyDir() was given ${describeValue(props)}, where it takes its props`, `give the size as its limit: AppVolume.emptyDir({ sizeLimit: '${props}' })`);
    }
    return { type: 'emptyDir', emptyDir: props };
  },
  /** A ConfigMap of the app's namespace. */
  configMap(configMapName: string): AppVolume {
    const named = nameCallProblem('configMap', configMapName);
    return named !== undefined ? refusedVolume('configMap', named.message, named.hint) : { type: 'configMap', configMapName };
  },
  /** A Secret of the app's namespace, mounted as files. */
  secret(secretName: string): AppVolume {
    const named = nameCallProblem('secret', secretName);
    return named !== undefined ? refusedVolume('secret', named.message, named.hint) : { type: 'secret', secretName };
  },
  /**
   * Secrets of an external store (OpenBao, Vault) mounted as files through the Secrets Store CSI driver
   * and a SecretProviderClass of the app's namespace; read-only, fetched when the pod starts, never a
   * Kubernetes Secret.
   */
  secretsStore(secretProviderClass: string): AppVolume {
    const named = nameCallProblem('secretsStore', secretProviderClass);
    return named !== undefined ? refusedVolume('secretsStore', named.message, named.hint) : { type: 'secretsStore', secretProviderClass };
  },
};

/**
 * What is wrong with the name a factory of a volume that names an object (`AppVolume.secret`) was given, or
 * undefined: none or an empty one, which the API server refuses on the pod's volume and the references check
 * would report again as a missing object; or something else in its place (the SealedSecret itself, a
 * reference to one key, `{ name }`), with the name it holds as the hint. Pure.
 */
function nameCallProblem(factory: keyof typeof NAMED_SOURCES, given: unknown): { message: string; hint: string } | undefined {
  if (typeof given === 'string' && given !== '') {
    return undefined;
  }
  const source = NAMED_SOURCES[factory];
  const held = given !== null && typeof given === 'object'
    ? ['name', 'secretName', 'configMapName', 'claimName', 'secretProviderClass'].map((key) => (given as Record<string, unknown>)[key]).find((name) => typeof name === 'string' && name !== '')
    : undefined;
  return {
    message: `${source.factory}() was given ${given === undefined ? 'no name' : given === '' ? 'an empty name' : describeValue(given)}, where it takes the name of the ${source.kind} of the app's namespace to mount`,
    hint: `name the ${source.kind}: ${source.factory}('${typeof held === 'string' ? held : source.kind === 'PersistentVolumeClaim' ? 'data' : 'config'}')`,
  };
}

/** The key each kind of volume carries its source in, which tells a volume a factory made from another tool's item. */
const VOLUME_SOURCE_KEYS: Readonly<Record<AppVolume['type'], string>> = {
  claim: 'claim', existingClaim: 'claimName', nfs: 'export', hostPath: 'hostPathType', emptyDir: 'emptyDir',
  configMap: 'configMapName', secret: 'secretName', secretsStore: 'secretProviderClass',
};

/**
 * A volume a factory made (`AppVolume.claim(…)`) given as a persistence entry, where `{ volume, mountPath }`
 * belongs: one error on the entry whose hint puts it under `volume` with a mount path, rather than one on its
 * `type` as another tool's item and one more on the key it carries its source in. Pure.
 */
export function volumeAsEntryForm(item: Readonly<Record<string, unknown>>, path: string): ForeignForm | undefined {
  const type = item.type;
  const kind = typeof type === 'string' && Object.prototype.hasOwnProperty.call(VOLUME_SOURCE_KEYS, type) ? type as AppVolume['type'] : undefined;
  if (kind === undefined || item.volume !== undefined || !(CALL_PROBLEMS.has(item) || VOLUME_SOURCE_KEYS[kind] in item)) {
    return undefined;
  }
  const name = path.slice(path.lastIndexOf('.') + 1);
  const claim = kind === 'claim' && typeof item.claim === 'object' && item.claim !== null ? item.claim as Record<string, unknown> : undefined;
  const call = claim !== undefined && typeof claim.tier === 'string' && typeof claim.size === 'string'
    ? `AppVolume.claim({ tier: '${claim.tier}', size: '${claim.size}' })` : `AppVolume.${kind}(…)`;
  return {
    message: `${path} is a volume AppVolume.${kind}() made, where an entry of the volume and where it is mounted belongs; it would mount nothing`,
    hint: `give the volume as the entry's volume, with its mount path: persistence: { ${name}: { volume: ${call}, mountPath: '/${name}' } }`,
    keys: Object.keys(item),
  };
}

/**
 * A `subPath` written beside an entry's `mountPath`, as compose's file mount (`./config.json:/app/config.json`) or a
 * pod's volumeMount reads: here a sub-path belongs to one of the entry's `mounts`, so the error on it writes the entry
 * that way (the whole volume at the file's path would make the kubelet a folder of it). Pure.
 */
export function subPathBesideMountForm(item: Readonly<Record<string, unknown>>, path: string): ForeignForm | undefined {
  const { subPath, mountPath } = item;
  if (typeof subPath !== 'string' || typeof mountPath !== 'string' || item.mounts !== undefined) {
    return undefined;
  }
  const name = path.slice(path.lastIndexOf('.') + 1);
  return {
    message: `${path} has a subPath beside its mountPath, where an entry takes none: the whole volume would be mounted at ${mountPath}`,
    hint: `give the sub-path to the entry's mount: ${name}: { volume: …, mounts: [{ mountPath: '${mountPath}', subPath: '${subPath}' }]${item.readOnly === true ? ', readOnly: true' : ''} }`,
    keys: ['subPath'], key: 'subPath',
  };
}

/** What is wrong with the arguments of `AppVolume.nfs`, or undefined. Pure. */
function nfsCallProblem(nfsExport: unknown, subDirectory: unknown): { message: string; hint: string } | undefined {
  if (!(nfsExport instanceof NfsExport)) {
    return {
      message: `AppVolume.nfs() was given ${describeValue(nfsExport)}, not an NFS export of the inventory`,
      hint: 'pass an export of the site: AppVolume.nfs(mySite.nfs.<name>)',
    };
  }
  if (subDirectory === undefined) {
    return undefined;
  }
  if (typeof subDirectory !== 'string') {
    // An options object as other factories take one (`{ subPath: 'backups' }`) holds the folder meant.
    const held = subDirectory !== null && typeof subDirectory === 'object'
      ? ['subPath', 'subDirectory', 'path', 'folder'].map((key) => (subDirectory as Record<string, unknown>)[key]).find((folder) => typeof folder === 'string' && folder !== '')
      : typeof subDirectory === 'number' ? String(subDirectory) : undefined;
    return {
      message: `AppVolume.nfs() was given ${describeValue(subDirectory)} as the folder inside the export, not text`,
      hint: `write the folder as text: AppVolume.nfs(<export>, '${typeof held === 'string' ? held : '<folder>'}')`,
    };
  }
  const padded = paddedPathProblem(subDirectory, 'folder');
  if (padded) {
    return {
      message: `AppVolume.nfs(): ${padded.message}; the node would mount a folder of the export named with them`,
      hint: `write the folder alone: AppVolume.nfs(<export>, '${padded.meant}')`,
    };
  }
  const exported = typeof nfsExport.path === 'string' ? nfsExport.path.replace(/\/+$/, '') : undefined;
  // A URL (`nfs://nas/volume1/media/tv`) or a mount source (`nas:/volume1/media/tv`) copied from a compose
  // file's NFS volume: the node would ask the server for a folder named with the scheme and the server.
  const located = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*|[^/:]+:)(\/.*)?$/i.exec(subDirectory);
  if (located) {
    const onServer = (located[1] ?? '').replace(/\/+$/, '');
    const inside = exported && (onServer === exported || onServer.startsWith(`${exported}/`)) ? onServer.slice(exported.length).replace(/^\/+/, '') : onServer.replace(/^\/+/, '');
    return {
      message: `AppVolume.nfs() was given "${subDirectory}", a server and its path, where it takes a folder inside the export ${exported ?? ''}: the export names the server already`,
      hint: inside === '' ? 'leave the sub-directory out to mount the whole export: AppVolume.nfs(<export>)' : `give the folder inside the export: AppVolume.nfs(<export>, '${inside}')`,
    };
  }
  // The path on the server, as a compose file's NFS volume or a PersistentVolume writes it, would be joined
  // to the export's path a second time.
  if (exported && exported !== '' && (subDirectory === exported || subDirectory.startsWith(`${exported}/`))) {
    const inside = subDirectory.slice(exported.length).replace(/^\/+|\/+$/g, '');
    return {
      message: `AppVolume.nfs() was given "${subDirectory}", the path on the server, where it takes a folder inside the export ${exported}, which it would be joined to`,
      hint: inside === '' ? 'leave the sub-directory out to mount the whole export: AppVolume.nfs(<export>)' : `give the folder inside the export: AppVolume.nfs(<export>, '${inside}')`,
    };
  }
  // The server resolves the joined path: '..' reaches folders of the server outside what the inventory says it exports.
  if (subDirectory.split('/').includes('..')) {
    return {
      message: `AppVolume.nfs() was given the folder "${subDirectory}", which steps out of the export ${exported ?? ''} with '..'`,
      hint: "name a folder inside the export (AppVolume.nfs(<export>, 'tv')), or declare the other folder as an export of its own in the site's nfs and mount that",
    };
  }
  return undefined;
}

/** One place a volume is mounted into the main container. */
export interface VolumeMountProps {
  /** Path in the container. */
  readonly mountPath: string;
  /** Directory of the volume to mount instead of its root. @default - the whole volume */
  readonly subPath?: string;
  /** Mount read-only. @default - the volume's `readOnly` */
  readonly readOnly?: boolean;
}

/** A volume of the app and where it is mounted. */
export interface PersistenceProps {
  /** Where the data comes from. */
  readonly volume: AppVolume;
  /** Mount the whole volume here. @default - only `mounts` */
  readonly mountPath?: string;
  /** Mount read-only (media libraries, config). @default false */
  readonly readOnly?: boolean;
  /** Further mounts, usually of sub-paths (`/config`, `/cache` and `/media` of one claim, say). @default [] */
  readonly mounts?: VolumeMountProps[];
  /**
   * Containers that mount it (by name; the main container is named like the app), for volumes shared
   * between containers.
   * @default - the main container only
   */
  readonly containers?: string[];
}

/** Whether a volume pins the pod to one node at a time (an RWO claim). */
export function isSingleWriter(volume: AppVolume): boolean {
  if (volume.type === 'claim') {
    return (volume.claim.accessMode ?? 'ReadWriteOnce') === 'ReadWriteOnce' || volume.claim.accessMode === 'ReadWriteOncePod';
  }
  if (volume.type === 'existingClaim') {
    return volume.accessMode === 'ReadWriteOnce' || volume.accessMode === 'ReadWriteOncePod';
  }
  return false;
}

/** Docker's mount options after a path: `/data:ro`, `/data:rw,z`. */
const DOCKER_MOUNT_OPTIONS = /^(\/[^:]*):((?:ro|rw|z|Z|cached|delegated|consistent|nocopy|shared|slave|private|rshared|rslave|rprivate)(?:,[a-zA-Z]+)*)$/;

/** A bind mount's source as a compose file writes it, relative to the file (`./data`, `../media`, `~/media`). */
const COMPOSE_RELATIVE_PATH = /^(\.{1,2}|~)(\/|$)/;

/**
 * Problems of `persistence` that docker's habits bring: a mount path with docker's options (`/data:ro`,
 * which Kubernetes would take as a folder named `data:ro`), and a relative host path (`./data`, as a
 * compose file's bind mount, or `data`), which a node has no folder for; also a volume naming an object no
 * object can be named (`AppVolume.configMap('My_Config')`). Pure.
 */
export function persistenceHabitProblems(persistence: unknown): Array<{ field: string; message: string; hint: string }> {
  if (persistence === null || typeof persistence !== 'object' || Array.isArray(persistence)) {
    return [];
  }
  return Object.entries(persistence as Record<string, PersistenceProps | undefined>).flatMap(([name, entry]) => {
    if (entry === null || typeof entry !== 'object') {
      return [];
    }
    const mounts = [
      { field: `persistence.${name}.mountPath`, path: entry.mountPath },
      ...(Array.isArray(entry.mounts) ? entry.mounts : []).map((m, i) => ({ field: `persistence.${name}.mounts[${i}].mountPath`, path: m?.mountPath })),
    ];
    const problems = mounts.flatMap(({ field, path }) => {
      const options = typeof path === 'string' ? DOCKER_MOUNT_OPTIONS.exec(path) : null;
      return options ? [{
        field, message: `mount path "${path}" carries docker's mount options "${options[2]}"`,
        hint: `give the path alone, mountPath: '${options[1]}'${options[2].split(',').includes('ro') ? ', with readOnly: true' : ''}`,
      }] : [];
    });
    return [...problems, ...volumeSourceProblems(entry.volume, `persistence.${name}.volume`)];
  });
}

/** Compose's volume line, `<host path or volume name>:<container path>[:<options>]`. */
const COMPOSE_VOLUME_LINE = /^([^:]+):(\/[^:]*)(?::((?:ro|rw|z|Z|cached|delegated|consistent|nocopy)(?:,[a-zA-Z]+)*))?$/;

/** Compose's volume line read as what it mounts, where, and whether read-only, or undefined. Pure. */
export function composeVolumeLine(text: unknown): { source: string; mountPath: string; readOnly: boolean } | undefined {
  const line = typeof text === 'string' ? COMPOSE_VOLUME_LINE.exec(text.trim()) : null;
  return line ? { source: line[1], mountPath: line[2], readOnly: (line[3] ?? '').split(',').includes('ro') } : undefined;
}

/**
 * How to write compose's volume line `text` here, as one entry of persistence: a bind mount (`./data:/config`,
 * `/mnt/media:/media:ro`) is a host path of the node, which needs the hostPath exemption; a named volume
 * (`config:/config`) is a claim. Undefined when `text` is no volume line. Pure.
 */
export function composeVolumeEntry(text: unknown): string | undefined {
  const line = composeVolumeLine(text);
  if (line === undefined) {
    return undefined;
  }
  const bind = line.source.startsWith('/') || COMPOSE_RELATIVE_PATH.test(line.source);
  const volume = bind ? `AppVolume.hostPath('${line.source.startsWith('/') ? line.source : nodePathFor(line.source)}')` : "AppVolume.claim({ tier: 'fast', size: '10Gi' })";
  const entry = `{ volume: ${volume}, mountPath: '${line.mountPath}'${line.readOnly ? ', readOnly: true' : ''} }`;
  return bind ? `${entry}, with exemptions: { hostPath: '…' } (or keep the data on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' }))` : entry;
}

/**
 * A host path volume at a relative path (`./data`, as a compose file's bind mount, or `data`), which a node
 * has no folder for: the container runtime would resolve it against its own working folder; or a whole
 * volume line of compose (`/mnt/media:/media:ro`), which would mount a folder of that name. The API server
 * takes both, so the app refuses them on the prop `field` that holds the volume; and an empty path, which
 * the API server refuses, there too rather than on the pod. Pure.
 */
export function relativeHostPathProblems(given: unknown, field: string): Array<{ field: string; message: string; hint: string }> {
  const volume = given as AppVolume | undefined;
  if (volume?.type !== 'hostPath' || typeof volume.path !== 'string') {
    return [];
  }
  if (volume.path === '') {
    return [{
      field, message: 'the host path is empty; the API server refuses a host path volume without one',
      hint: HOST_PATH_HINT,
    }];
  }
  const padded = paddedPathProblem(volume.path, 'host path');
  if (padded) {
    return [{ field, message: `${padded.message}; the node has no folder of that name`, hint: `write the path alone: AppVolume.hostPath('${padded.meant}')` }];
  }
  const windows = windowsFolderProblem(volume.path);
  if (windows !== undefined) {
    return [{ field, message: windows.message, hint: `${windows.hint}, e.g. AppVolume.hostPath('/srv/media'), or keep the data on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' })` }];
  }
  const line = composeVolumeEntry(volume.path);
  if (line !== undefined) {
    return [{
      field, message: `host path "${volume.path}" is compose's volume line (host path, container path, options); the node has no folder of that name`,
      hint: `write the entry as ${line}`,
    }];
  }
  if (volume.path.startsWith('/')) {
    return [];
  }
  return [{
    field,
    message: COMPOSE_RELATIVE_PATH.test(volume.path)
      ? `host path "${volume.path}" is relative, as a compose file's bind mount is; a node has no folder it is relative to`
      : `host path "${volume.path}" is relative; the container runtime would resolve it against its own working folder`,
    hint: `give the full path on the node, e.g. AppVolume.hostPath('${nodePathFor(volume.path)}'), or keep the data on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' })`,
  }];
}

/**
 * What of Docker's a host path is, as compose files mount it, or undefined: the socket its daemon serves its
 * API on, or its data folder (cAdvisor reads `/var/lib/docker`). Pure.
 */
export function dockerHostPath(path: string): string | undefined {
  return ['/var/run/docker.sock', '/run/docker.sock'].includes(path) ? "Docker's socket"
    : path === '/var/lib/docker' || path.startsWith('/var/lib/docker/') ? "Docker's data folder" : undefined;
}

/** Files every Linux host has, which a container reads from its host (its zone, its identity). */
const HOST_FILES = ['/etc/localtime', '/etc/timezone', '/etc/machine-id', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/etc/passwd', '/etc/group'];

/** Device nodes by their name under `/dev`: serial adapters and terminals, cameras, GPU nodes, tunnels, disks. */
const DEVICE_NODE = /^\/dev\/(?:.*\/)?(tty\w*|video\d+|renderD\d+|card\d+|apex_\d+|tun|kvm|fuse|i2c-\d+|gpiomem|gpiochip\d+|hidraw\d+|mem|null|zero|u?random|(sd[a-z]+\d*|nvme\d+n\d+(p\d+)?|zd\d+))$/;

/**
 * What a host path is on every host when it is no folder, by its name: a socket (`*.sock`), a device node
 * (`/dev/ttyUSB0`, `/dev/sda`) or a file (`/etc/localtime`, `config.yml`), with the hostPath type that mounts
 * it; undefined for a folder or a path whose name does not tell. Pure.
 */
export function noFolderAt(path: string): { readonly what: string; readonly type: HostPathType } | undefined {
  const device = isDeviceDirectory(path) ? undefined : DEVICE_NODE.exec(path);
  return path.endsWith('.sock') ? { what: 'a socket', type: 'Socket' }
    : device !== null && device !== undefined ? { what: 'a device node', type: device[2] !== undefined ? 'BlockDevice' : 'CharDevice' }
      : isOneMachineDevice(path) ? { what: 'a device node', type: 'CharDevice' }
        : HOST_FILES.includes(path) || (!path.startsWith('/dev/') && FILE_NAME.test(path)) ? { what: 'a file', type: 'File' }
          : undefined;
}

/**
 * A host path volume of type `Directory` (the default of `AppVolume.hostPath`) at a path that is no folder on
 * any host: a socket (`/var/run/docker.sock`), a device node (`/dev/ttyUSB0`) or a file (`/etc/localtime`,
 * `config.yml`). The API server takes it; the kubelet's type check then keeps the pod from starting ("is not a
 * directory"), so it is refused on the prop `field` that holds the volume, with the type the path needs. Pure.
 */
function hostPathTypeProblems(given: unknown, field: string): Array<{ field: string; message: string; hint: string }> {
  const volume = given as AppVolume | undefined;
  if (volume?.type !== 'hostPath' || typeof volume.path !== 'string' || volume.hostPathType !== 'Directory') {
    return [];
  }
  const path = volume.path.replace(/(.)\/+$/, '$1');
  const found = noFolderAt(path);
  if (found === undefined) {
    return [];
  }
  return [{
    field,
    message: `host path "${path}" is ${found.what}, and the volume expects a folder there (type Directory, AppVolume.hostPath's default): the kubelet's type check would keep the pod from starting`,
    hint: `give the type of what is there: AppVolume.hostPath('${path}', '${found.type}')`
      + (found.type === 'CharDevice' ? `, or hand the device to the container with devices: [AppDevice.hostDevice('${path}')]` : ''),
  }];
}

/** The volume sources that name a Kubernetes object, with the factory that names it, for hints. */
const NAMED_SOURCES = {
  configMap: { key: 'configMapName', kind: 'ConfigMap', factory: 'AppVolume.configMap' },
  secret: { key: 'secretName', kind: 'Secret', factory: 'AppVolume.secret' },
  existingClaim: { key: 'claimName', kind: 'PersistentVolumeClaim', factory: 'AppVolume.existingClaim' },
  secretsStore: { key: 'secretProviderClass', kind: 'SecretProviderClass', factory: 'AppVolume.secretsStore' },
} as const;

/**
 * What is wrong with a volume's source on the prop `field` that holds it: a relative or empty host path, or the
 * name of a ConfigMap, Secret or claim that no object can have (`My_Config`). Reported once on the
 * volume rather than on the pod's volume and again as a missing object. Pure.
 */
export function volumeSourceProblems(given: unknown, field: string): Array<{ field: string; message: string; hint: string }> {
  const call = typeof given === 'object' && given !== null ? CALL_PROBLEMS.get(given) : undefined;
  if (call !== undefined) {
    return [{ field, ...call }];
  }
  const kind = volumeKindProblem(given, field);
  if (kind !== undefined) {
    return [kind];
  }
  const source = NAMED_SOURCES[(given as { type?: keyof typeof NAMED_SOURCES } | undefined)?.type as keyof typeof NAMED_SOURCES];
  const name: unknown = source === undefined ? undefined : (given as Record<string, unknown>)[source.key];
  const problem = typeof name === 'string' ? nameProblem(name, DNS1123_SUBDOMAIN) : undefined;
  if (source === undefined || problem === undefined) {
    const relative = relativeHostPathProblems(given, field);
    return relative.length > 0 ? relative : hostPathTypeProblems(given, field);
  }
  const suggested = nameMeant(name as string, DNS1123_SUBDOMAIN) ?? 'config';
  // `namespace/name`, as kubectl prints it: a pod mounts only objects of its own namespace.
  const [namespace, own, ...rest] = (name as string).split('/');
  if (rest.length === 0 && own !== undefined && nameProblem(namespace, DNS1123_LABEL) === undefined && nameProblem(own, DNS1123_SUBDOMAIN) === undefined) {
    return [{
      field, message: `${source.kind} "${name}" names namespace ${namespace}: a pod mounts only a ${source.kind} of its own namespace, and no name may hold a '/'`,
      hint: `run the app in namespace ${namespace} (namespace: '${namespace}') and mount ${source.factory}('${own}')${source.kind === 'PersistentVolumeClaim' ? ', or restore a copy of the data into a claim of the app\'s namespace' : ''}`,
    }];
  }
  return [{
    field, message: `${source.kind} name ${problem}, so no ${source.kind} can have it`,
    hint: `name it with lower-case letters, digits, '-' and '.', e.g. ${source.factory}('${suggested}'), as the ${source.kind} is named`,
  }];
}

/**
 * A full path of the node for a relative `path`, for hints: one relative to a compose file (`./data`) under
 * `/srv`, another (`srv/media`) from the node's root. Pure.
 */
export function nodePathFor(path: string): string {
  return COMPOSE_RELATIVE_PATH.test(path) ? `/srv/${path.replace(/^(\.\/|\.\.\/|~\/)+/, '').replace(/^[.~]+$/, '') || 'app'}` : `/${path}`;
}
