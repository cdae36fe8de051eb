import type { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { IngressPeer } from './network-policy';
import type { RouteBinding, RouteFlavor } from './route-flavor';

/**
 * No ingress in the cluster: services are reached through node ports or host networking, and a reverse
 * proxy outside the cluster (Caddy on the hosts) terminates TLS. Asking for a route is an error.
 */
export class NoRoutes implements RouteFlavor {
  public readonly name = 'none';
  /** No ingress controller, so no routed traffic to admit. */
  public readonly ingressPeer: IngressPeer = {};

  public bind(): void {}

  public renderRoute(scope: Construct, route: RouteBinding): void {
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: 'route',
      message: `route ${route.hostname} asked for, but the cluster has no ingress`,
      hint: 'expose the app on a node port for the reverse proxy outside the cluster, or give the cluster a route flavor',
    });
  }
}

/** The cluster has no ingress; services are reached on node ports or host networking. */
export function noRoutes(): NoRoutes {
  return new NoRoutes();
}
