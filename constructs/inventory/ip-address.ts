import { addressBeforePrefix, parseIpBlock, parseIpv4, parseIpv6, withoutLeadingZeros } from './ip';
import { describeValue } from './problems';

// Addresses of either family as the inventory takes them: IPv4 dotted, IPv6 in any form Go reads, kept in
// the compressed lowercase form of RFC 5952 so the same address is always written the same way.

/** An address family: 4 for IPv4, 6 for IPv6. */
export type IpFamily = 4 | 6;

/** An IP address of either family. */
export interface IpAddress {
  /** 4 or 6. */
  readonly family: IpFamily;
  /** The address as a number (32 or 128 bits). */
  readonly value: bigint;
  /** Its canonical text: dotted IPv4, or IPv6 as RFC 5952 writes it (`fd00::10`). */
  readonly text: string;
}

/** An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`): the high 96 bits. */
const IPV4_MAPPED_PREFIX = 0xffffn;

/** An IPv6 address in RFC 5952's form: lowercase, no leading zeros, the longest run of two or more zero groups as `::` (the first of equals). Pure. */
export function formatIpv6(value: bigint): string {
  const groups = [...new Array(8).keys()].map((i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let length = 0;
    while (i + length < 8 && groups[i + length] === 0) {
      length++;
    }
    if (length > best.length) {
      best = { start: i, length };
    }
    i += length;
  }
  const hex = (part: number[]) => part.map((g) => g.toString(16)).join(':');
  return best.start < 0 ? hex(groups) : `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/** Whether a 128-bit address is an IPv4 address mapped into IPv6, which Go programs read as the IPv4 address. */
function isIpv4Mapped(value: bigint): boolean {
  return value >> 32n === IPV4_MAPPED_PREFIX;
}

/**
 * An IPv4 or IPv6 address with its canonical text, or `undefined` for anything else, including an IPv6
 * address with a zone id (`fe80::1%eth0`) or an IPv4-mapped one (`::ffff:192.168.1.10`). Pure.
 */
export function parseIpAddress(text: unknown): IpAddress | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    return { family: 4, value: BigInt(v4), text };
  }
  const v6 = parseIpv6(text);
  return v6 === undefined || isIpv4Mapped(v6) ? undefined : { family: 6, value: v6, text: formatIpv6(v6) };
}

/** The text of an address of `family` given as a number: dotted IPv4, or IPv6 in RFC 5952's form. Pure. */
export function formatIpAddress(family: IpFamily, value: bigint): string {
  return family === 4 ? [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.') : formatIpv6(value);
}

/** `IPv4` or `IPv6`. */
export function familyName(family: IpFamily): string {
  return `IPv${family}`;
}

/** The canonical text of an address of either family; text that is none is returned as it is. Pure. */
export function canonicalIp(text: string): string {
  return parseIpAddress(text)?.text ?? text;
}

/** An address as the host part of a URL or `host:port`: an IPv6 address in brackets (`[fd00::10]`), RFC 3986. Pure. */
export function addressInUrl(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * The IPv6 address a URL names as its host without the brackets RFC 3986 puts it in (`https://fd00::5/lab.git`,
 * `mqtt://fd00::5:1883`), with the URL written with them, or undefined when the URL has none. A last group of
 * decimal digits after a full address (`fd00::5:1883`) is read as the port the writer meant: without brackets
 * a URL cannot tell it from the address, and clients refuse the URL or read another host. Pure.
 */
export function unbracketedIpv6Url(url: string): { readonly address: string; readonly fixed: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^@/\s]*@)?([^/?#\s]+)(.*)$/i.exec(url);
  if (!match || match[3].startsWith('[') || parseIpAddress(match[3])?.family !== 6) {
    return undefined;
  }
  const [, scheme, user = '', host, rest] = match;
  const port = /^(.*:[0-9a-f]*):(\d{2,5})$/i.exec(host);
  const address = port !== null && Number(port[2]) <= 65535 && parseIpAddress(port[1])?.family === 6 ? port[1] : host;
  return { address, fixed: `${scheme}${user}[${address}]${address === host ? '' : `:${port![2]}`}${rest}` };
}

/**
 * The address and port of an address written as a URL (`https://192.168.1.6:55000/`, copied from a dashboard's
 * address bar) or with its port (`192.168.1.5:9000`, as compose's `extra_hosts` or a client's config writes it);
 * undefined for anything else. Pure.
 */
export function addressOfUrl(text: string): { readonly address: string; readonly port?: string } | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)(?::(\d+))?(?:[/?#].*)?$/i.exec(text.trim())
    ?? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text.trim());
  const address = url ? parseIpAddress(url[1].replace(/^\[(.*)\]$/, '$1')) : undefined;
  return address === undefined ? undefined : { address: address.text, ...(url![2] === undefined ? {} : { port: url![2] }) };
}

