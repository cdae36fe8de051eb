import { networkOf, parseIpBlock } from './ip';
import { formatIpAddress, parseIpAddress } from './ip-address';
import type { AddressPoolProps } from './address-pool';
import { describeValue } from './problems';
import { closestName } from '../validation/closest-name';

/** A pool as the site's inventory reads it, and what was wrong with how it was written. */
export interface WrittenPool {
  /** The pool's props: as written, or the range that another notation stands for. */
  readonly props: AddressPoolProps;
  /** Why the pool is not written `{ first, last }`, and the form it takes. @default - it is */
  readonly problem?: { readonly message: string; readonly hint: string };
  /** Whether `problem` says all there is to say about the pool's bounds (none could be read from it). */
  readonly boundsReported: boolean;
}

/** Names other tools give a range's bounds (a DHCP server's start and end), in pairs. */
const BOUND_NAMES: ReadonlyArray<readonly [string, string]> = [['start', 'end'], ['from', 'to'], ['begin', 'end'], ['rangeStart', 'rangeEnd'], ['min', 'max']];

/** The bounds MetalLB's notations stand for: a CIDR block (`a.b.c.d/nn`, `fd00:8::/120`), `first-last`, or one address. */
function rangeOf(text: string): { first: string; last: string } | undefined {
  const block = parseIpBlock(text.trim());
  if (block) {
    const first = networkOf(block);
    return { first: formatIpAddress(block.family, first), last: formatIpAddress(block.family, first + (1n << BigInt(block.bits - block.prefix)) - 1n) };
  }
  const parts = text.split('-');
  const [first, last] = parts.map((part) => parseIpAddress(part.trim()));
  if (parts.length <= 2 && first !== undefined && (parts.length === 1 || last?.family === first.family)) {
    return { first: first.text, last: (last ?? first).text };
  }
  return undefined;
}

/** A pool object of an inventory (`lab.pools.vips`), told apart without importing its class, which imports this module. */
interface PoolObject {
  readonly first: string;
  readonly last: string;
  readonly autoAssign?: boolean;
  readonly vlan?: number;
  readonly inventoryPath: string;
}

/** `written` when it is a pool object of an inventory rather than a pool's facts, else undefined. Pure. */
function poolObject(written: unknown): PoolObject | undefined {
  const candidate = written as Partial<PoolObject> & { readonly at?: unknown } | null;
  return candidate !== null && typeof candidate === 'object' && typeof candidate.at === 'function' && typeof candidate.inventoryPath === 'string'
    && typeof candidate.first === 'string' && typeof candidate.last === 'string' ? candidate as PoolObject : undefined;
}

/** The facts of a pool: the two bounds first. */
const POOL_FACTS: readonly string[] = ['first', 'last', 'autoAssign', 'vlan'];

/**
 * The key that holds the bound a pool written with one bound lacks (`{ first, end }`, `{ first, lst }`):
 * another tool's name for that bound, or a misspelling of it; undefined when the pool lacks no bound or no
 * key stands for it. Pure.
 */
function oneBoundUnderAnotherName(record: Readonly<Record<string, unknown>>): { readonly key: string; readonly fact: 'first' | 'last' } | undefined {
  const fact = record.first === undefined && record.last !== undefined ? 'first' : record.last === undefined && record.first !== undefined ? 'last' : undefined;
  if (fact === undefined) {
    return undefined;
  }
  const habits = BOUND_NAMES.map((pair) => pair[fact === 'first' ? 0 : 1]);
  const key = Object.keys(record).find((k) => !POOL_FACTS.includes(k) && record[k] !== undefined && (habits.includes(k) || closestName(k, POOL_FACTS) === fact));
  return key === undefined ? undefined : { key, fact };
}

/**
 * Reads a pool of the site's inventory as written. A pool is `{ first, last }`; MetalLB's notations (a
 * CIDR block `'192.168.1.48/28'`, a range `'192.168.1.50-192.168.1.59'`, `{ cidr }`, an IPAddressPool's
 * `addresses` list) are one problem that gives the `{ first, last }` they stand for, and the pool is read
 * as that range, so nothing built on it reports the same mistake again.
 */
