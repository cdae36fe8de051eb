import { HomelabApp } from '../../constructs';
import type { ClusterChart, RouteIntent, RouteRuleIntent } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Route rules and TCP routes that synthesized before and then failed in the ingress: a header value the
// proxy cannot send, a rule that sends nowhere or is never reached, a host DNS cannot hold, two TCP routes
// that one listener cannot tell apart, a listener that is no entry point.
const app = (cluster: ClusterChart, id = 'web', port = { name: 'http', port: 8080 }) =>
  new HomelabApp(cluster, id, { namespace: 'web', image: 'ghcr.io/acme/app:1.0.0', ports: [port] });
const appWith = (route: RouteIntent) => guarded((cluster: ClusterChart) =>
  new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route }));
const rules = (name: string, r: RouteRuleIntent[], field: string, gatewayCluster = false): BadInput =>
  ({ name, gatewayCluster, build: appWith({ host: 'web', rules: r }), layer: 'props', path: 'web', field });
const ssh = { name: 'ssh', port: 2222, servicePort: 22 };

export const CASES: BadInput[] = [
  // Header values: CR or LF would end the header, and the proxy refuses to send it.
  rules('a request header set to a value with CR LF', [{ requestHeaders: { set: { 'X-Lab': 'a\r\nX-Evil: 1' } } }], 'route.rules[0].requestHeaders.set.X-Lab'),
  rules('a request header added with a line feed (Gateway API)', [{ requestHeaders: { add: { 'X-Lab': 'a\nb' } } }], 'route.rules[0].requestHeaders.add.X-Lab', true),
  rules('a header match on a value with a line feed', [{ headers: [{ name: 'X-Env', value: 'a\nb' }] }], 'route.rules[0].headers[0].value'),
  // Weights and rewrites every flavor must refuse alike.
  rules('a rule whose backends all have weight 0', [{ backends: [{ port: 8080, weight: 0 }, { service: 'api', port: 8080, weight: 0 }] }], 'route.rules[0].backends'),
  rules('a prefix rewrite of an exact path match (Traefik)', [{ path: '/a', pathType: 'Exact', rewrite: { pathPrefix: '/b' } }], 'route.rules[0].rewrite.pathPrefix'),
  rules('a prefix rewrite of an exact path match (Gateway API)', [{ path: '/a', pathType: 'Exact', rewrite: { pathPrefix: '/b' } }], 'route.rules[0].rewrite.pathPrefix', true),
  // A rule that repeats another's match within one route.
  rules('two rules of one route on the same path', [{ path: '/a' }, { path: '/a', backends: [{ port: 8080 }] }], 'route.rules[1].path'),
  rules('two rules of one route on the root and the same headers', [{ headers: [{ name: 'X-A', value: '1' }] }, { headers: [{ name: 'x-a', value: '1' }] }], 'route.rules[1]'),
  // Host names DNS cannot hold.
  {
    name: 'a route host label of 64 characters',
    build: appWith({ host: 'a'.repeat(64) }), layer: 'props', path: 'web', field: 'route.host',
  },
  {
    name: 'an addRoute host with a label of 64 characters in a full name',
    build: guarded((cluster: ClusterChart) => app(cluster).addRoute({ host: `${'b'.repeat(64)}.lab.test` })),
    layer: 'props', path: 'web', field: `addRoute(${'b'.repeat(64)}.lab.test).host`,
  },
  // TCP routes.
  {
    name: 'two TCP routes on one plain-TCP listener',
    build: guarded((cluster: ClusterChart) => {
      app(cluster, 'web', ssh).addTcpRoute({ listenerName: 'ssh', port: 22 });
      app(cluster, 'web2', ssh).addTcpRoute({ listenerName: 'ssh', port: 22 });
    }),
    layer: 'references', path: 'web2', field: 'addTcpRoute(ssh).listenerName',
  },
  {
    name: 'two TCP routes on one Gateway TCP listener',
    gatewayCluster: true,
    build: guarded((cluster: ClusterChart) => {
      app(cluster, 'web', ssh).addTcpRoute({ listenerName: 'ssh', port: 22 });
      app(cluster, 'web2', ssh).addTcpRoute({ listenerName: 'ssh', port: 22 });
    }),
    layer: 'references', path: 'web2', field: 'addTcpRoute(ssh).listenerName',
  },
  {
    name: 'a TCP route on a port its Traefik entry point does not listen on',
    build: guarded((cluster: ClusterChart) => app(cluster, 'web', { name: 'ssh', port: 2222 }).addTcpRoute({ listenerName: 'ssh', port: 2222 })),
    layer: 'references', path: 'web', field: 'addTcpRoute(ssh).port', hint: /set port: 22\b[\s\S]*ssh: 2222/,
  },
  {
    name: 'a TCP route on a misspelt entry point is named on the app, with the entry point it looks like',
    build: guarded((cluster: ClusterChart) => app(cluster, 'web', ssh).addTcpRoute({ listenerName: 'sshh', port: 22 })),
    layer: 'references', path: 'web', field: 'addTcpRoute(sshh).listenerName', hint: /did you mean "ssh"/,
  },
  {
    name: 'a TCP route on Traefik\'s HTTP entry point is not told to define a TCP entry point of that name',
    build: guarded((cluster: ClusterChart) => app(cluster, 'web', ssh).addTcpRoute({ listenerName: 'web', port: 22 })),
    layer: 'references', path: 'web', field: 'addTcpRoute(web).listenerName', hint: /^(?![\s\S]*\{ web:)[\s\S]*ssh/,
  },
];
