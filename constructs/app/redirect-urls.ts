import type { PropProblem } from '../validation/known-props';

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

/** The host of an absolute http(s) URL, in lower case; undefined for anything else (a path, a reference). */
function urlHost(value: string): string | undefined {
  const url = /^https?:\/\/(?:[^@/?#]*@)?([a-z0-9.-]+?)\.?(?::\d{1,5})?(?=[/?#]|$)/i.exec(value);
  return url?.[1].toLowerCase();
}

/**
 * Images that are told the URL people reach them at, and check requests against it: Vaultwarden's `DOMAIN` (the
 * origin of its WebAuthn logins and the links it mails), Paperless-ngx's `PAPERLESS_URL` (its CSRF-trusted origin,
 * which a login form posted from another refuses), Grafana's `GF_SERVER_ROOT_URL` and Gitea's `ROOT_URL` (where they
 * send the browser, and the redirect URI of their OAuth sign-in), Mealie's `BASE_URL` (its shared links and OIDC).
 */
const PUBLIC_URL_VARIABLES: ReadonlyArray<{ readonly image: RegExp; readonly name: string; readonly app: string; readonly checks: string }> = [
  { image: /^(docker\.io\/)?vaultwarden\/server(?=[:@]|$)/, name: 'DOMAIN', app: 'Vaultwarden', checks: 'its WebAuthn logins and the links it mails name that origin' },
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
    image: /^(ghcr\.io\/mealie-recipes\/|(docker\.io\/)?hkotel\/)mealie(?=[:@]|$)/, name: 'BASE_URL', app: 'Mealie',
    checks: 'the links it shares and mails and the redirect URI of its OIDC sign-in name that host',
  },
];

/**
 * The redirect URLs among an app's `env` and `args`, and the URL its image is told it is reached at (`image`'s
 * {@link PUBLIC_URL_VARIABLES}), whose host is none of `routeHosts`, the host names its routes serve; each on its
 * prop (`env.<NAME>`, `args[<i>]`). Nothing for an app without routes. Pure.
 */
export function redirectUrlProblems(env: Readonly<Record<string, unknown>>, args: readonly unknown[], routeHosts: readonly string[], image?: unknown): PropProblem[] {
  if (routeHosts.length === 0) {
    return [];
  }
  const hosts = routeHosts.map((host) => host.toLowerCase());
  const given: Array<{ field: string; written: (url: string) => string; url: string; publicUrl?: { readonly app: string; readonly checks: string } }> = [];
  const ownUrl = typeof image === 'string' ? PUBLIC_URL_VARIABLES.find((known) => known.image.test(image)) : undefined;
  for (const [name, value] of Object.entries(env)) {
    if (REDIRECT_VARIABLE.test(name) && typeof value === 'string') {
      given.push({ field: `env.${name}`, written: (url) => `${name}: '${url}'`, url: value });
    } else if (ownUrl?.name === name && typeof value === 'string') {
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
  return given.flatMap(({ field, written, url, publicUrl }) => {
    const host = urlHost(url);
    if (host === undefined || hosts.includes(host)) {
      return [];
    }
    const meant = url.replace(/^(https?:\/\/(?:[^@/?#]*@)?)[^/:?#]+/i, `$1${routeHosts[0]}`);
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
  });
}
