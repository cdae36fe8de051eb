/** Converts a dotted IPv4 address to a 32-bit unsigned number; throws on anything else. */
export function ipv4ToNumber(address: string): number {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new Error(`"${address}" is not an IPv4 address`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Converts a 32-bit unsigned number back to dotted IPv4 notation. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/nn` into its network bounds. */
export function parseCidr(cidr: string): { readonly first: number; readonly last: number; readonly prefix: number } {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new Error(`"${cidr}" is not a CIDR block`);
  }
  const size = 2 ** (32 - prefix);
  const first = Math.floor(ipv4ToNumber(address) / size) * size;
  return { first, last: first + size - 1, prefix };
}
