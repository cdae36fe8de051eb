import { isPublicIpv4 } from './ip';
import { parseIpAddress } from './ip-address';

/** IPv6 blocks that the internet does not route to a machine, with what an address in them is. */
const NON_PUBLIC_IPV6: ReadonlyArray<{ readonly base: bigint; readonly prefix: number; readonly kind: string }> = [
  { base: 0n, prefix: 127, kind: 'the unspecified or loopback address' },
  { base: 0xfc00n << 112n, prefix: 7, kind: 'a unique local (private) address' },
  { base: 0xfe80n << 112n, prefix: 10, kind: 'a link-local address' },
  { base: 0xff00n << 112n, prefix: 8, kind: 'a multicast address' },
  // Documentation blocks (RFC 3849, RFC 9637): an example address copied into an inventory reaches nothing.
  { base: 0x20010db8n << 96n, prefix: 32, kind: 'a documentation address' },
  { base: 0x3fffn << 112n, prefix: 20, kind: 'a documentation address' },
];

/**
 * What makes `address` unreachable from the internet, e.g. `a private address`, or undefined for a public
 * address and for text that is no address (refused where it is written). IPv4's documentation ranges pass,
 * as examples of public addresses use them; IPv6's do not. Pure.
 */
export function nonPublicAddressKind(address: string | undefined): string | undefined {
  const parsed = parseIpAddress(address);
  if (parsed === undefined) {
    return undefined;
  }
  if (parsed.family === 4) {
    return isPublicIpv4(Number(parsed.value)) ? undefined : 'a private address';
  }
  const block = NON_PUBLIC_IPV6.find(({ base, prefix }) => parsed.value >> BigInt(128 - prefix) === base >> BigInt(128 - prefix));
  return block?.kind;
}
