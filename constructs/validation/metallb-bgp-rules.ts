import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { parseIpAddress } from '../inventory/ip-address';
import { parsedGoDuration } from './go-duration';
import { AddFinding, fields, list, namespaceOf, text } from './manifest';
import { AddressSpan, spanOf } from './metallb-rules';

// What MetalLB's webhook refuses in a BGPPeer or a BGPAdvertisement although their CRD schemas allow it: the
// webhook reads the whole configuration with the new object in it (config.For: peerFromCR, parseTimers,
// bgpAdvertisementFromCR), and refuses the object when that fails, so a strict server-side dry-run refuses these
// as the API server's own rules. A BGPPeer's schema (v1beta2) requires its own ASN alone.

/** The shortest hold time other than 0 that BGP takes (RFC 4271), in milliseconds. */
const MIN_HOLD_TIME_MS = 3_000;
/** The longest aggregation length of each family. */
const MAX_AGGREGATION = { aggregationLength: 32, aggregationLengthV6: 128 } as const;

/** Whether `value` is given: a number other than 0, or a text other than empty (what MetalLB's Go reads as set). */
const given = (value: unknown): boolean => (typeof value === 'number' ? value !== 0 : typeof value === 'string' ? value !== '' : value !== undefined && value !== null);

/**
 * A BGPPeer (peerFromCR): its own ASN; the peer's ASN or `dynamicASN`, one of them; no eBGP multi-hop towards a
 * peer of its own ASN (iBGP); an address or an interface to reach the peer by, one of them; addresses that are IP
 * addresses; a password or a password Secret, not both; and timers BGP takes. Pure: reports through `add`.
 */
export function checkBgpPeer(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.myASN === 0) {
    add('spec.myASN', 'myASN is 0, which MetalLB\'s webhook refuses ("missing local ASN")', 'give the ASN the cluster speaks BGP as, e.g. 64512 (a private ASN)');
  }
  if (given(spec.peerASN) === given(spec.dynamicASN)) {
    add(given(spec.peerASN) ? 'spec.dynamicASN' : 'spec.peerASN', given(spec.peerASN)
      ? 'the peer is given peerASN and dynamicASN, which MetalLB\'s webhook refuses ("both peer ASN and dynamicASN specified")'
      : 'the peer is given neither peerASN nor dynamicASN, which MetalLB\'s webhook refuses ("missing peer ASN and dynamicASN")',
    'give the router\'s ASN as peerASN, or dynamicASN: internal (the same as myASN) or external (another), not both');
  }
  if (spec.ebgpMultiHop === true && given(spec.peerASN) && spec.peerASN === spec.myASN) {
    add('spec.ebgpMultiHop', `the peer's ASN ${String(spec.peerASN)} is myASN, so the session is iBGP, and MetalLB's webhook refuses eBGP multi-hop on it`,
      'drop ebgpMultiHop (an iBGP session may cross routers as it is), or give the peer its own ASN');
  }
  if (given(spec.peerAddress) === given(spec.interface)) {
    add(given(spec.peerAddress) ? 'spec.interface' : 'spec.peerAddress', given(spec.peerAddress)
      ? 'the peer is given an address and an interface, which MetalLB\'s webhook refuses; it reaches the peer by one'
      : 'the peer is given neither an address nor an interface, so MetalLB\'s webhook refuses it ("peer has no Address or Interface specified")',
    'give the router\'s address as peerAddress (e.g. 192.168.1.1), or interface for an unnumbered session, not both');
  }
  for (const key of ['peerAddress', 'sourceAddress', 'routerID'] as const) {
    const value = spec[key];
    if (typeof value === 'string' && value !== '' && parseIpAddress(value) === undefined) {
      add(`spec.${key}`, `${key} "${value}" is no IP address, which MetalLB's webhook refuses`,
        key === 'routerID' ? 'write the router ID as an IPv4 address, e.g. the node\'s own 192.168.1.10, or leave it out' : 'write the address alone, e.g. 192.168.1.1 (no prefix length, no port, no host name)');
    }
  }
  if (given(spec.password) && given(text(fields(spec.passwordSecret).name))) {
    add('spec.password', 'the peer is given a password and a passwordSecret, which MetalLB\'s webhook refuses',
      'keep passwordSecret (a Secret of type kubernetes.io/basic-auth with the key password) and drop password, which would be committed in the clear');
  }
  checkTimers(spec, add);
}

