import type { PropProblem } from '../validation/known-props';
import { urlHost } from './host-lists';

// Zitadel serves a request only when its protocol, host and port are the ones it is told it is reached at
// (`ExternalSecure`, `ExternalDomain`, `ExternalPort`), and writes them into the issuer of its tokens and every URL of
// its discovery document. Unless told, it takes itself for https://localhost:8080, the port its own pod listens on:
// behind a route of the lab every page answers "Instance not found", and no app's sign-in gets through.

/** Zitadel's image, on GitHub's registry (and Docker Hub's mirror). */
const ZITADEL_IMAGE = /^(ghcr\.io\/|(docker\.io\/)?)zitadel\/zitadel(?=[:@]|$)/;

/** The port Zitadel listens on, and takes as its external port, unless told another (`Port`, `ExternalPort`). */
const ZITADEL_PORT = 8080;

/** Whether the words of a container name a configuration file (`--config /zitadel.yaml`), which may set the external settings. */
const namesConfigFile = (words: readonly string[]): boolean => words.some((word) => word === '--config' || word.startsWith('--config='));

/**
 * The external settings of a Zitadel app routed at `routeHosts` that its route does not match, each on its variable:
 * `ZITADEL_EXTERNALDOMAIN` left out (Zitadel takes `localhost`), written as a URL or with a port, or a host no route of
 * the app serves; and, where the routes serve `https` (plain HTTP only redirected there), `ZITADEL_EXTERNALSECURE`
 * turned off, or `ZITADEL_EXTERNALPORT` left at the port its pod listens on (8080 unless `ZITADEL_PORT` moves it) or
 * given 80. A setting left out while a configuration file is named (`--config`) may be set there, and one read from a
 * Secret or a ConfigMap may hold the right value: either is left alone;
 * another external port (a node port of the ingress) may be where the lab reaches it. Nothing for another image or an
 * app without routes. Pure.
 */
export function zitadelExternalProblems(
  image: unknown, env: Readonly<Record<string, unknown>>, words: readonly unknown[], routeHosts: readonly string[], https: boolean,
): PropProblem[] {
  if (typeof image !== 'string' || !ZITADEL_IMAGE.test(image) || routeHosts.length === 0) {
    return [];
  }
  const configFile = namesConfigFile(words.map(String));
  const given = (name: string): string | undefined => (typeof env[name] === 'string' || typeof env[name] === 'number' ? String(env[name]).trim() : undefined);
  // A setting read from a Secret or a ConfigMap is set, to a value synthesis cannot read.
  const fromReference = (name: string): boolean => env[name] !== undefined && env[name] !== null && given(name) === undefined;
  const host = routeHosts[0];
  const problems: PropProblem[] = [];
  const domain = given('ZITADEL_EXTERNALDOMAIN');
  if (domain === undefined && !configFile && !fromReference('ZITADEL_EXTERNALDOMAIN')) {
    problems.push({
      field: 'env.ZITADEL_EXTERNALDOMAIN',
      message: `Zitadel is not told the host it is reached at, so it takes itself for localhost: every request at ${host} answers "Instance not found", and the issuer of its tokens names localhost`,
      hint: `give it the route's host: env: { ZITADEL_EXTERNALDOMAIN: '${host}' }`,
    });
  } else if (domain !== undefined) {
    const named = urlHost(domain) ?? /^([a-z0-9.-]+?)\.?(?::\d+)?$/i.exec(domain)?.[1]?.toLowerCase();
    if (named !== undefined && (named !== domain.toLowerCase() || !routeHosts.includes(named))) {
      const onRoute = routeHosts.includes(named);
      problems.push({
        field: 'env.ZITADEL_EXTERNALDOMAIN',
        message: onRoute
          ? `ZITADEL_EXTERNALDOMAIN is a host name alone, but is given ${domain}: Zitadel would compare every request's host with that text and answer "Instance not found"`
          : `Zitadel is told it is reached at host ${named}, which no route of this app serves (${routeHosts.join(', ')}): every request at the route answers "Instance not found", and its tokens name another issuer`,
        hint: `write the route's host alone (the scheme goes to ZITADEL_EXTERNALSECURE, the port to ZITADEL_EXTERNALPORT): ZITADEL_EXTERNALDOMAIN: '${onRoute ? named : host}'`,
      });
    }
  }
  if (!https) {
    return problems;
  }
  if (given('ZITADEL_EXTERNALSECURE')?.toLowerCase() === 'false') {
    problems.push({
      field: 'env.ZITADEL_EXTERNALSECURE',
      message: `Zitadel is told it is reached over plain http, but the route serves ${host} on https alone: it refuses the requests that come over https and writes http:// into the issuer of its tokens`,
      hint: "tell it the route's scheme (the ingress ends TLS; ZITADEL_TLS_ENABLED: 'false' keeps the pod on plain HTTP): ZITADEL_EXTERNALSECURE: 'true'",
    });
  }
  const listens = fromReference('ZITADEL_PORT') ? undefined : Number(given('ZITADEL_PORT') ?? ZITADEL_PORT);
  const port = given('ZITADEL_EXTERNALPORT');
  const external = port === undefined ? (configFile || fromReference('ZITADEL_EXTERNALPORT') ? undefined : ZITADEL_PORT) : Number(port);
  if (external !== undefined && (external === listens || external === 80)) {
    problems.push({
      field: 'env.ZITADEL_EXTERNALPORT',
      message: port === undefined
        ? `Zitadel is not told the port it is reached at, so it takes its own, ${ZITADEL_PORT}: the route serves ${host} on 443, where every request answers "Instance not found", and its tokens name https://${host}:${ZITADEL_PORT} as their issuer`
        : `Zitadel is told it is reached on port ${external}, but the route serves ${host} on https, port 443: every request answers "Instance not found", and its tokens name https://${host}:${external} as their issuer`,
      hint: "give it the port of the route's https: env: { ZITADEL_EXTERNALPORT: '443' }",
    });
  }
  return problems;
}
