/** The 32-bit number of a dotted IPv4 address, or `undefined` when the text is not one. */
export function parseIpv4(address: unknown): number | undefined {
  if (typeof address !== 'string') {
    return undefined;
  }
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    return undefined;
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
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
