import { isLanAddress } from '../inventory/host-networks';
import { specialIpKind } from './special-ips';
/**
 * Top-level labels of names for private networks, which no public DNS delegates: `.internal` (reserved by
 * ICANN for private use), `.local` (multicast DNS, RFC 6762) and the ones routers and guides hand out (`lan`,
 * `home`, `corp`, `private`, `localdomain`). `home.arpa` (RFC 8375) is matched by its own rule.
 */
export const PRIVATE_NETWORK_TOP_LEVEL_LABELS: readonly string[] = ['home', 'lan', 'internal', 'local', 'localdomain', 'corp', 'private'];

/**
 * Top-level labels reserved for tests and documentation (RFC 2606), which no public DNS delegates either: names
 * under them stand in for a real domain in examples and tests, so checks of what a real lab would get left
 * them alone.
 */
export const RESERVED_TEST_TOP_LEVEL_LABELS: readonly string[] = ['localhost', 'test', 'example', 'invalid'];

const PRIVATE_LABELS: ReadonlySet<string> = new Set(PRIVATE_NETWORK_TOP_LEVEL_LABELS);

/**
 * The private network's suffix `name` lies under (`lan` for `nas.home.lan`, `home.arpa` for `nas.home.arpa`),
 * or `localhost` for a name of the machine itself (`uptime.lab.localhost`, which browsers resolve to loopback,
 * RFC 6761, as a laptop's cluster is reached), or `nip.io` or `sslip.io` for a name they answer with a LAN or
 * loopback address written in it (`192.168.49.240.nip.io`), or undefined for a name a public DNS zone may hold or a stand-in
 * name of tests and documentation. Pure.
 */
export function privateNameSuffix(name: string): string | undefined {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1];
  if (last === 'arpa' && labels[labels.length - 2] === 'home') {
    return 'home.arpa';
  }
  if (PRIVATE_LABELS.has(last) || last === 'localhost') {
    return last;
  }
  const inName = ADDRESS_IN_NAME.exec(name.toLowerCase().replace(/\.$/, ''));
  const address = inName === null ? undefined : inName.slice(1, 5).join('.');
  return address !== undefined && (isLanAddress(address) || specialIpKind(address) !== undefined) ? inName![5] : undefined;
}

/**
 * A name of a wildcard DNS service that answers it with the IPv4 address written in it, dotted or dashed, alone
 * or after a label (`192.168.49.240.nip.io`, `uptime.127.0.0.1.nip.io`, `app-10-0-0-5.sslip.io`): the address
 * and the service.
 */
const ADDRESS_IN_NAME = /(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})\.(nip\.io|sslip\.io)$/;

/** What keeps a public authority from certifying a name under `suffix`, as privateNameSuffix gave it. */
function whyNoPublicName(suffix: string): string {
  return suffix === 'nip.io' || suffix === 'sslip.io'
    ? `a name ${suffix} answers with the LAN or loopback address written in it, which a public certificate authority `
      + `cannot reach for HTTP-01, in a zone where only ${suffix} writes the records DNS-01 needs`
    : `a name under .${suffix}, which no public DNS holds`;
}

/** ACME directories of public certificate authorities by host, with the authority's name. */
const PUBLIC_ACME_HOSTS: ReadonlyMap<string, string> = new Map([
  ['acme-v02.api.letsencrypt.org', "Let's Encrypt"],
  ['acme-staging-v02.api.letsencrypt.org', "Let's Encrypt (staging)"],
  ['acme.zerossl.com', 'ZeroSSL'],
  ['dv.acme-v02.api.pki.goog', 'Google Trust Services'],
  ['dv.acme-v02.test-api.pki.goog', 'Google Trust Services (staging)'],
  ['api.buypass.com', 'Buypass'],
  ['api.test4.buypass.no', 'Buypass (test)'],
  ['acme.ssl.com', 'SSL.com'],
]);

/** The public certificate authority whose ACME directory `server` is, or undefined (a lab's own step-ca). Pure. */
export function publicAcmeAuthority(server: unknown): string | undefined {
  if (typeof server !== 'string') {
    return undefined;
  }
  try {
    return PUBLIC_ACME_HOSTS.get(new URL(server).hostname.toLowerCase());
  } catch {
    return undefined;
  }
}

/**
 * What is wrong when the public authority `authority` is asked to certify `name` under the private suffix
 * `suffix`, for a finding: the authority validates every name against public DNS, where no such name exists,
 * so each order fails and whatever serves the name keeps a certificate no browser trusts. `more` counts the
 * other such names asked of the same issuer; `issuer` says which it is (`ClusterIssuer "letsencrypt"`), `ownCa` how a CA of the lab is given there. Pure.
 */
export function privateNameForPublicCa(props: {
  readonly name: string; readonly suffix: string; readonly authority: string; readonly issuer: string; readonly more: number; readonly where?: string;
  /** How the lab's own CA is named where the issuer is written (`caIssuer({ keyPair })`). */
  readonly ownCa: string;
}): { readonly message: string; readonly hint: string } {
  const others = props.more > 0 ? ` (and ${props.more} more name${props.more === 1 ? '' : 's'} under private domains)` : '';
  return {
    message: `${props.issuer} asks ${props.authority} for a certificate of ${props.name}${props.where ? ` (${props.where})` : ''}${others}, `
      + `${whyNoPublicName(props.suffix)}: a public certificate authority issues no certificate for it, `
      + 'by HTTP-01 or by DNS-01, so every order fails and the route keeps a certificate no browser trusts',
    hint: `use a domain you own in public DNS as the site's domain and get certificates by DNS-01 (the records may stay private), `
      + `or issue them from a CA of the lab (${props.ownCa})`,
  };
}
