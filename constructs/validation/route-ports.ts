import type { SynthesizedObject } from '../synth/collect';
import { fields, list, namespaceOf, text } from './manifest';
import type { ObjectIndex } from './object-index';

// Which ports of which Gateways a Gateway API route is attached to: two routes of one host and path take each
// other's requests only where they share a port of a Gateway. An HTTPRoute that redirects plain HTTP to HTTPS on
// the Gateway's port-80 listener, beside the one that serves the host on its HTTPS listener, is the Gateway API's
// own way of sending HTTP to HTTPS, not a second route of the host.

/** Marks every port of a Gateway that is not among the objects, or a listener it does not have. */
const ANY_PORT = '*';

/**
 * The Gateway ports a Gateway API route attaches to, each `<namespace>/<gateway>:<port>` (`:*` where the Gateway
 * or its listener is not among the cluster's objects), from its `parentRefs`: a `sectionName` is that listener's
 * port, a `port` itself, neither every listener's port. Undefined for a kind with no parentRefs (an Ingress, an
 * IngressRoute), whose controller serves its host on every port it has. Pure.
 */
export function gatewayPortsOf(route: SynthesizedObject, index: ObjectIndex): ReadonlySet<string> | undefined {
  if (!Array.isArray(fields(route.manifest.spec).parentRefs)) {
    return undefined;
  }
  const ports = new Set<string>();
  for (const ref of list(fields(route.manifest.spec).parentRefs)) {
    if ((text(ref.kind) ?? 'Gateway') !== 'Gateway') {
      continue;
    }
    const namespace = text(ref.namespace) ?? namespaceOf(route);
    const name = text(ref.name) ?? '';
    const gatewayKey = `${namespace}/${name}`;
    const gateway = index.find('Gateway', namespace, name);
    const listeners = list(fields(gateway?.manifest.spec).listeners);
    const section = text(ref.sectionName);
    const chosen = section !== undefined ? listeners.filter((l) => l.name === section)
      : typeof ref.port === 'number' ? [{ port: ref.port }] : listeners;
    if (chosen.length === 0) {
      ports.add(`${gatewayKey}:${ANY_PORT}`);
    }
    chosen.forEach((listener) => ports.add(`${gatewayKey}:${typeof listener.port === 'number' ? listener.port : ANY_PORT}`));
  }
  return ports;
}

/**
 * How two routes of one host and path meet: `shared` where one proxy takes the requests of both on one port (two
 * Ingresses or IngressRoutes, Gateway API routes on a port of one Gateway, or on two Gateways, whose host's DNS name
 * reaches one of them only), `proxiesApart` where an Ingress or IngressRoute stands beside a Gateway API route, each
 * served by its own proxy at its own address (an old Ingress kept while its host moves to the Gateway), and
 * undefined where they meet nowhere (routes of one Gateway on ports apart, a redirect on port 80 beside the route on
 * 443). Pure.
 */
export function routesMeet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): 'shared' | 'proxiesApart' | undefined {
  if (a === undefined || b === undefined) {
    return a === b ? 'shared' : 'proxiesApart';
  }
  const gatewayOf = (key: string) => key.slice(0, key.lastIndexOf(':'));
  const gatewaysOfB = new Set([...b].map(gatewayOf));
  const shared = [...a].filter((key) => gatewaysOfB.has(gatewayOf(key)));
  if (shared.length === 0) {
    return 'shared';
  }
  return shared.some((key) => b.has(key) || key.endsWith(`:${ANY_PORT}`) || b.has(`${gatewayOf(key)}:${ANY_PORT}`)) ? 'shared' : undefined;
}
