import type { Host } from './host';
import { isBinarySize, quantityValue } from '../validation/quantity';
import { isRecord } from '../synth/documents';
import { describeValue, InventoryObject, InventoryProblem } from './problems';
import { zfsPoolProblems } from './zfs-pool-facts';

/** The kind of disks a pool is built from; it decides which storage tier a pool suits. */
export type DiskMedia = 'nvme' | 'ssd' | 'hdd';

/** Facts about one ZFS pool of a host. */
export interface ZfsPoolProps {
  /** Disks the pool is made of. */
  readonly media: DiskMedia;
  /** Usable capacity in terabytes, as `zpool list` reports it. @default - unknown */
  readonly sizeTerabytes?: number;
  /**
   * Filesystem that volumes of this pool carry: `zfs` makes datasets, anything else (`ext4`, `xfs`)
   * makes zvols (block devices) formatted with that filesystem.
   * @default 'zfs'
   */
  readonly volumeFilesystem?: 'zfs' | 'ext4' | 'xfs' | 'btrfs';
  /** Compression of new volumes. @default 'lz4' */
  readonly compression?: 'on' | 'off' | 'lz4' | 'gzip' | 'zstd' | 'zle' | 'lzjb';
  /** Deduplication of new volumes. @default 'off' */
  readonly dedup?: 'on' | 'off';
  /** Whether new volumes are thin-provisioned (no reservation). @default true */
  readonly thinProvision?: boolean;
}

/** A volume that already exists on a pool (a dataset or zvol made before Kubernetes). */
export interface ExistingZfsVolume {
  /** The pool that holds it. */
  readonly pool: ZfsPool;
  /** Name below the pool, e.g. `HomeAssistant` for `vms/HomeAssistant`. */
  readonly name: string;
  /** Capacity as a Kubernetes quantity, e.g. `256Gi`. */
  readonly size: string;
}

/**
 * The options of an existing volume given as something other than an object (untyped JavaScript, `as any`): the size
 * alone, `existingVolume('haos', '32Gi')`, or nothing. Kept for the finding on its size, which then names them.
 */
const OPTIONS_GIVEN_OTHERWISE = new WeakMap<ExistingZfsVolume, unknown>();

/** Bytes of a tebibyte: `zpool list` shows sizes in binary units, so its `3.6T` is 3.6 TiB, the most a pool's `sizeTerabytes` may mean. */
const TEBIBYTE = 2 ** 40;

/** Whether `bytes` are more than a pool of `sizeTerabytes` (as `zpool list` shows it) holds at all. Pure. */
export function exceedsPool(bytes: number, sizeTerabytes: number): boolean {
  return bytes > sizeTerabytes * TEBIBYTE;
}

/** The binary units from the largest down. */
const BINARY_UNITS = ['Ti', 'Gi', 'Mi', 'Ki'] as const;

/**
 * A fractional binary size (`1.5Ti`, as zfs list rounds it) as a whole number of the next smaller unit that
 * holds it whole (`1536Gi`), or undefined for any other value. Pure.
 */
