import { formatIpAddress, ipAddressProblem } from './ip-address';

/** One decimal octet as Go's `net.ParseIP` reads it: no leading zero, which other parsers take for octal. */
const OCTET = /^(0|[1-9]\d{0,2})$/;

/**
 * The 32-bit number of a dotted IPv4 address, or `undefined` when the text is not one. An octet with a
 * leading zero (`192.168.1.050`) is not: Go refuses it since 1.17 (MetalLB, Kubernetes, every Go
 * consumer), and C's `inet_aton` would read it as octal.
 */
export function parseIpv4(address: unknown): number | undefined {
  if (typeof address !== 'string') {
    return undefined;
  }
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !OCTET.test(p) || Number(p) > 255)) {
    return undefined;
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** The canonical form of a dotted IPv4 address written with leading zeros (`192.168.001.010` → `192.168.1.10`), else `undefined`. */
export function withoutLeadingZeros(address: unknown): string | undefined {
  if (typeof address !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    return undefined;
  }
  const canonical = address.split('.').map(Number).join('.');
  return canonical !== address && parseIpv4(canonical) !== undefined ? canonical : undefined;
}

/** The IPv4 address of `value` written with a network prefix (`192.168.1.53/32`); undefined for anything else. */
export function addressBeforePrefix(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^([0-9.]+)\/(\d{1,2})$/.exec(value.trim()) : null;
  return match && parseIpv4(match[1]) !== undefined && Number(match[2]) <= 32 ? match[1] : undefined;
}

/**
 * Why `address` is no IPv4 address, and how to write it (`hint` for text that is no address at all; the
 * other hints say what was meant: the address without its prefix or its leading zeros); `undefined` when
 * it is one. `what` opens the message, e.g. `first address`.
 */
export function ipv4Problem(address: unknown, hint: string, what = ''): { readonly message: string; readonly hint: string } | undefined {
  return ipAddressProblem(address, hint, what, 4);
}

/** Converts a dotted IPv4 address to a 32-bit unsigned number; throws on anything else. */
export function ipv4ToNumber(address: string): number {
  const value = parseIpv4(address);
  if (value === undefined) {
    throw new Error(`"${address}" is not an IPv4 address`);
  }
  return value;
}

/** Converts a 32-bit unsigned number back to dotted IPv4 notation. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The bounds of `a.b.c.d/nn`, or `undefined` when the text is no CIDR block. */
export function tryParseCidr(cidr: unknown): { readonly first: number; readonly last: number; readonly prefix: number } | undefined {
  if (typeof cidr !== 'string') {
    return undefined;
  }
  const [address, prefixText, extra] = cidr.split('/');
  const prefix = Number(prefixText);
  const value = parseIpv4(address);
  if (extra !== undefined || value === undefined || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32) {
    return undefined;
  }
  const size = 2 ** (32 - prefix);
  const first = Math.floor(value / size) * size;
  return { first, last: first + size - 1, prefix };
}

/** Parses `a.b.c.d/nn` into its network bounds; throws on anything else. */
export function parseCidr(cidr: string): { readonly first: number; readonly last: number; readonly prefix: number } {
  const parsed = tryParseCidr(cidr);
  if (!parsed) {
    throw new Error(`"${cidr}" is not a CIDR block`);
  }
  return parsed;
}

/** A network of either family as written, `address/prefix`: the address with its host bits as given. */
export interface IpBlock {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** The address as a number of `bits` bits. */
  readonly address: bigint;
  /** Length of the network part, in bits. */
  readonly prefix: number;
  /** Width of an address of the family: 32 or 128. */
  readonly bits: 32 | 128;
}

/** An IPv4 or IPv6 block `address/prefix` as Go's `net.ParseCIDR` reads it, or `undefined` when the text is none. */
export function parseIpBlock(cidr: unknown): IpBlock | undefined {
  if (typeof cidr !== 'string') {
    return undefined;
  }
  const [text, prefixText, extra] = cidr.split('/');
  if (extra !== undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText ?? '')) {
    return undefined;
  }
  const prefix = Number(prefixText);
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    return prefix <= 32 ? { family: 4, address: BigInt(v4), prefix, bits: 32 } : undefined;
  }
  const v6 = parseIpv6(text);
  return v6 !== undefined && prefix <= 128 ? { family: 6, address: v6, prefix, bits: 128 } : undefined;
}

/** The 128-bit number of an IPv6 address (`fd00::1`, `::ffff:10.0.0.1`), or `undefined` when the text is none. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2 || !/^[0-9a-fA-F:.]+$/.test(text)) {
    return undefined;
  }
  const groups = halves.map((half, h) => ipv6Groups(half, h === halves.length - 1));
  const [head, tail = []] = groups;
  if (groups.some((g) => g === undefined)) {
    return undefined;
  }
  const missing = 8 - head!.length - tail!.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) {
    return undefined;
  }
  return [...head!, ...new Array<number>(missing).fill(0), ...tail!].reduce((acc, g) => (acc << 16n) + BigInt(g), 0n);
}

/** The 16-bit groups of one side of `::`; only the last side may end in a dotted IPv4 address. */
function ipv6Groups(half: string, last: boolean): number[] | undefined {
  if (half === '') {
    return [];
  }
  const groups: number[] = [];
  const parts = half.split(':');
  for (let i = 0; i < parts.length; i++) {
    const v4 = last && i === parts.length - 1 && parts[i].includes('.') ? parseIpv4(parts[i]) : undefined;
    if (v4 !== undefined) {
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(parts[i])) {
      groups.push(parseInt(parts[i], 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The first address of a block: its address with the host bits cleared. */
export function networkOf(block: IpBlock): bigint {
  const hostBits = BigInt(block.bits - block.prefix);
  return (block.address >> hostBits) << hostBits;
}

/** Whether `inner` is a strict subset of `outer` (same family, longer prefix, inside it), as NetworkPolicy's `except` must be. */
export function isStrictSubset(inner: IpBlock, outer: IpBlock): boolean {
  const outerHostBits = BigInt(outer.bits - outer.prefix);
  return inner.family === outer.family && inner.prefix > outer.prefix && networkOf(inner) >> outerHostBits === networkOf(outer) >> outerHostBits;
}

/** A block in its usual notation: IPv4 dotted, IPv6 in hex groups with the longest run of zero groups as `::`. */
export function formatIpBlock(family: 4 | 6, address: bigint, prefix: number): string {
  return `${formatIpAddress(family, address)}/${prefix}`;
}

/** Whether a parsed IPv4 address is public: not private, loopback, link-local, CGNAT, benchmarking, multicast or reserved. */
export function isPublicIpv4(value: number): boolean {
  const inBlock = (base: string, prefix: number) => {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(ipv4ToNumber(base) / size) * size;
    return value >= start && value < start + size;
  };
  return ![
    // The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) count as public: examples use them so.
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ].some(([base, prefix]) => inBlock(base as string, prefix as number));
}

/** The network of one address, as a network policy names a single machine: `/32` for IPv4, `/128` for IPv6. Pure. */
export function singleAddressNetwork(address: string): string {
  return `${address}/${address.includes(':') ? 128 : 32}`;
}
