import type { PropProblem } from '../validation/known-props';
import { hostListProblems, urlHost } from './host-lists';
import { GHOST_IMAGE } from './ghost-mail-tls';
import { KEYCLOAK_IMAGE } from './keycloak-start';
import { AFFINE_IMAGE, BOOKSTACK_IMAGE, KARAKEEP_IMAGE, LINKWARDEN_IMAGE, MATTERMOST_IMAGE, MEALIE_IMAGE, N8N_IMAGE, OUTLINE_IMAGE, PLANKA_IMAGE, ROCKET_CHAT_IMAGE, VAULTWARDEN_IMAGE, VIKUNJA_IMAGE, WGER_IMAGE } from './household-app-images';
import { imageRows } from './image-rows';

/** Pocket ID's image: GitHub's registry and Docker Hub, and its name before 1.0 (`stonith404/pocket-id`). */
export const POCKET_ID_IMAGE = /^(ghcr\.io\/pocket-id\/|(docker\.io\/)?(pocketid|stonith404)\/)pocket-id(?=[:@]|$)/;

/** Plausible Analytics' image: the community edition on GitHub's registry, and Docker Hub's `plausible/analytics` before it. */
export const PLAUSIBLE_IMAGE = /^(ghcr\.io\/plausible\/community-edition|(docker\.io\/)?plausible\/analytics)(?=[:@]|$)/;

/** Activepieces' image, from Docker Hub or GitHub's registry. */
const ACTIVEPIECES_IMAGE = /^((docker\.io|ghcr\.io)\/)?activepieces\/activepieces(?=[:@]|$)/;

/** Kanidm's server image (`kanidm/server`, and `kanidm/kanidmd` as its older builds were named). */
export const KANIDM_IMAGE = /^((docker\.io|ghcr\.io)\/)?kanidm\/(server|kanidmd)(?=[:@]|$)/;

// An app that signs people in through an OpenID Connect or OAuth issuer (oauth2-proxy, or an app with a login
// of its own) tells the issuer where to send the browser back: its redirect URL. The issuer sends it there
// after the sign-in, so a URL on a host the app's route does not serve, copied from another app, ends every
// sign-in at the other app (or nowhere). So does the URL an app is told it is reached at, where it checks requests
// or names itself by it (Vaultwarden's DOMAIN, Paperless-ngx's PAPERLESS_URL, Grafana's GF_SERVER_ROOT_URL), copied from
// the old server's compose file, or left on the old domain when the site's domain changed.

/** Variables that hold the redirect URL an app gives its issuer (`OAUTH2_PROXY_REDIRECT_URL`, `OIDC_REDIRECT_URI`, `CALLBACK_URL`). */
const REDIRECT_VARIABLE = /(?:^|_)(?:REDIRECT|CALLBACK)_?UR[IL]$/i;

/** Flags that give it on the command line (`--redirect-url=…`, oauth2-proxy's). */
const REDIRECT_FLAG = /^--?(?:redirect|callback)[-_]ur[il]$/i;


