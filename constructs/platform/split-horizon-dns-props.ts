import type { IConstruct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { hostOf, isUrlWithScheme } from '../validation/urls';
import { urlPasswordIn } from '../validation/secret-values';

/**
 * Reports an AdGuard Home URL without its scheme (`adguard.lab`) on the cluster's `dns.adguard.url`:
 * external-dns's AdGuard webhook parses it as a URL and never reaches the server, so no record is
 * written; and one that carries a password, which would be committed. Returns whether the URL is sound
 * (or not given).
 */
export function reportAdGuardUrl(scope: IConstruct, url: unknown): boolean {
  if (typeof url === 'string' && urlPasswordIn(url) !== undefined) {
    // The URL is written into the webhook's environment in the HelmRelease, and so into Git.
    const plain = url.replace(/\/\/[^/@]*@/, '//');
    reportFinding(scope, {
      layer: 'props', severity: 'error', field: 'dns.adguard.url',
      message: `AdGuard Home's url writes out a user and password before its host: the HelmRelease of external-dns would commit them in the clear, and the webhook logs in with username and password alone`,
      hint: `write the URL without them, url: '${plain}', and give the user and password as keys of a Secret in namespace external-dns: username: sealed.key('username'), password: sealed.key('password')`,
    });
    return false;
  }
  if (url === undefined || isUrlWithScheme(url, ['http', 'https'])) {
    return true;
  }
  reportFinding(scope, {
    layer: 'props', severity: 'error', field: 'dns.adguard.url',
    message: `AdGuard Home's url ${JSON.stringify(url)} is not a URL with its scheme, so external-dns cannot reach it`,
    hint: `write it with its scheme and port, e.g. url: 'http://${withPort(typeof url === 'string' ? hostOf(url) : '')}'`,
  });
  return false;
}

/** `host` with AdGuard Home's web port unless it names a port; AdGuard Home's in-cluster name for none. Pure. */
function withPort(host: string): string {
  const name = host === '' ? 'adguard-home.adguard-home.svc' : host;
  return /:\d+$/.test(name) ? name : `${name}:3000`;
}

/**
 * The hint for a cluster on the public target without Cloudflare's token: a lab that gives AdGuard Home alone most
 * often named one of its own hosts as the public target, where its records belong in AdGuard Home. Pure.
 */
export function publicTargetHint(target: string, adguardGiven: boolean): string {
  const token = "set dns.cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare-api-token', 'api-token') }";
  return adguardGiven
    ? `for records on the LAN alone, in AdGuard Home, leave dns.publicTarget out (${target} is a node of this cluster, which would then write public records); to publish them too, ${token}`
    : token;
}
