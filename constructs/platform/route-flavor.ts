import type { Construct } from 'constructs';
import type { PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';

/** What an app asks of the cluster's ingress: a host name, optionally a path and a port. */
export interface RouteIntent {
  /** Host name: a bare label (`jellyfin`) is placed under the cluster domain; a dotted name is used as is. */
  readonly host: string;
  /** Path prefix. @default '/' */
  readonly path?: string;
  /** Service port (by number) to send traffic to. @default - the app's first port */
  readonly port?: number;
}

/** A route ready to render: names resolved, the backend Service known. */
export interface RouteBinding {
  /** Name of the route object (usually the app name). */
  readonly name: string;
  /** Namespace of the route and its backend Service. */
  readonly namespace: string;
  /** Fully qualified host name. */
  readonly hostname: string;
  /** Path prefix. */
  readonly path: string;
  /** Backend Service name. */
  readonly serviceName: string;
  /** Backend Service port. */
  readonly servicePort: number;
  /** Labels for the route object. */
  readonly labels: Record<string, string>;
  /** Annotations for the route object (external-dns targets and the like). */
  readonly annotations: Record<string, string>;
}

/** A plain TCP port forwarded by the cluster's ingress to a Service (Forgejo's SSH, …). */
export interface TcpRouteBinding {
  /** Name of the route object (usually the app name). */
  readonly name: string;
  /** Namespace of the route and its backend Service. */
  readonly namespace: string;
  /**
   * Name of the ingress listener (Gateway listener, Traefik entry point) that accepts the port, e.g. `ssh`.
   * Traefik must define an entry point of this name on `port` in its static configuration.
   */
  readonly listenerName: string;
  /** Port clients connect to on the ingress address, e.g. 22. */
  readonly port: number;
  /** Backend Service name. */
  readonly serviceName: string;
  /** Backend Service port. */
  readonly servicePort: number;
  /** Labels for the route object. */
  readonly labels: Record<string, string>;
}

/**
 * How a cluster turns route intents into objects: Gateway API, Traefik, ingress-nginx, … A new ingress
 * implementation is one more class that implements this interface.
 */
export interface RouteFlavor {
  /** Short name, e.g. `traefik`. */
  readonly name: string;
  /** Address of the ingress load balancer, when fixed (split-horizon DNS points internal clients here). */
  readonly address?: PoolAddress;
  /** Adds the cluster-wide objects the flavor needs (a Gateway, …). Called once by the cluster. */
  bind(cluster: ClusterChart): void;
  /** Renders one route under `scope`. */
  renderRoute(scope: Construct, route: RouteBinding): void;
  /**
   * Renders a plain TCP route under `scope`, for flavors whose ingress forwards TCP (Traefik's
   * IngressRouteTCP, Gateway API TCPRoute). Flavors without it cannot forward TCP; apps then use a
   * LoadBalancer Service.
   */
  renderTcpRoute?(scope: Construct, route: TcpRouteBinding): void;
}