export function writtenPool(name: string, written: unknown): WrittenPool {
  const record = written !== null && typeof written === 'object' && !Array.isArray(written) ? written as Record<string, unknown> : undefined;
  const bounds = record && record.first === undefined && record.last === undefined ? BOUND_NAMES.find(([from, to]) => record[from] !== undefined && record[to] !== undefined) : undefined;
  const bound = record && !bounds ? oneBoundUnderAnotherName(record) : undefined;
  if (record && bound) {
    // One bound written as { first } and the other under another tool's name or misspelt (`end`, `lst`): one
    // mistake, and the pool is read with it.
    const { [bound.key]: value, ...rest } = record;
    return {
      props: { ...rest, [bound.fact]: value } as unknown as AddressPoolProps, boundsReported: false,
      problem: {
        message: `pool "${name}" gives its ${bound.fact} address as ${bound.key}; a pool of the inventory is { first, last }`,
        hint: `write ${bound.fact}: ${describeValue(value).replace(/^"(.*)"$/, "'$1'")}`,
      },
    };
  }
  if (record && bounds) {
    // A DHCP server's or a spreadsheet's names for the bounds: one mistake, and the pool is read with them.
    const [from, to] = bounds;
    const { [from]: first, [to]: last, ...rest } = record;
    return {
      props: { ...rest, first, last } as unknown as AddressPoolProps, boundsReported: false,
      problem: {
        message: `pool "${name}" gives its bounds as ${from} and ${to}; a pool of the inventory is { first, last }`,
        hint: `write { first: ${describeValue(first).replace(/^"(.*)"$/, "'$1'")}, last: ${describeValue(last).replace(/^"(.*)"$/, "'$1'")} }`,
      },
    };
  }
  const pool = poolObject(written);
  if (pool !== undefined) {
    // Another site's pool object, read as its facts: its range is that site's network's, and the keys of the
    // object (name, inventoryPath, …) are no facts of a pool.
    return {
      props: { first: pool.first, last: pool.last, autoAssign: pool.autoAssign, vlan: pool.vlan }, boundsReported: false,
      problem: {
        message: `pool "${name}" is the pool ${pool.inventoryPath.replace(/^inventory\//, '')} of another site's inventory, given where this site's pool is written as its range`,
        hint: `write this site's own range on its network, { first, last }; to reserve the same addresses, write them: { first: '${pool.first}', last: '${pool.last}' }`,
      },
    };
  }
  if (record && (record.first !== undefined || record.last !== undefined || (record.cidr === undefined && record.addresses === undefined))) {
    // A fact under a name the pool does not know (`autoassign`) would be ignored, and its default taken.
    const unknown = Object.keys(record).find((key) => !POOL_FACTS.includes(key));
    const near = unknown === undefined ? undefined : closestName(unknown, POOL_FACTS);
    return {
      props: written as AddressPoolProps, boundsReported: false,
      ...(unknown === undefined ? {} : {
        problem: {
          message: `pool "${name}" has no fact "${unknown}"; it would be ignored`,
          hint: near !== undefined ? `did you mean "${near}"?` : `a pool's facts are ${POOL_FACTS.join(', ')}`,
        },
      }),
    };
  }
  const addresses = record?.addresses ?? written;
  const text = typeof written === 'string' ? written : typeof record?.cidr === 'string' ? record.cidr
    : Array.isArray(addresses) && addresses.length === 1 && typeof addresses[0] === 'string' ? addresses[0] : undefined;
  const range = text === undefined ? undefined : rangeOf(text);
  const rest = { autoAssign: record?.autoAssign as boolean | undefined, vlan: record?.vlan as number | undefined };
  if (range === undefined) {
    return {
      props: { first: '', last: '', ...rest }, boundsReported: true,
      problem: {
        message: `pool "${name}" is ${describeValue(written)}, not its range { first, last }`,
        hint: "write the pool's first and last address, e.g. { first: '192.168.8.50', last: '192.168.8.79' }"
          + (Array.isArray(addresses) && addresses.length > 1 ? '; declare one pool per range' : ''),
      },
    };
  }
  return {
    props: { ...range, ...rest }, boundsReported: false,
    problem: {
      message: `pool "${name}" is written as MetalLB writes it (${describeValue(text)}); a pool of the inventory is { first, last }`,
      hint: `write { first: '${range.first}', last: '${range.last}' }, the range ${text!.trim()} stands for`,
    },
  };
}