/**
 * Images that are told the URL people reach them at, and check requests against it: Vaultwarden's `DOMAIN` (the
 * origin of its WebAuthn logins and the links it mails), Paperless-ngx's `PAPERLESS_URL` (its CSRF-trusted origin,
 * which a login form posted from another refuses), Grafana's `GF_SERVER_ROOT_URL` and Gitea's `ROOT_URL` (where they
 * send the browser, and the redirect URI of their OAuth sign-in), Mealie's `BASE_URL` (its shared links and OIDC),
 * Woodpecker's server's `WOODPECKER_HOST` (the webhooks it registers at the forge, and its login's redirect URI), Jitsi
 * Meet's web image's `PUBLIC_URL` (the host of the XMPP websocket its page opens), Keycloak's
 * `KC_HOSTNAME` written as a URL (the issuer its tokens name), BookStack's `APP_URL` (every link, asset and redirect it
 * makes), Outline's `URL` (its links, and the redirect URI of its sign-in), AFFiNE's `AFFINE_SERVER_EXTERNAL_URL` (the
 * links it mails and shares, and the redirect URI of its OAuth sign-in), n8n's `WEBHOOK_URL` (`N8N_WEBHOOK_URL` from
 * 2.35; the webhook URLs it shows and registers with outside services, which call them from outside the cluster), the
 * `NEXTAUTH_URL` of Linkwarden and Karakeep (NextAuth's, where it sends the browser after each sign-in and sign-out,
 * and the redirect URI of an OAuth sign-in; either scheme works, as the ingress sends plain HTTP on to HTTPS), Vikunja's
 * `VIKUNJA_SERVICE_PUBLICURL` (`VIKUNJA_SERVICE_FRONTENDURL` before 0.22; the links it mails and the redirect URI of its
 * OpenID sign-in), Planka's `BASE_URL` (its socket server admits that origin alone, so a board opened elsewhere loads
 * forever), Ghost's `url` (every link, asset and mailed sign-in link it writes, and the host it sends its admin to),
 * Plausible's `BASE_URL` (the host of the tracking script its snippet gives each site, and the one origin its live
 * pages' websockets are admitted from), Activepieces' `AP_FRONTEND_URL` (the redirect URL of its OAuth2 connections and the
 * URL of every webhook trigger, which outside services call), Mattermost's `MM_SERVICESETTINGS_SITEURL` (the links it mails and pushes, and
 * the redirect URI of its GitLab, OpenID and SAML sign-in), Rocket.Chat's `ROOT_URL` (its Site URL: the links it mails,
 * the links of its uploaded files and the redirect URI of its OAuth sign-in), Passbolt's `APP_FULL_BASE_URL` (the links it
 * mails, and the domain its browser extension is set up for), Infisical's `SITE_URL` (the links it mails and the redirect URI
 * of its SSO sign-in), wger's `SITE_URL` (its Site, the links of the exercise media its API hands the mobile app, and
 * the links it mails), and the identity providers that bind passkeys and their tokens' issuer to the origin they are told: Pocket ID's `APP_URL`
 * (`PUBLIC_APP_URL` before 1.0) and Kanidm's `KANIDM_ORIGIN`. An image may be told by more than one variable.
 */
