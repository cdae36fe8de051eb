import { describeValue, InventoryProblem } from './problems';
import { habitFact, writtenAmount } from './fact-habits';
import { closestName } from '../validation/closest-name';

/** Every fact a ZFS pool takes, to name a misspelt one. */
const POOL_FACTS: readonly string[] = ['media', 'sizeTerabytes', 'volumeFilesystem', 'compression', 'dedup', 'thinProvision'];

/** Values ZFS and OpenEBS take, by fact; each becomes a StorageClass parameter that is only read when a volume is made. */
const CHOICES: Readonly<Record<'media' | 'volumeFilesystem' | 'dedup', readonly string[]>> = {
  media: ['nvme', 'ssd', 'hdd'],
  volumeFilesystem: ['zfs', 'ext4', 'xfs', 'btrfs'],
  dedup: ['on', 'off'],
};

/** The compression values of `zfs set compression=`, levels included (`gzip-9`, `zstd-3`, `zstd-fast-1`). */
const COMPRESSION = /^(on|off|lz4|lzjb|zle|gzip(-[1-9])?|zstd(-([1-9]|1[0-9]))?|zstd-fast(-[0-9]+)?)$/;

/**
 * A pool name `zpool create` takes (a letter first; letters, digits, `_ - : .`; none of the words it
 * reserves), or such a pool's dataset below it (`tank/k8s`), which OpenEBS accepts as its `poolname`.
 */
const POOL_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*(\/[A-Za-z0-9][A-Za-z0-9_.:-]*)*$/;
const RESERVED_POOL_NAMES = /^(mirror|raidz\d?|draid\d?|spare|log|c\d.*)$/;

/**
 * What is wrong with the facts of the ZFS pool `name`. OpenEBS reads them only when it makes a volume, so
 * a value ZFS refuses (`LZ4`), or a switch written as ZFS spells it (`thinProvision: 'no'`, which would
 * have read as yes), would otherwise show as a claim stuck Pending, or as volumes made otherwise. Pure.
 */
export function zfsPoolProblems(name: string, props: unknown): InventoryProblem[] {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return [{ field: 'media', message: `the pool's facts are ${describeValue(props)}, not an object`, hint: "write { media: 'ssd' }, with the pool's other facts beside media" }];
  }
  const given = props as Record<string, unknown>;
  const problems: InventoryProblem[] = [];
  const add = (field: string, message: string, hint: string) => problems.push({ field, message, hint });
  if (!POOL_NAME.test(name) || RESERVED_POOL_NAMES.test(name.split('/')[0])) {
    // A dataset's mount point (/tank/vms) or a path ending in '/' is how df and zfs get's mountpoint show it, not its name.
    const named = name.replace(/^\/+|\/+$/g, '');
    add('name', `"${name}" is not a ZFS pool name (a letter first, then letters, digits, '_', '-', ':' and '.'; a dataset below it after '/')`,
      named !== name && POOL_NAME.test(named) ? `key it by its name as zpool list (or zfs list, for a dataset) shows it, without the '/' at its ${name.startsWith('/') ? 'start' : 'end'}: zfsPools: { '${named}': { media: 'ssd' } }`
        : "key the pool by its name as zpool list shows it, e.g. zfsPools: { tank: { media: 'ssd' } }");
  }
  const misspelt = new Set<string>();
  for (const key of Object.keys(given).filter((k) => !POOL_FACTS.includes(k))) {
    const habit = habitFact(key, given[key], POOL_FACTS);
    const near = habit?.fact ?? closestName(key, POOL_FACTS);
    if (near !== undefined && given[near] === undefined) {
      misspelt.add(near);
    }
    add(key, `"${key}" is not a fact of a ZFS pool; it would be ignored`, habit?.hint ?? (near !== undefined ? `did you mean "${near}"?` : `its facts are ${POOL_FACTS.join(', ')}`));
  }
  for (const [fact, words] of Object.entries(CHOICES)) {
    const value = given[fact];
    if ((value === undefined && (fact !== 'media' || misspelt.has(fact))) || words.includes(value as string)) {
      continue;
    }
    add(fact, `${fact} ${describeValue(value)} is not one of ${words.join(', ')}`, choiceHint(fact, value, words));
  }
  const compression = given.compression;
  if (compression !== undefined && (typeof compression !== 'string' || !COMPRESSION.test(compression))) {
    add('compression', `compression ${describeValue(compression)} is not a value zfs set compression= takes`,
      typeof compression === 'string' && COMPRESSION.test(compression.toLowerCase())
        ? `write it as '${compression.toLowerCase()}': ZFS takes property values in lower case`
        : typeof compression === 'boolean' ? `write compression: '${compression ? 'on' : 'off'}'` : "use one of on, off, lz4, zstd, gzip, zle, lzjb (or a level, e.g. 'zstd-3')");
  }
  const thin = given.thinProvision;
  if (thin !== undefined && typeof thin !== 'boolean') {
    const meant = typeof thin === 'string' && /^(no|off|false)$/i.test(thin.trim()) ? 'false' : 'true';
    add('thinProvision', `thinProvision ${describeValue(thin)} is not true or false`, `write thinProvision: ${meant} (a switch here; the StorageClass gets OpenEBS' 'yes' or 'no' from it)`);
  }
  const size = given.sizeTerabytes;
  if (size !== undefined && (typeof size !== 'number' || !(size > 0) || !Number.isFinite(size))) {
    const written = writtenAmount(size, 'terabytes');
    add('sizeTerabytes', `sizeTerabytes ${describeValue(size)} is not a positive number`,
      typeof size === 'string' && written !== undefined ? `write sizeTerabytes: ${written} (in terabytes, a number)` : 'give the usable capacity in terabytes as zpool list shows it, e.g. 3.6 for 3.6T');
  }
  return problems;
}

/** How to write a choice: its word in the right case, a switch as ZFS spells it, or the list. Pure. */
function choiceHint(fact: string, value: unknown, words: readonly string[]): string {
  const near = typeof value === 'string' ? words.find((w) => w === value.trim().toLowerCase()) : undefined;
  if (near !== undefined) {
    return `write it as '${near}': case counts`;
  }
  if (typeof value === 'boolean' && fact === 'dedup') {
    return `write dedup: '${value ? 'on' : 'off'}'`;
  }
  return fact === 'media' ? 'say what disks the pool is built from: nvme, ssd or hdd' : `use one of ${words.join(', ')}`;
}
