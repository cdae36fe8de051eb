import { JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import {
  Gateway, HttpRoute, HttpRouteSpecRulesMatchesPathType, TcpRoute,
} from '../../imports/gateway.networking.k8s.io';
import type { PoolAddress } from '../inventory/address-pool';
import type { ClusterChart } from './cluster-chart';
import { reportFinding } from '../validation/finding';
import type { RouteBinding, RouteFlavor, TcpRouteBinding } from './route-flavor';

/** Options of the Gateway API route flavor. */
export interface GatewayApiProps {
  /** GatewayClass of the installed implementation, e.g. `cilium`, `traefik`, `envoy-gateway`. */
  readonly gatewayClassName: string;
  /** Name of the shared Gateway. @default 'main-gateway' */
  readonly gatewayName?: string;
  /** Namespace of the shared Gateway. @default 'gateway' */
  readonly namespace?: string;
  /** Fixed address of the Gateway, from an inventory pool. @default - assigned by the implementation */
  readonly address?: PoolAddress;
  /** Secret holding the wildcard certificate for `*.<domain>`. @default - `<gatewayName>-tls` */
  readonly certificateSecretName?: string;
}

/** Routes become Gateway API `HTTPRoute`s attached to one shared Gateway that this flavor declares. */
export class GatewayApiRoutes implements RouteFlavor {
  public readonly name = 'gateway-api';
  /** Address of the ingress load balancer, when fixed. */
  public readonly address?: PoolAddress;
  /** Name of the shared Gateway. */
  public readonly gatewayName: string;
  /** Namespace of the shared Gateway. */
  public readonly gatewayNamespace: string;
  /** Listener name that HTTPS routes attach to. */
  public readonly httpsListener = 'https';
  private gateway?: Gateway;
  /** TCP listeners added by routes, by port, so two routes cannot claim one port under different names. */
  private readonly tcpListeners = new Map<number, string>();

  constructor(private readonly props: GatewayApiProps) {
    this.address = props.address;
    this.gatewayName = props.gatewayName ?? 'main-gateway';
    this.gatewayNamespace = props.namespace ?? 'gateway';
  }

  public bind(cluster: ClusterChart): void {
    cluster.namespaces.ensure(this.gatewayNamespace);
    const wildcard = `*.${cluster.domain}`;
    this.gateway = new Gateway(cluster, 'gateway', {
      metadata: { name: this.gatewayName, namespace: this.gatewayNamespace },
      spec: {
        gatewayClassName: this.props.gatewayClassName,
        addresses: this.address ? [{ type: 'IPAddress', value: this.address.address }] : undefined,
        listeners: [
          {
            name: 'http', protocol: 'HTTP', port: 80, hostname: wildcard,
            allowedRoutes: { namespaces: { from: 'All' as any } },
          },
          {
            name: this.httpsListener, protocol: 'HTTPS', port: 443, hostname: wildcard,
            tls: { mode: 'Terminate' as any, certificateRefs: [{ kind: 'Secret', name: this.props.certificateSecretName ?? `${this.gatewayName}-tls` }] },
            allowedRoutes: { namespaces: { from: 'All' as any } },
          },
        ],
      },
    });
  }

  public renderRoute(scope: Construct, route: RouteBinding): void {
    new HttpRoute(scope, 'route', {
      metadata: { name: route.name, namespace: route.namespace, labels: route.labels, annotations: route.annotations },
      spec: {
        parentRefs: [{ name: this.gatewayName, namespace: this.gatewayNamespace, sectionName: this.httpsListener }],
        hostnames: [route.hostname],
        rules: [{
          matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: route.path } }],
          backendRefs: [{ name: route.serviceName, port: route.servicePort }],
        }],
      },
    });
  }

  /**
   * A `TCPRoute` (v1alpha2) attached to a TCP listener of the shared Gateway; the listener is added to
   * the Gateway the first time a route asks for its port.
   */
  public renderTcpRoute(scope: Construct, route: TcpRouteBinding): void {
    if (!this.gateway) {
      throw new Error('the Gateway API flavor renders TCP routes only after it is bound to a cluster');
    }
    const existing = this.tcpListeners.get(route.port);
    if (existing !== undefined && existing !== route.listenerName) {
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: 'tcpRoute.port',
        message: `TCP port ${route.port} of gateway "${this.gatewayName}" is taken by listener "${existing}"`,
        hint: 'give the route a port of its own',
      });
      return;
    }
    if (existing === undefined) {
      this.tcpListeners.set(route.port, route.listenerName);
      this.gateway.addJsonPatch(JsonPatch.add('/spec/listeners/-', {
        name: route.listenerName, protocol: 'TCP', port: route.port,
        allowedRoutes: { namespaces: { from: 'All' } },
      }));
    }
    new TcpRoute(scope, `tcp-route-${route.listenerName}`, {
      metadata: { name: `${route.name}-${route.listenerName}`, namespace: route.namespace, labels: route.labels },
      spec: {
        parentRefs: [{ name: this.gatewayName, namespace: this.gatewayNamespace, sectionName: route.listenerName }],
        rules: [{ backendRefs: [{ name: route.serviceName, port: route.servicePort }] }],
      },
    });
  }
}

/** Routes through a shared Gateway API Gateway. */
export function gatewayApi(props: GatewayApiProps): GatewayApiRoutes {
  return new GatewayApiRoutes(props);
}
