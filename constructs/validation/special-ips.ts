import { describeValue } from '../inventory/problems';
import { parseIpBlock, parseIpv4, parseIpv6 } from '../inventory/ip';

/** IPv4 ranges the API server refuses where an address must reach a pod or a node: the ranges of Go's `net.IP` predicates. */
const SPECIAL_IPV4: ReadonlyArray<{ readonly first: number; readonly prefix: number; readonly what: string }> = [
  { first: 0, prefix: 32, what: 'unspecified (0.0.0.0)' },
  { first: 127 * 2 ** 24, prefix: 8, what: 'in the loopback range (127.0.0.0/8)' },
  { first: (169 * 256 + 254) * 2 ** 16, prefix: 16, what: 'in the link-local range (169.254.0.0/16)' },
  { first: 224 * 2 ** 24, prefix: 24, what: 'in the link-local multicast range (224.0.0.0/24)' },
];

/** An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`), which Go judges as the IPv4 address. */
const IPV4_MAPPED = 0xffffn << 32n;

function specialIpv4(value: number): string | undefined {
  return SPECIAL_IPV4.find((range) => Math.floor(value / 2 ** (32 - range.prefix)) === range.first / 2 ** (32 - range.prefix))?.what;
}

function specialIpv6(value: bigint): string | undefined {
  if (value >> 32n === IPV4_MAPPED >> 32n) {
    return specialIpv4(Number(value & 0xffffffffn));
  }
  if (value === 0n) return 'unspecified (::)';
  if (value === 1n) return 'the loopback address (::1)';
  if (value >> 118n === 0xfe80n >> 6n) return 'in the link-local range (fe80::/10)';
  // Go's IsLinkLocalMulticast: ff02::/16 with any flags, i.e. ffX2::.
  if (value >> 120n === 0xffn && ((value >> 112n) & 0x0fn) === 2n) return 'in the link-local multicast range (ff02::/16)';
  return undefined;
}

/**
 * What `value` is among the addresses no other machine sends packets to (unspecified, loopback, link-local,
 * link-local multicast), e.g. `in the link-local range (fe80::/10)`; undefined for any other address and for
 * text that is none. Pure.
 */
export function specialIpKind(value: unknown): string | undefined {
  const v4 = parseIpv4(value);
  if (v4 !== undefined) {
    return specialIpv4(v4);
  }
  const v6 = typeof value === 'string' ? parseIpv6(value) : undefined;
  return v6 === undefined ? undefined : specialIpv6(v6);
}

/**
 * Why the API server refuses `value` as an address of a Service's `externalIPs`, or `undefined` when it
 * takes it. ValidateService checks each entry with IsValidIP (one IPv4 or IPv6 address, no block), then
 * validateNonSpecialIP: not unspecified, loopback, link-local or link-local multicast, which no packet from
 * outside the node can be sent to. Pure.
 */
export function externalIpProblem(value: unknown): string | undefined {
  return podReachableIpProblem(value, 'an external IP');
}

/**
 * Why the API server refuses `value` as one IP address that pods reach (`role`: an external IP, an endpoint
 * address), or `undefined`: one IPv4 or IPv6 address, and none of the special ones
 * (ValidateNonSpecialIP). `family` narrows it to one family, as an EndpointSlice's addressType does. Pure.
 */
export function podReachableIpProblem(value: unknown, role: string, family?: 'IPv4' | 'IPv6'): string | undefined {
  if (typeof value === 'string') {
    const v4 = family === 'IPv6' ? undefined : parseIpv4(value);
    if (v4 !== undefined) {
      return special(value, specialIpv4(v4), role);
    }
    const v6 = family === 'IPv4' ? undefined : parseIpv6(value);
    if (v6 !== undefined) {
      return special(value, specialIpv6(v6), role);
    }
    if (parseIpBlock(value) !== undefined && family === undefined) {
      return `"${value}" is a block of addresses; ${role} is one IP address`;
    }
  }
  return `${describeValue(value)} is not ${family === undefined ? 'an IP address' : `an ${family} address`} ("must be a valid IP address")`;
}

function special(value: string, what: string | undefined, role: string): string | undefined {
  return what === undefined ? undefined : `"${value}" may not be ${what}: the API server refuses it as ${role}`;
}

/**
 * Whether `value` is an address whose packets never leave the pod: the unspecified one (`0.0.0.0`, `::`), where a
 * server listens (`smtp tcp://0.0.0.0:25` of a config file), or a loopback one, the pod itself. No network policy
 * holds either, so neither is a call of a machine outside the cluster. Pure.
 */
export function staysInPod(value: unknown): boolean {
  const v4 = parseIpv4(value);
  const v6 = v4 === undefined && typeof value === 'string' ? parseIpv6(value) : undefined;
  const mapped = v6 !== undefined && v6 >> 32n === IPV4_MAPPED >> 32n ? Number(v6 & 0xffffffffn) : undefined;
  const ipv4 = v4 ?? mapped;
  return ipv4 !== undefined ? ipv4 === 0 || Math.floor(ipv4 / 2 ** 24) === 127 : v6 === 0n || v6 === 1n;
}
