import { isPublicIpv4, networkOf, parseIpBlock } from '../inventory/ip';
import type { PropProblem } from '../validation/known-props';
import { TUBEARCHIVIST_IMAGE } from './tubearchivist-env';
import { imageRows } from './image-rows';

// Video archivers built on yt-dlp fetch everything they keep from YouTube and other public sites: an app of such an
// image whose `egress` lists only its database and cache (TubeArchivist beside Elasticsearch and Redis) has a policy
// that lets no connection leave the cluster, so every subscription scan and download fails with a timeout.

/** The images whose whole work is downloading from public sites, each with what it runs as messages name it. */
const DOWNLOADER_IMAGES: ReadonlyArray<{ readonly image: RegExp; readonly app: string }> = [
  { image: TUBEARCHIVIST_IMAGE, app: 'TubeArchivist' },
  // Pinchflat, on GitHub's registry and on Docker Hub.
  { image: /^(ghcr\.io\/kieraneglin\/|(docker\.io\/)?keglin\/)pinchflat(?=[:@]|$)/, app: 'Pinchflat' },
  { image: /^((ghcr\.io|docker\.io)\/)?alexta69\/metube(?=[:@]|$)/, app: 'MeTube' },
];

/**
 * Variables that send a program's HTTP through a proxy, which its own egress entry then reaches; MeTube also takes
 * yt-dlp's `proxy` in its YTDL_OPTIONS.
 */
const PROXY_VARIABLE = /^(https?|all)_proxy$/i;

/**
 * Whether the address block `cidr` holds a public address: the whole address space, a public network or machine (a
 * VPN endpoint a sidecar tunnels through), or a block around one; not a LAN, the pod network or loopback. Pure.
 */
export function reachesPublicAddresses(cidr: unknown): boolean {
  const block = parseIpBlock(cidr);
  if (block === undefined) {
    return false;
  }
  if (block.family === 6) {
    // Global unicast is 2000::/3: a block of it, or one around it.
    return block.prefix < 3 || networkOf(block) >> 125n === 1n;
  }
  return block.prefix < 8 || isPublicIpv4(Number(networkOf(block)));
}

/**
 * Whether a listed `egress` lets the app reach the internet: an entry reaches a public address ({@link
 * reachesPublicAddresses}), or `env` sends its HTTP through a proxy (`HTTPS_PROXY`), which its own entry reaches. Pure.
 */
export function egressLeavesHome(egress: readonly unknown[], env: Readonly<Record<string, unknown>>): boolean {
  return egress.some((peer: unknown) => peer !== null && typeof peer === 'object' && 'cidr' in peer && reachesPublicAddresses((peer as { cidr?: unknown }).cidr))
    || Object.keys(env).some((name) => PROXY_VARIABLE.test(name));
}

/**
 * A downloader (TubeArchivist, Pinchflat, MeTube) on the pod network whose listed egress reaches no public address
 * and which names no proxy (a proxy variable, MeTube's yt-dlp `proxy`): one problem on `egress`, whose hint opens the
 * internet or moves the links to its callees' `allowFrom`. Pure.
 */
export function downloaderEgressProblems(props: { readonly image?: unknown; readonly egress?: unknown; readonly env?: unknown; readonly exemptions?: { readonly hostNetwork?: unknown } }): PropProblem[] {
  const downloader = typeof props.image === 'string' ? imageRows(DOWNLOADER_IMAGES, props.image as string)[0] : undefined;
  if (downloader === undefined || !Array.isArray(props.egress) || props.exemptions?.hostNetwork !== undefined) {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' ? props.env as Record<string, unknown> : {};
  if (egressLeavesHome(props.egress, env) || (typeof env.YTDL_OPTIONS === 'string' && /"proxy"\s*:/.test(env.YTDL_OPTIONS))) {
    return [];
  }
  return [{
    field: 'egress',
    message: `egress lists where ${downloader.app} may connect, and none of it is outside the home: ${downloader.app} fetches every video, `
      + 'thumbnail and feed it keeps from YouTube and other public sites, which the policy would refuse, so every scan and download fails',
    hint: `add { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] } (and '::/0' for IPv6) to egress; or leave egress out (anywhere, the default) `
      + 'and admit the app in its database\'s and cache\'s own allowFrom; or, where it goes out through a proxy it lists, set HTTPS_PROXY',
  }];
}
