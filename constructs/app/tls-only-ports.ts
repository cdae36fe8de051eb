import { ACTUAL_SERVER_IMAGE } from './household-app-images';
import { AUTHENTIK_IMAGE } from './authentik-settings';
import { KEYCLOAK_IMAGE } from './keycloak-start';
import { KANIDM_IMAGE } from './redirect-urls';
import { imageRows } from './image-rows';

// Some images serve their web UI on a port that answers only TLS, with a certificate they sign or are given. A route
// or an HTTP probe that speaks plain HTTP to such a port gets "400 Bad Request: the plain HTTP request was sent to
// HTTPS port" (or a closed connection) on every request: the site never loads and the probe never passes.

/** An image that answers only TLS on some of its ports. */
interface TlsOnlyImage {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The app, as messages name it. */
  readonly app: string;
  /** The container ports that answer only TLS, as the image ships. */
  readonly tlsPorts: readonly number[];
  /** The container port that serves the same UI over plain HTTP. @default - none */
  readonly plainPort?: number;
  /** Variables that move the image's ports; where one is set, the ports are not judged. @default - none */
  readonly movedBy?: readonly string[];
  /** A variable holding the TLS listener's bind address (`[::]:8443`), whose port, where it is set, is the one judged. @default - none */
  readonly boundBy?: string;
  /** Variables that turn TLS on, all of them set: without them the ports serve plain HTTP. @default - TLS is always on */
  readonly tlsBy?: readonly string[];
}

/** linuxserver.io's desktops and apps in the browser, whose web server answers HTTP on 3000 and HTTPS on 3001. */
const LINUXSERVER_BROWSER_DESKTOP = /^((lscr|ghcr)\.io\/|(docker\.io\/)?)linuxserver\/(webtop|firefox|chromium|obsidian|digikam|kdenlive|libreoffice|blender|krita|vscodium|brave|msedge|audacity|darktable|freecad|zotero)(?=[:@]|$)/;

const TLS_ONLY_IMAGES: readonly TlsOnlyImage[] = [
  {
    image: /^((lscr|ghcr)\.io\/|(docker\.io\/)?)(linuxserver\/unifi-(network-application|controller)|jacobalberty\/unifi|goofball222\/unifi)(?=[:@]|$)/,
    app: 'The UniFi Network Application', tlsPorts: [8443],
  },
  { image: /^(docker\.io\/)?mbentley\/omada-controller(?=[:@]|$)/, app: 'The Omada controller', tlsPorts: [8043, 8843], movedBy: ['MANAGE_HTTPS_PORT', 'PORTAL_HTTPS_PORT'] },
  { image: /^(docker\.io\/)?portainer\/portainer-(ce|ee)(?=[:@]|$)/, app: 'Portainer', tlsPorts: [9443], plainPort: 9000 },
  { image: LINUXSERVER_BROWSER_DESKTOP, app: "linuxserver.io's browser desktop", tlsPorts: [3001], plainPort: 3000, movedBy: ['CUSTOM_PORT', 'CUSTOM_HTTPS_PORT'] },
  { image: /^(docker\.io\/)?kasmweb\/[a-z0-9._-]+(?=[:@]|$)/, app: "Kasm's workspace image", tlsPorts: [6901] },
  { image: KEYCLOAK_IMAGE, app: 'Keycloak', tlsPorts: [8443], plainPort: 8080, movedBy: ['KC_HTTPS_PORT', 'KC_HTTP_PORT'] },
  // Kanidm takes TLS as mandatory on every connection, a load balancer's too.
  { image: KANIDM_IMAGE, app: 'Kanidm', tlsPorts: [8443], boundBy: 'KANIDM_BINDADDRESS' },
  { image: AUTHENTIK_IMAGE, app: 'Authentik', tlsPorts: [9443], plainPort: 9000, movedBy: ['AUTHENTIK_LISTEN__HTTPS', 'AUTHENTIK_LISTEN__HTTP'] },
  // Scrypted's management console: HTTPS on 10443 with a certificate it signs itself, plain HTTP on 11080.
  // Sunshine's web UI (its base port plus one) and the GameStream pairing port Moonlight calls (base minus five) answer
  // HTTPS alone, with the certificate Sunshine makes; its base port, 47989, is the plain HTTP one Moonlight also calls.
  { image: /^(ghcr\.io\/|(docker\.io\/)?)lizardbyte\/sunshine(?=[:@]|$)/, app: 'Sunshine', tlsPorts: [47990, 47984] },
  { image: /^(ghcr\.io\/|(docker\.io\/)?)koush\/scrypted(?=[:@]|$)/, app: 'Scrypted', tlsPorts: [10443], plainPort: 11080, movedBy: ['SCRYPTED_SECURE_PORT', 'SCRYPTED_INSECURE_PORT'] },
  // Actual's server serves HTTPS in place of HTTP on its one port once given a key and a certificate, as a guide for a
  // browser reaching it directly does (its web app needs a secure context); behind a route the ingress is the HTTPS.
  {
    image: ACTUAL_SERVER_IMAGE, app: "Actual's server", tlsPorts: [5006], movedBy: ['ACTUAL_PORT'],
    tlsBy: ['ACTUAL_HTTPS_KEY', 'ACTUAL_HTTPS_CERT'],
  },
];