/** A peer's hold and keepalive times as parseTimers reads them: each defaulted from the other, hold 0 or at least 3 s, keepalive not above hold. */
function checkTimers(spec: Record<string, unknown>, add: AddFinding): void {
  const hold = typeof spec.holdTime === 'string' ? parsedGoDuration(spec.holdTime) : undefined;
  const keepalive = typeof spec.keepaliveTime === 'string' ? parsedGoDuration(spec.keepaliveTime) : undefined;
  if (hold === undefined && keepalive === undefined) {
    return; // neither given, or one that is no duration, which the schema's parsing reports
  }
  const holdMs = hold ?? keepalive! * 3;
  const keepaliveMs = keepalive ?? holdMs / 3;
  // MetalLB compares whole seconds of the hold time with its minimum.
  const rounded = Math.trunc(holdMs / 1000) * 1000;
  if (rounded !== 0 && rounded < MIN_HOLD_TIME_MS) {
    add(hold !== undefined ? 'spec.holdTime' : 'spec.keepaliveTime', hold !== undefined
      ? `holdTime ${String(spec.holdTime)} is below 3 s, which MetalLB's webhook refuses (a hold time is 0 or at least 3 s)`
      : `keepaliveTime ${String(spec.keepaliveTime)} makes a hold time of three times it, below 3 s, which MetalLB's webhook refuses (a hold time is 0 or at least 3 s)`,
    "give a hold time of at least '3s' (routers default to '90s', with a keepalive of a third of it), or '0s' to turn keepalives off");
  } else if (keepaliveMs > holdMs) {
    add('spec.keepaliveTime', `keepaliveTime ${String(spec.keepaliveTime)} is above the hold time ${hold !== undefined ? String(spec.holdTime) : `of ${holdMs / 1000}s`}, which MetalLB's webhook refuses`,
      'give a keepalive of a third of the hold time, e.g. holdTime: 90s and keepaliveTime: 30s');
  }
}

/** Why MetalLB's community.New refuses the value of `written` (a legacy `a:b` or a large `large:a:b:c` community), or undefined. Pure. */
function communityValueProblem(written: string): string | undefined {
  const parts = written.split(':');
  const uint = (part: string, bits: 16 | 32) => /^\d+$/.test(part) && Number(part) < 2 ** bits;
  if (parts.length === 2) {
    return parts.every((part) => uint(part, 16)) ? undefined : 'a community of two parts is a legacy one, each part a number up to 65535';
  }
  if (parts.length === 4) {
    if (parts[0] !== 'large') {
      return 'a community of four parts is a large one, which begins with large:';
    }
    return parts.slice(1).every((part) => uint(part, 32)) ? undefined : 'each part of a large community is a number up to 4294967295';
  }
  return undefined; // another form names a Community's alias, which MetalLB looks up later
}

/** An entry of a pool's `addresses` MetalLB reads, with its widest block. */
interface PoolAddress {
  readonly written: string;
  readonly family: 4 | 6;
  /** The prefix length of the widest CIDR block MetalLB splits the entry into. */
  readonly widestPrefix: number;
}

/** What MetalLB reads beside a BGPAdvertisement: the Communities' aliases, and the pools by namespace and name. */
export interface BgpConfiguration {
  readonly aliases: ReadonlySet<string>;
  readonly pools: ReadonlyMap<string, readonly PoolAddress[]>;
}

/** The prefix length of the widest CIDR block a range of addresses is split into (ipaddr.Summarize). Pure. */
function widestPrefix(span: AddressSpan): number {
  const bits = span.family === 4 ? 32 : 128;
  let widest = bits;
  for (let first = span.first; first <= span.last;) {
    let size = 0;
    while (size < bits && first % (1n << BigInt(size + 1)) === 0n && first + (1n << BigInt(size + 1)) - 1n <= span.last) {
      size++;
    }
    widest = Math.min(widest, bits - size);
    first += 1n << BigInt(size);
  }
  return widest;
}