const PUBLIC_URL_VARIABLES: ReadonlyArray<{ readonly image: RegExp; readonly name: string; readonly app: string; readonly checks: string; readonly anyScheme?: boolean }> = [
  { image: VAULTWARDEN_IMAGE, name: 'DOMAIN', app: 'Vaultwarden', checks: 'its WebAuthn logins and the links it mails name that origin' },
  {
    image: /^(ghcr\.io\/paperless-ngx\/|(docker\.io\/)?paperlessngx\/)paperless-ngx(?=[:@]|$)/, name: 'PAPERLESS_URL', app: 'Paperless-ngx',
    checks: 'it trusts form posts from that origin alone, so every login from the route fails its CSRF check',
  },
  {
    image: /^(docker\.io\/)?grafana\/grafana(-oss|-enterprise)?(?=[:@]|$)/, name: 'GF_SERVER_ROOT_URL', app: 'Grafana',
    checks: 'it sends the browser there after a login, and gives that host in the redirect URI of its OAuth sign-in, which the issuer then refuses',
  },
  {
    image: /^(docker\.io\/)?gitea\/gitea(?=[:@]|$)/, name: 'GITEA__server__ROOT_URL', app: 'Gitea',
    checks: 'its clone URLs, the links it mails and the redirect URI of its OAuth sign-in name that host',
  },
  {
    image: MEALIE_IMAGE, name: 'BASE_URL', app: 'Mealie',
    checks: 'the links it shares and mails and the redirect URI of its OIDC sign-in name that host',
  },
  {
    image: /^((docker\.io|quay\.io)\/)?woodpeckerci\/woodpecker-server(?=[:@]|$)/, name: 'WOODPECKER_HOST', app: "Woodpecker's server",
    checks: 'it registers the webhook of each repository it activates at that host, which the forge calls from outside the cluster, and gives it as the redirect URI of its forge login',
  },
  {
    image: BOOKSTACK_IMAGE, name: 'APP_URL', app: 'BookStack',
    checks: 'it writes every link, asset and redirect on that URL, so pages reached at the route load no styles and each login redirects there',
  },
  {
    image: OUTLINE_IMAGE, name: 'URL', app: 'Outline',
    checks: 'its links, its websocket and the redirect URI of its sign-in name that host, so every sign-in ends there',
  },
  {
    image: AFFINE_IMAGE, name: 'AFFINE_SERVER_EXTERNAL_URL', app: 'AFFiNE',
    checks: 'the invitation and sign-in links it mails, the links it shares and the redirect URI of its OAuth sign-in name that host',
  },
  ...['WEBHOOK_URL', 'N8N_WEBHOOK_URL'].map((name) => ({
    image: N8N_IMAGE, name, app: 'n8n',
    checks: 'it shows its webhooks at that URL and registers them there with outside services (a Telegram or GitHub trigger), which call it from outside the cluster',
  })),
  {
    image: /^(docker\.io\/)?jitsi\/web(?=[:@]|$)/, name: 'PUBLIC_URL', app: 'Jitsi Meet',
    checks: 'its page opens the XMPP websocket of every meeting at wss://<that host>/xmpp-websocket, so a meeting joined at the route disconnects at once',
  },
  ...['APP_URL', 'PUBLIC_APP_URL'].map((name) => ({
    image: POCKET_ID_IMAGE, name, app: 'Pocket ID',
    checks: 'it binds every passkey to that origin (WebAuthn refuses one registered at another, and any origin that is not https) and names it as the issuer of its tokens',
  })),
  {
    image: KANIDM_IMAGE, name: 'KANIDM_ORIGIN', app: 'Kanidm',
    checks: "it binds every passkey to that origin, names it as the issuer of its OAuth2 tokens, and refuses a browser's request that comes from another origin",
  },
  ...[{ image: LINKWARDEN_IMAGE, app: 'Linkwarden' }, { image: KARAKEEP_IMAGE, app: 'Karakeep' }].map(({ image, app }) => ({
    image, name: 'NEXTAUTH_URL', app, anyScheme: true,
    checks: 'NextAuth sends the browser there after every sign-in and sign-out, and gives it as the redirect URI of an OAuth sign-in',
  })),
  ...['VIKUNJA_SERVICE_PUBLICURL', 'VIKUNJA_SERVICE_FRONTENDURL'].map((name) => ({
    image: VIKUNJA_IMAGE, name, app: 'Vikunja',
    checks: 'the links it mails and the redirect URI of its OpenID sign-in (<URL>auth/openid/<provider>) name that host, so every sign-in through an issuer ends there',
  })),
  {
    image: PLANKA_IMAGE, name: 'BASE_URL', app: 'Planka',
    checks: "its socket server admits connections from that origin alone, and a browser's origin is the route's, so after the login every board loads forever",
  },
  {
    image: GHOST_IMAGE, name: 'url', app: 'Ghost',
    checks: 'it writes every link, asset and mailed sign-in link on that URL and sends its admin there, so the blog reached at the route links elsewhere',
  },
  {
    image: PLAUSIBLE_IMAGE, name: 'BASE_URL', app: 'Plausible',
    checks: "the snippet it gives each site loads its tracking script from that host, and its live pages admit websockets from that origin alone",
  },
  {
    image: ACTIVEPIECES_IMAGE, name: 'AP_FRONTEND_URL', app: 'Activepieces',
    checks: 'it builds the redirect URL of its OAuth2 connections and the URL of every webhook trigger on it, which outside services call from outside the cluster',
  },
  {
    image: MATTERMOST_IMAGE, name: 'MM_SERVICESETTINGS_SITEURL', app: 'Mattermost',
    checks: 'the links it mails and sends in push notifications and the redirect URI of its GitLab, OpenID and SAML sign-in name that host',
  },
  {
    image: ROCKET_CHAT_IMAGE, name: 'ROOT_URL', app: 'Rocket.Chat',
    checks: 'it takes that URL as its Site URL: uploaded files are linked at <that URL>/file-upload/…, its OAuth sign-in redirects there, and each administrator is asked at login to change the Site URL',
  },
  {
    image: /^(docker\.io\/)?passbolt\/passbolt(?=[:@]|$)/, name: 'APP_FULL_BASE_URL', app: 'Passbolt',
    checks: 'the invitation and recovery links it mails name that URL, and the browser extension set up from them is bound to that domain, so no account set up there signs in at the route',
  },
  {
    image: /^(docker\.io\/)?infisical\/infisical(?=[:@]|$)/, name: 'SITE_URL', app: 'Infisical',
    checks: 'the links it mails (invitations, sign-up and MFA codes) and the redirect URI of its SSO and OAuth sign-in name that URL',
  },
  {
    image: WGER_IMAGE, name: 'SITE_URL', app: 'wger', anyScheme: true,
    checks: 'it names the Site of its links on that URL as it starts, and the exercise images and videos its API hands the mobile app and the links it mails are written on it',
  },
  {
    image: KEYCLOAK_IMAGE, name: 'KC_HOSTNAME', app: 'Keycloak',
    checks: "it names that URL as the issuer of every token and in its discovery document, so apps that know the issuer at the route's host refuse its tokens",
  },
];