/** The address of `text` written with a network prefix, IPv4 (`192.168.1.53/32`) or IPv6 (`fd00::5/64`); undefined for anything else. Pure. */
function addressBeforeAnyPrefix(text: string): string | undefined {
  const block = parseIpBlock(text);
  return addressBeforePrefix(text) ?? (block?.family === 6 ? formatIpv6(block.address) : undefined);
}

/**
 * The address meant by text that {@link ipAddressProblem} refuses as `ip addr` or an old config writes it: with a
 * network prefix (`192.168.4.5/24`) or leading zeros (`192.168.1.050`); undefined for an address and for other
 * text. The inventory reports the address as written and builds on this one, so that its error is the one. Pure.
 */
export function addressMeant(address: unknown): string | undefined {
  if (typeof address !== 'string' || parseIpAddress(address) !== undefined) {
    return undefined;
  }
  return addressBeforeAnyPrefix(address) ?? withoutLeadingZeros(address);
}

/**
 * Why `address` is no IP address the inventory can use, and how to write it; `undefined` when it is one
 * (of `family`, when given). Beside text that is no address: a zone id, an IPv4-mapped IPv6 address, a
 * network prefix, leading zeros, and an address of the other family. `hint` is for text that is no address
 * at all; `what` opens the message, e.g. `first address`. Pure.
 */
export function ipAddressProblem(
  address: unknown, hint: string, what = '', family?: IpFamily,
): { readonly message: string; readonly hint: string } | undefined {
  const parsed = parseIpAddress(address);
  const subject = `${what ? `${what} ` : ''}${describeValue(address)}`;
  if (parsed !== undefined) {
    return family === undefined || parsed.family === family ? undefined : {
      message: `${subject} is an ${familyName(parsed.family)} address, where an ${familyName(family)} address belongs`,
      hint: family === 6 ? 'write the IPv6 address, e.g. fd00::10, or leave it out' : hint,
    };
  }
  const text = typeof address === 'string' ? address : '';
  const zone = /^([^%]+)%(.*)$/.exec(text);
  if (zone && parseIpv6(zone[1]) !== undefined) {
    // A zone names an interface of one machine (`ip addr` prints it for link-local addresses); no other machine knows it.
    return { message: `${subject} carries a zone id (%${zone[2]}), which Kubernetes and the load balancers do not take`, hint: `write the address without it: ${formatIpv6(parseIpv6(zone[1])!)}` };
  }
  const bracketed = /^\[([^\]]+)\](:\d*)?$/.exec(text.trim());
  if (bracketed && parseIpv6(bracketed[1]) !== undefined) {
    // Copied from a URL (`https://[fd00::10]:6443`), which brackets an IPv6 address to set its port apart.
    return { message: `${subject} is an IPv6 address in the brackets of a URL${bracketed[2] ? ', with a port' : ''}`, hint: `write the address alone: ${formatIpv6(parseIpv6(bracketed[1])!)}` };
  }
  const v6 = parseIpv6(text);
  if (v6 !== undefined && isIpv4Mapped(v6)) {
    const v4 = formatIpAddress(4, v6 & 0xffffffffn);
    return { message: `${subject} is an IPv4 address mapped into IPv6, which Go programs read as ${v4}`, hint: `write the IPv4 address itself: ${v4}` };
  }
  const inUrl = addressOfUrl(text);
  if (inUrl !== undefined) {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim());
    const left = [...url ? ['scheme'] : [], ...inUrl.port === undefined ? [] : [`port ${inUrl.port}`]].join(' or ');
    return {
      message: `${subject} is ${url ? 'a URL' : 'an address with a port'}, where a single address belongs`,
      hint: `write the address alone, without ${left}: ${inUrl.address}`,
    };
  }
  const host = addressBeforeAnyPrefix(text);
  if (host !== undefined) {
    // A prefix copied from `ip addr` or a MetalLB address list: the address is what comes before it.
    return { message: `${subject} is an address with a network prefix, where a single address belongs`, hint: `write the address without /${text.split('/')[1]}: ${host}` };
  }
  const canonical = withoutLeadingZeros(address);
  if (canonical !== undefined) {
    return {
      message: `${subject} has leading zeros, which MetalLB, Kubernetes and other Go programs refuse (others read them as octal)`,
      hint: `write ${canonical}`,
    };
  }
  return { message: `${subject} is not an ${family === undefined ? 'IP' : familyName(family)} address`, hint };
}
