import type { RouteIntent } from '../platform/route-flavor';
import { givenSettings } from './image-settings';
import { imageRows } from './image-rows';

// An app that serves its pages under a URL base answers only below it, and writes it into every link of its
// pages. A route that sends `/sonarr/…` unchanged to an app whose URL base is the root gets its 404; a route
// that strips the prefix first gets pages whose links point at the root, which the route does not serve.

/** An image that serves its pages under one URL base, and the variable that sets it. */
interface UrlBaseImage {
  /** The image, by repository, under any registry or owner (linuxserver.io's, hotio's, home-operations'). */
  readonly image: RegExp;
  /** The app, as messages name it. */
  readonly app: string;
  /** The variable that sets the URL base (`/sonarr`), which overrides its configuration file. */
  readonly env: string;
  /** Flags of its arguments that set it too (Spring Boot's `--server.servlet.context-path=/comics`). @default - none */
  readonly flags?: readonly string[];
  /** Where its own settings keep the URL base, which synthesis does not read. */
  readonly setting: string;
}

/**
 * The *arr apps: .NET reads `<APP>__SERVER__URLBASE` over `UrlBase` of their `config.xml` (Settings → General).
 * Navidrome: `ND_BASEURL`, a path or a whole URL whose path is the base (its `navidrome.toml` may say `BaseURL`).
 * Komga: Spring Boot's `SERVER_SERVLET_CONTEXT_PATH` (`server.servlet.context-path` of `/config/application.yml`), or
 * the same property as an argument, which its image's entrypoint hands to Spring Boot.
 */
const URL_BASE_IMAGES: readonly UrlBaseImage[] = [
  ...(['Sonarr', 'Radarr', 'Lidarr', 'Readarr', 'Prowlarr', 'Whisparr'] as const).map((app) => ({
    image: new RegExp(`(^|/)${app.toLowerCase()}(?=[:@]|$)`), app, env: `${app.toUpperCase()}__SERVER__URLBASE`, setting: 'UrlBase of config.xml',
  })),
  { image: /^((docker\.io|ghcr\.io)\/)?(deluan|navidrome)\/navidrome(?=[:@]|$)/, app: 'Navidrome', env: 'ND_BASEURL', setting: 'BaseURL of navidrome.toml' },
  { image: /^((docker\.io|ghcr\.io)\/)?gotson\/komga(?=[:@]|$)/, app: 'Komga', env: 'SERVER_SERVLET_CONTEXT_PATH', flags: ['--server.servlet.context-path'], setting: 'server.servlet.context-path of application.yml' },
];

/** A finding of {@link urlBaseProblems}: an error where the variable says otherwise, a warning where the app's own settings may say it. */
export interface UrlBaseProblem {
  readonly severity: 'error' | 'warning';
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/** `/sonarr/` and `/sonarr` alike, and the path of a whole URL (`https://lab.example/music`); the root is ''. */
const normalBase = (path: string) => path.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');

/**
 * The first path of an app's routes (`routes`, each with the field it was declared under) that sends a
 * prefix other than the root, unchanged, to the app's own Service, when the app's image serves its pages
 * under a URL base ({@link URL_BASE_IMAGES}) that is not that prefix: an error on the variable when it sets
 * another URL base, a warning on the path when it sets none (the app's own settings may). A rule that
 * redirects, rewrites, or sends to another Service, and a value from a Secret, are left alone. Pure.
 */
export function urlBaseProblems(image: unknown, env: Readonly<Record<string, unknown>>, app: string,
  routes: ReadonlyArray<{ readonly intent: RouteIntent; readonly field: string }>, args?: unknown): UrlBaseProblem[] {
  const known = typeof image === 'string' ? imageRows(URL_BASE_IMAGES, image)[0] : undefined;
  const byFlag = env[known?.env ?? ''] === undefined && known?.flags !== undefined ? givenSettings({ args }, { env: [], flags: known.flags })[0] : undefined;
  const given = known === undefined ? undefined : env[known.env] ?? byFlag;
  if (known === undefined || (given !== undefined && typeof given !== 'string')) {
    return [];
  }
  const paths = routes.flatMap(({ intent, field }) => (intent.rules === undefined
    ? [{ path: intent.path, field: `${field}.path` }]
    : intent.rules.filter((rule) => rule.redirect === undefined && rule.rewrite === undefined
      && (rule.backends ?? [{}]).every((backend) => backend.service === undefined || backend.service === app))
      .map((rule) => ({ path: rule.path, field: `${field}.rules[${intent.rules!.indexOf(rule)}].path` }))));
  const base = given === undefined ? '' : normalBase(given);
  const wrong = paths.find(({ path }) => typeof path === 'string' && normalBase(path) !== '' && normalBase(path) !== base);
  if (wrong === undefined) {
    return [];
  }
  const prefix = normalBase(wrong.path!);
  const serves = base === '' ? 'at the root' : `under ${base}`;
  return [{
    severity: given === undefined ? 'warning' : 'error',
    field: given === undefined ? wrong.field : byFlag !== undefined ? 'args' : `env.${known.env}`,
    message: `${known.app} serves its pages ${serves}${given === undefined ? ` unless ${known.setting} sets another URL base` : `, where ${byFlag !== undefined ? known.flags![0] : `env.${known.env}`} puts them`}, `
      + `and the route at ${wrong.field} sends ${prefix}/… to it unchanged: it would answer 404 there, and its pages link below its URL base`,
    hint: `set the URL base to the route's path: ${byFlag !== undefined ? `${known.flags![0]}=${prefix} in args` : `env: { ${known.env}: '${prefix}' }`}; or give ${known.app} a host of its own at the root: route: { host: '${app}' }`,
  }];
}