/** The Communities' aliases and the IPAddressPools of `cluster`, which MetalLB reads a BGPAdvertisement against. */
export function bgpConfiguration(cluster: SynthesizedCluster): BgpConfiguration {
  const ofKind = (kind: string) => cluster.objects.filter((o) => o.manifest.kind === kind && o.manifest.apiVersion.startsWith('metallb.io/'));
  const aliases = new Set(ofKind('Community').flatMap((o) => list(fields(o.manifest.spec).communities).map((c) => text(c.name) ?? '')));
  const pools = new Map(ofKind('IPAddressPool').map((o) => {
    const addresses = Array.isArray(fields(o.manifest.spec).addresses) ? fields(o.manifest.spec).addresses as unknown[] : [];
    const read = addresses.flatMap((written) => {
      const span = typeof written === 'string' ? spanOf(written) : undefined;
      return span === undefined || 'message' in span ? [] : [{ written: written as string, family: span.family, widestPrefix: widestPrefix(span) }];
    });
    return [`${namespaceOf(o)}/${text(fields(o.manifest.metadata).name) ?? ''}`, read];
  }));
  return { aliases, pools };
}

/**
 * An aggregation length shorter than the widest block of a pool the advertisement announces
 * (validateBGPAdvPerPool): the pools it names, or every pool of its namespace where it names and selects none.
 */
function checkAggregation(spec: Record<string, unknown>, namespace: string, pools: BgpConfiguration['pools'], add: AddFinding): void {
  const named = Array.isArray(spec.ipAddressPools) ? spec.ipAddressPools.filter((p): p is string => typeof p === 'string') : [];
  const selects = Array.isArray(spec.ipAddressPoolSelectors) && spec.ipAddressPoolSelectors.length > 0;
  const announced = named.length > 0 || selects ? named : [...pools.keys()].filter((key) => key.startsWith(`${namespace}/`)).map((key) => key.slice(namespace.length + 1));
  for (const pool of announced) {
    for (const address of pools.get(`${namespace}/${pool}`) ?? []) {
      const key = address.family === 4 ? 'aggregationLength' : 'aggregationLengthV6';
      const length = spec[key];
      if (typeof length === 'number' && length < address.widestPrefix) {
        add(`spec.${key}`, `${key} ${length} is shorter than the /${address.widestPrefix} block of ${address.written} in pool "${pool}", which MetalLB's webhook refuses: it would announce addresses outside the pool`,
          `give at least ${address.widestPrefix} (32 for IPv4, 128 for IPv6, the defaults, announce each address alone), or make the pool a block of /${length}`);
        return;
      }
    }
  }
}

/**
 * A BGPAdvertisement (bgpAdvertisementFromCR): each community and peer once, aggregation lengths within their
 * family's and not shorter than a block of a pool it announces, and each community a value MetalLB reads or an
 * alias of a Community (`configuration`). Pure: reports through `add`.
 */
export function checkBgpAdvertisement(object: SynthesizedObject, configuration: BgpConfiguration, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const { aliases, pools } = configuration;
  for (const key of ['communities', 'peers'] as const) {
    const values = Array.isArray(spec[key]) ? spec[key] as unknown[] : [];
    values.forEach((value, i) => {
      if (values.indexOf(value) < i) {
        add(`spec.${key}[${i}]`, `${JSON.stringify(value)} is listed twice in ${key}, which MetalLB's webhook refuses`, `list ${JSON.stringify(value)} once`);
      }
    });
  }
  const tooLong = Object.entries(MAX_AGGREGATION).filter(([key, max]) => typeof spec[key] === 'number' && spec[key] > max);
  for (const [key, max] of tooLong) {
    add(`spec.${key}`, `${key} ${String(spec[key])} is above ${max}, the length of an ${max === 32 ? 'IPv4' : 'IPv6'} address, which MetalLB's webhook refuses`,
      `give at most ${max} (${max}, the default, announces each address alone)`);
  }
  if (tooLong.length === 0) {
    checkAggregation(spec, namespaceOf(object), pools, add);
  }
  // Entries of another type are the schema's.
  (Array.isArray(spec.communities) ? spec.communities : []).forEach((value: unknown, i: number) => {
    const problem = typeof value === 'string' && !aliases.has(value) ? communityValueProblem(value) : undefined;
    if (problem !== undefined) {
      add(`spec.communities[${i}]`, `community "${value as string}" is no value MetalLB reads: ${problem}`,
        'write 65535:65282 (a legacy community, two 16-bit parts) or large:4200000000:1:1 (a large one, for a 4-byte ASN), or the alias of a Community');
    }
  });
}
