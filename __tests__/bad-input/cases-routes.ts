import { HomelabApp, traefik } from '../../constructs';
import type { ClusterChart, RouteIntent, RouteRuleIntent } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Route props written without our tests at hand: each synthesized before, and each broke the route
// silently (a Location without its slash, a router Traefik skips, a rewrite that never ran).
const appWith = (route: RouteIntent) => guarded((cluster: ClusterChart) =>
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route }));
const rule = (name: string, r: RouteRuleIntent, field: string, gatewayCluster = false): BadInput =>
  ({ name, gatewayCluster, build: appWith({ host: 'web', rules: [r] }), layer: 'props', path: 'web', field });

export const CASES: BadInput[] = [
  rule('a redirect path without its leading slash', { path: '/old', redirect: { path: 'new' } }, 'route.rules[0].redirect.path'),
  rule('a redirect host name given as a URL', { redirect: { hostname: 'https://other.example.com/' } }, 'route.rules[0].redirect.hostname'),
  rule('a redirect port above 65535', { redirect: { port: 70000 } }, 'route.rules[0].redirect.port'),
  rule('a redirect port that is no whole number', { redirect: { port: 80.5 } }, 'route.rules[0].redirect.port'),
  rule('a redirect status code the route does not offer', { redirect: { statusCode: 308 as any } }, 'route.rules[0].redirect.statusCode'),
  rule('a header match whose name has a space', { headers: [{ name: 'X Tenant', value: 'a' }] }, 'route.rules[0].headers[0].name'),
  rule('a header regex with an unbalanced bracket', { headers: [{ name: 'X-Tenant', value: '([a-z', type: 'RegularExpression' }] }, 'route.rules[0].headers[0].value'),
  rule('a header regex with a lookahead, which RE2 lacks (Gateway API)', { headers: [{ name: 'X-Tenant', value: '^(?!admin).*$', type: 'RegularExpression' }] }, 'route.rules[0].headers[0].value', true),
  rule('a header regex with a backreference, which Go regexp lacks', { headers: [{ name: 'X-Tenant', value: '^(a)\\1$', type: 'RegularExpression' }] }, 'route.rules[0].headers[0].value'),
  rule('a request header set under a name with a colon', { requestHeaders: { set: { 'X-Lab:': 'yes' } } }, 'route.rules[0].requestHeaders.set.X-Lab:'),
  rule('a rule path with a query string', { path: '/api?x=1' }, 'route.rules[0].path'),
  rule('a redirect and a rewrite in one rule (Traefik)', { path: '/old', redirect: { path: '/new' }, rewrite: { path: '/v1' } }, 'route.rules[0].rewrite'),
  rule('a redirect and a rewrite in one rule (Gateway API)', { path: '/old', redirect: { path: '/new' }, rewrite: { path: '/v1' } }, 'route.rules[0].rewrite', true),
  rule('a rewrite of both the whole path and its prefix', { path: '/api', rewrite: { path: '/v1', pathPrefix: '/v2' } }, 'route.rules[0].rewrite'),
  {
    name: 'a route path with a fragment',
    build: appWith({ host: 'web', path: '/api#top' }), layer: 'props', path: 'web', field: 'route.path',
  },
  {
    name: 'a single-rule route path with a query string',
    build: appWith({ host: 'web', path: '/api?x=1' }), layer: 'props', path: 'web', field: 'route.path',
  },
  {
    name: 'a wildcard host, which the Traefik Host matcher takes literally',
    build: appWith({ host: '*.apps' }), layer: 'references', path: 'web', field: 'route.host',
  },
  {
    name: 'a host outside the domain that the Gateway listeners answer',
    gatewayCluster: true, build: appWith({ host: '*.apps' }), layer: 'references', path: 'web', field: 'route.host',
  },
  {
    name: 'a Traefik entry point the install does not define',
    build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, routes: traefik({ nodePorts: true, entryPoints: ['web-secure'] }) })),
    layer: 'props', path: 'edge', field: 'routes.entryPoints[0]',
  },
  {
    name: 'addRoute with a path without its leading slash is named by the call',
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }).addRoute('web', 'api')),
    layer: 'props', path: 'web', field: 'addRoute(web).path',
  },
];