function wholeBinarySize(size: unknown): string | undefined {
  const match = typeof size === 'string' ? /^(\d+\.\d+)(Ti|Gi|Mi)$/.exec(size.trim()) : null;
  if (!match) {
    return undefined;
  }
  for (let unit = BINARY_UNITS.indexOf(match[2] as 'Ti' | 'Gi' | 'Mi') + 1, amount = Number(match[1]) * 1024; unit < BINARY_UNITS.length; unit++, amount *= 1024) {
    if (Number.isInteger(Math.round(amount * 1e6) / 1e6) && amount > 0) {
      return `${Math.round(amount)}${BINARY_UNITS[unit]}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with an existing volume given at `field` (for callers the type checker does not see): it
 * comes from `pool.existingVolume(name, { size })` with a dataset name and a binary size. Pure.
 */
export function existingVolumeProblems(volume: unknown, field: string): InventoryProblem[] {
  const given = volume as Partial<ExistingZfsVolume> | null;
  if (given === null || typeof given !== 'object' || !(given.pool instanceof ZfsPool)) {
    return [{ field, message: `${field} is ${describeValue(volume)}, not an existing volume of a ZFS pool`, hint: "pass myHost.zfs.<pool>.existingVolume('<name>', { size: '256Gi' })" }];
  }
  const problems: InventoryProblem[] = [];
  if (typeof given.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.:-]*(\/[A-Za-z0-9][A-Za-z0-9_.:-]*)*$/.test(given.name)) {
    problems.push({ field: `${field}.name`, message: `${describeValue(given.name)} is not a ZFS dataset name`, hint: "give its name below the pool as zfs list shows it, e.g. 'HomeAssistant'" });
  } else if (given.name.includes('/')) {
    // The driver finds a volume at <pool>/<ZFSVolume name>, and an object's name holds no '/'.
    const [first, ...rest] = given.name.split('/');
    problems.push(first === given.pool.name
      ? { field: `${field}.name`, message: `"${given.name}" starts with its pool ${first}, which existingVolume() of that pool adds itself`, hint: `give its name below the pool: existingVolume('${rest.join('/')}', …)` }
      : {
        field: `${field}.name`, message: `"${given.name}" lies in a dataset below pool ${given.pool.name}, where the driver does not look: it finds a volume at ${given.pool.name}/<name>, and the name of the object it reads holds no '/'`,
        hint: `move it under the pool first (zfs rename ${given.pool.name}/${given.name} ${given.pool.name}/${rest[rest.length - 1]}), then give existingVolume('${rest[rest.length - 1]}', …)`,
      });
  } else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(given.name.toLowerCase()) || given.name.length > 63) {
    // The ZFSVolume and PersistentVolume are named after it in lower case (a rename the owner is told of).
    const meant = given.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
    problems.push({
      field: `${field}.name`, message: `"${given.name}" cannot name a Kubernetes object, which the driver needs to find the volume`,
      hint: `rename the ZFS volume to lower-case letters, digits and dashes, at most 63: zfs rename ${given.pool.name}/${given.name} ${given.pool.name}/${meant}`,
    });
  }
  if (OPTIONS_GIVEN_OTHERWISE.has(given as ExistingZfsVolume)) {
    const options = OPTIONS_GIVEN_OTHERWISE.get(given as ExistingZfsVolume);
    const size = isBinarySize(options) ? options : typeof options === 'number' && options > 0 ? `${options}Gi` : '256Gi';
    problems.push({
      field: `${field}.size`,
      message: options === undefined ? 'existingVolume() was given no size' : `existingVolume() was given ${describeValue(options)} where its options belong, so the volume has no size`,
      hint: `give the size in the options, as zfs get volsize shows it: existingVolume('${typeof given.name === 'string' ? given.name : '<name>'}', { size: '${size}' })`,
    });
  } else if (!isBinarySize(given.size)) {
    const whole = wholeBinarySize(given.size);
    problems.push({ field: `${field}.size`, message: `size ${describeValue(given.size)} is not a size such as 512Mi, 50Gi or 2Ti`, hint: typeof given.size === 'number' && given.size > 0
      ? `write the size as text with its binary unit, as zfs get volsize shows it: size: '${given.size}Gi'`
      : whole !== undefined ? `write it as a whole number of a smaller unit (the driver takes the size in whole bytes of a binary unit): size: '${whole}'`
        : 'give the volume size with a binary unit, e.g. 256Gi' });
  } else if (given.pool.sizeTerabytes !== undefined && exceedsPool(quantityValue(given.size) ?? 0, given.pool.sizeTerabytes)) {
    problems.push({
      field: `${field}.size`, message: `size ${given.size} is more than pool ${given.pool.name} holds (${given.pool.sizeTerabytes} TB), so no existing volume of it is that large`,
      hint: `give the zvol's size as zfs get volsize ${given.pool.name}/${typeof given.name === 'string' ? given.name : '<name>'} shows it`,
    });
  }
  return problems;
}

/** A ZFS pool on one host. Charts reference it as `host.zfs.<pool>`. */
export class ZfsPool implements InventoryObject {
  /** Disks the pool is made of. */
  public readonly media: DiskMedia;
  /** Capacity in terabytes, when known. */
  public readonly sizeTerabytes?: number;
  /** Filesystem of new volumes (`zfs` = dataset). */
  public readonly volumeFilesystem: string;
  /** Compression of new volumes. */
  public readonly compression: string;
  /** Deduplication of new volumes. */
  public readonly dedup: string;
  /** Whether new volumes are thin-provisioned. */
  public readonly thinProvision: boolean;
  /** Problems in the pool's facts. */
  public readonly problems: InventoryProblem[] = [];
  /** Where the pool is, for findings. */
  public readonly inventoryPath: string;

  constructor(
    /** The host the pool is attached to. */
    public readonly host: Host,
    /** Pool name as ZFS knows it, e.g. `tank`. */
    public readonly name: string,
    props: ZfsPoolProps,
  ) {
    this.inventoryPath = `inventory/host/${host.name}/zfsPools/${name}`;
    this.problems.push(...zfsPoolProblems(name, props));
    props = props ?? ({} as ZfsPoolProps);
    // A fact refused above is its inventory error alone: the StorageClass renders the default in its place,
    // rather than a value the API server's schema refuses once more (dedup: true for 'on').
    const refused = new Set(this.problems.map((problem) => problem.field));
    const fact = <K extends keyof ZfsPoolProps>(key: K): ZfsPoolProps[K] | undefined => (refused.has(key) ? undefined : props[key]);
    this.media = props.media;
    this.sizeTerabytes = props.sizeTerabytes;
    this.volumeFilesystem = fact('volumeFilesystem') ?? 'zfs';
    this.compression = fact('compression') ?? 'lz4';
    this.dedup = fact('dedup') ?? 'off';
    this.thinProvision = fact('thinProvision') ?? true;
  }

  /** Refers to a dataset or zvol that exists already on this pool, to be imported as a static volume. */
  public existingVolume(name: string, options: { readonly size: string }): ExistingZfsVolume {
    const volume = { pool: this, name, size: isRecord(options) ? options.size : undefined as unknown as string };
    if (!isRecord(options)) {
      OPTIONS_GIVEN_OTHERWISE.set(volume, options);
    }
    return volume;
  }
}
