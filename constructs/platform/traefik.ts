import type { Construct } from 'constructs';
import {
  IngressRoute, IngressRouteSpecRoutesKind, IngressRouteSpecRoutesServicesPort, IngressRouteTcp, IngressRouteTcpSpecRoutesServicesPort,
} from '../../imports/traefik.io';
import type { PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';
import { traefikComponent } from './components/traefik';
import type { RouteBinding, RouteFlavor, TcpRouteBinding } from './route-flavor';
import { bindTraefik } from './traefik-setup';
import type { AcmeResolver } from './traefik-setup';

export type { AcmeResolver } from './traefik-setup';
export { acmeCloudflareDns01, acmeHttp01 } from './traefik-setup';

/** Options of the Traefik route flavor. */
export interface TraefikProps {
  /** The address of Traefik's LoadBalancer Service, from an inventory pool. @default - not fixed */
  readonly address?: PoolAddress;
  /** Entry points routes listen on. @default ['websecure'] */
  readonly entryPoints?: string[];
  /**
   * ACME certificate resolver the routes name, e.g. `letsencrypt`; it must be one of `acme` (or be
   * provided otherwise), which validation checks. @default - Traefik's default certificate
   */
  readonly certResolver?: string;
  /**
   * ACME resolvers Traefik defines, by name: `acmeHttp01()` or `acmeCloudflareDns01({ apiToken })`.
   * Certificates are kept in `/data/acme.json` on a claim of `acmeStorageTier`.
   * @default {}
   */
  readonly acme?: Record<string, AcmeResolver>;
  /** Storage tier of the claim that keeps the ACME certificates. @default 'fast' */
  readonly acmeStorageTier?: string;
  /**
   * Ports of the entry points that TCP routes use, by entry point name; an entry point is opened only
   * when a TCP route uses it.
   * @default { ssh: 22 }
   */
  readonly tcpEntryPoints?: Record<string, number>;
}

/** Routes become Traefik `IngressRoute`s (traefik.io/v1alpha1) with TLS. */
export class TraefikRoutes implements RouteFlavor {
  public readonly name = 'traefik';
  /** Address of the ingress load balancer, when fixed. */
  public readonly address?: PoolAddress;
  private readonly entryPoints: string[];
  private readonly certResolver?: string;

  constructor(private readonly props: TraefikProps = {}) {
    this.address = props.address;
    this.entryPoints = props.entryPoints ?? ['websecure'];
    this.certResolver = props.certResolver;
  }

  /** Installs Traefik: its Service on the flavor's address, the ACME resolvers, the TCP entry points routes use. */
  public bind(cluster: ClusterChart): void {
    bindTraefik(cluster, this.props, traefikComponent);
  }

  public renderRoute(scope: Construct, route: RouteBinding): void {
    const match = route.path === '/'
      ? `Host(\`${route.hostname}\`)`
      : `Host(\`${route.hostname}\`) && PathPrefix(\`${route.path}\`)`;
    new IngressRoute(scope, 'route', {
      metadata: { name: route.name, namespace: route.namespace, labels: route.labels, annotations: route.annotations },
      spec: {
        entryPoints: this.entryPoints,
        routes: [{
          kind: IngressRouteSpecRoutesKind.RULE,
          match,
          services: [{ name: route.serviceName, port: IngressRouteSpecRoutesServicesPort.fromNumber(route.servicePort) }],
        }],
        tls: this.certResolver ? { certResolver: this.certResolver } : {},
      },
    });
  }

  /**
   * An `IngressRouteTCP` on the entry point named after the listener. Plain TCP carries no host name,
   * so the route matches `HostSNI(*)` and owns its entry point's port alone.
   */
  public renderTcpRoute(scope: Construct, route: TcpRouteBinding): void {
    new IngressRouteTcp(scope, `tcp-route-${route.listenerName}`, {
      metadata: { name: `${route.name}-${route.listenerName}`, namespace: route.namespace, labels: route.labels },
      spec: {
        entryPoints: [route.listenerName],
        routes: [{
          match: 'HostSNI(`*`)',
          services: [{ name: route.serviceName, port: IngressRouteTcpSpecRoutesServicesPort.fromNumber(route.servicePort) }],
        }],
      },
    });
  }
}

/** Routes through Traefik IngressRoutes. */
export function traefik(props: TraefikProps = {}): TraefikRoutes {
  return new TraefikRoutes(props);
}