/** A port of an image that answers only TLS: the app, as messages name it, and the port that serves plain HTTP. */
export interface TlsOnlyPort {
  readonly app: string;
  readonly plainPort?: number;
  /** The variables that turned TLS on, which left out serve plain HTTP again. */
  readonly tlsBy?: readonly string[];
}

/**
 * Whether `image` answers only TLS on container port `port`, given the variables its container sets (`env`, by
 * name): undefined for any other image or port, and where a variable that moves the image's ports is set. Pure.
 */
export function tlsOnlyPort(image: unknown, port: unknown, env: Readonly<Record<string, unknown>>): TlsOnlyPort | undefined {
  if (typeof image !== 'string' || typeof port !== 'number') {
    return undefined;
  }
  const known = imageRows(TLS_ONLY_IMAGES, image)[0];
  if (known === undefined || (known.movedBy ?? []).some((name) => env[name] !== undefined) || (known.tlsBy ?? []).some((name) => env[name] === undefined || env[name] === '')) {
    return undefined;
  }
  const bound = known.boundBy === undefined ? undefined : env[known.boundBy];
  const tlsPorts = bound === undefined ? known.tlsPorts : [boundPort(bound)];
  return tlsPorts.includes(port) ? { app: known.app, plainPort: known.plainPort, tlsBy: known.tlsBy } : undefined;
}

/** The port of a bind address (`[::]:8443`, `0.0.0.0:8443`); undefined where none is written. Pure. */
function boundPort(address: unknown): number | undefined {
  const port = typeof address === 'string' ? /:(\d{1,5})\s*$/.exec(address)?.[1] : undefined;
  return port === undefined ? undefined : Number(port);
}

/**
 * The end of a hint on a plain HTTP route or probe to a port where TLS is on only because `tls.tlsBy` turned it on:
 * leaving those out serves plain HTTP again, as the route's ingress already serves the browser HTTPS; empty for an
 * image whose TLS is always on. Pure.
 */
export function tlsTurnedOffHint(tls: TlsOnlyPort): string {
  return tls.tlsBy === undefined ? '' : `; or leave out ${tls.tlsBy.join(' and ')}, and the port serves plain HTTP again (the route's ingress gives the browser HTTPS)`;
}

/** The words of a finding on plain HTTP `by` a route or a probe to port `port`, where `tls` answers only TLS. */
export function plainHttpToTlsPort(port: number, tls: TlsOnlyPort, by: 'a route' | 'the probe'): string {
  return `${by} speaks plain HTTP to port ${port}, where ${tls.app} answers only TLS: `
    + 'every request is refused ("400 Bad Request: the plain HTTP request was sent to HTTPS port")';
}