/**
 * Whether `name` is the variable that tells a container of `image` the URL people reach it at ({@link PUBLIC_URL_VARIABLES}):
 * browsers and outside services call that URL, not the pod, so a compose file's `http://localhost:8080` there is judged
 * against the app's routes alone. Pure.
 */
export function isPublicUrlVariable(image: unknown, name: string): boolean {
  return typeof image === 'string' && PUBLIC_URL_VARIABLES.some((known) => known.name === name && known.image.test(image));
}

/**
 * The redirect URLs among an app's `env` and `args`, and the URL its image is told it is reached at (`image`'s
 * {@link PUBLIC_URL_VARIABLES}), whose host is none of `routeHosts`, the host names its routes serve, or, where the
 * routes serve `https` alone (plain HTTP only redirected there), on `http://`, or on a route's host with one of `ownPorts`,
 * the ports the app's pods listen on (a guide's `https://idm.example.com:8443`); each on its prop (`env.<NAME>`,
 * `args[<i>]`); and the list of hosts its image answers ({@link HOST_LIST_VARIABLES}) that leaves a route host out.
 * Nothing for an app without routes. Pure.
 */
export function redirectUrlProblems(
  env: Readonly<Record<string, unknown>>, args: readonly unknown[], routeHosts: readonly string[], image?: unknown, https = false, ownPorts: readonly number[] = [],
): PropProblem[] {
  if (routeHosts.length === 0) {
    return [];
  }
  const hosts = routeHosts.map((host) => host.toLowerCase());
  const given: Array<{ field: string; written: (url: string) => string; url: string; publicUrl?: { readonly app: string; readonly checks: string; readonly anyScheme?: boolean } }> = [];
  const ownUrls = typeof image === 'string' ? imageRows(PUBLIC_URL_VARIABLES, image) : [];
  for (const [name, value] of Object.entries(env)) {
    const ownUrl = ownUrls.find((known) => known.name === name);
    if (REDIRECT_VARIABLE.test(name) && typeof value === 'string') {
      given.push({ field: `env.${name}`, written: (url) => `${name}: '${url}'`, url: value });
    } else if (ownUrl !== undefined && typeof value === 'string') {
      given.push({ field: `env.${name}`, written: (url) => `${name}: '${url}'`, url: value, publicUrl: ownUrl });
    }
  }
  args.forEach((arg, i) => {
    if (typeof arg !== 'string') {
      return;
    }
    const [flag, ...rest] = arg.split('=');
    const next = args[i + 1];
    if (REDIRECT_FLAG.test(flag) && rest.length > 0) {
      given.push({ field: `args[${i}]`, written: (url) => `'${flag}=${url}'`, url: rest.join('=') });
    } else if (REDIRECT_FLAG.test(arg) && typeof next === 'string') {
      given.push({ field: `args[${i + 1}]`, written: (url) => `'${url}'`, url: next });
    }
  });
  return [...hostListProblems(env, routeHosts, image), ...given.flatMap(({ field, written, url, publicUrl }) => {
    const host = urlHost(url);
    if (host === undefined) {
      return [];
    }
    if (hosts.includes(host)) {
      const ownPort = urlPort(url);
      if (ownPort !== undefined && ownPorts.includes(ownPort) && ownPort !== 80 && ownPort !== 443) {
        return [ownPortUrlProblem(field, written(url.replace(`:${ownPort}`, '').replace(/^http:/i, https ? 'https:' : 'http:')), url, host, ownPort, publicUrl)];
      }
      return https && /^http:\/\//i.test(url) && publicUrl?.anyScheme !== true ? [plainHttpUrlProblem(field, written(url.replace(/^http:/i, 'https:')), url, host, publicUrl)] : [];
    }
    // The route serves its host on the ingress' own port: a Service's port (`http://grafana.monitoring:3000`) is not it.
    const meant = url.replace(/^(https?)(:\/\/(?:[^@/?#]*@)?)(?:\[[^\]]*\]|[^/:?#]+)(?::\d*)?/i, (_, scheme: string, rest: string) => `${https ? 'https' : scheme}${rest}${routeHosts[0]}`);
    if (publicUrl !== undefined) {
      return [{
        field,
        message: `${publicUrl.app} is told it is reached at ${url}, on host ${host}, which no route of this app serves (${routeHosts.join(', ')}): ${publicUrl.checks}`,
        hint: `write the URL of the app's own route host: ${written(meant)}`,
      }];
    }
    return [{
      field,
      message: `the redirect URL ${url} is on host ${host}, which no route of this app serves (${routeHosts.join(', ')}): the issuer sends the browser there after every sign-in, so the sign-in never comes back to this app`,
      hint: `write the URL on the app's own route host, ${written(meant)}, and register that URL as the redirect URI of the issuer's client`,
    }];
  })];
}

/** The port a URL names after its host (`https://idm.example.com:8443/` → 8443), or undefined where it names none. Pure. */
function urlPort(url: string): number | undefined {
  const port = /^https?:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^/:?#]+):(\d{1,5})(?=[/?#]|$)/i.exec(url)?.[1];
  return port === undefined ? undefined : Number(port);
}

/**
 * The problem of a redirect URL, or the URL an image is told it is reached at, on a route's host with the port the
 * app's own pods listen on, as a guide that publishes the container's port writes it: the route serves the host on
 * the ingress' port, where the browser's origin has none, and nothing answers that host on the pod's port. Pure.
 */
function ownPortUrlProblem(field: string, written: string, url: string, host: string, port: number, publicUrl?: { readonly app: string; readonly checks: string }): PropProblem {
  return {
    field,
    message: publicUrl !== undefined
      ? `${publicUrl.app} is told it is reached at ${url}, on port ${port}, where its pod listens, but the route serves ${host} on the ingress' own port, where the browser's origin names none: ${publicUrl.checks}`
      : `the redirect URL ${url} names port ${port}, where the app's pod listens, but the route serves ${host} on the ingress' own port: the issuer sends the browser to a port nothing answers on that host`,
    hint: `write the URL the route serves, without the pod's port: ${written}${publicUrl === undefined ? ", and register that URL as the redirect URI of the issuer's client" : ''}`,
  };
}

/**
 * The problem of a redirect URL, or the URL an image is told it is reached at, written on `http://` for a host the
 * routes serve on HTTPS alone: the browser comes from the https origin, the issuer compares a redirect URI with the
 * registered one character by character, and an app that checks the origin of form posts (Paperless-ngx) or makes
 * its links and cookies from it (Vaultwarden's WebAuthn needs a secure origin) refuses or breaks the sign-in. Pure.
 */
function plainHttpUrlProblem(field: string, written: string, url: string, host: string, publicUrl?: { readonly app: string; readonly checks: string }): PropProblem {
  return {
    field,
    message: publicUrl !== undefined
      ? `${publicUrl.app} is told it is reached at ${url}, on plain http, but the route serves ${host} on https alone (plain HTTP is only redirected there): ${publicUrl.checks}, and the browser's origin is https`
      : `the redirect URL ${url} is on plain http, but the route serves ${host} on https alone (plain HTTP is only redirected there): the issuer compares the redirect URI with the registered one exactly, and the session cookie set over https does not come back on http`,
    hint: `write the https URL the route serves: ${written}${publicUrl === undefined ? ", and register that URL as the redirect URI of the issuer's client" : ''}`,
  };
}
