import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { Gateway } from '../../imports/gateway.networking.k8s.io';
import { KNATIVE_CLUSTER_LOCAL_PORT } from './knative-local-port';
import { CiliumLoadBalancer, NO_LOAD_BALANCER_ADDRESS_LABEL } from './cilium-load-balancer';
import { ClusterChart } from './cluster-chart';
import { CiliumCni } from './cni';
import { reportFinding } from '../validation/finding';
import type { GatewayApiRoutes } from './gateway-api';

/**
 * A Gateway that Knative routes the traffic of its Knative Services inside the cluster through: the
 * cluster-local names (`<service>.<namespace>.svc.cluster.local`) and every Knative Service labelled
 * cluster-local. net-gateway-api attaches one HTTPRoute per Knative Service to it, and points each Knative
 * Service's own Kubernetes Service at `serviceName`. It must not be reachable from outside the cluster: it
 * answers for the private Knative Services too.
 */
export interface KnativeLocalGateway {
  /** Namespace of the Gateway. */
  readonly namespace: string;
  /** Name of the Gateway. */
  readonly gatewayName: string;
  /** Name of the Service in front of the Gateway's proxies, in the Gateway's namespace, which Knative probes and routes to. */
  readonly serviceName: string;
}

/** Name of the local Gateway this library declares on Cilium. */
export const KNATIVE_LOCAL_GATEWAY_NAME = 'knative-local-gateway';

/**
 * The annotation that makes Cilium's service load balancing serve a Service on the frontends of one type
 * alone: with `LoadBalancer`, on its load-balancer address, with no NodePort on the nodes' addresses and
 * no cluster IP.
 */
export const CILIUM_SERVICE_TYPE_ANNOTATION = 'service.cilium.io/type';

/** Name of the Cilium LB-IPAM pool that holds the local Gateway's address, and nothing else. */
export const KNATIVE_LOCAL_GATEWAY_POOL = 'knative-local-gateway';

/**
 * Knative's local Gateway on Cilium's Gateway API, beside the cluster's Gateway and admitting routes of the
 * same namespaces, as {@link knativeLocalGatewayOnCilium} renders it.
 *
 * net-gateway-api probes a Gateway whose `config-gateway` entry names no `service` at the first address of
 * the Gateway's status, on port 80; it probes one that names a Service at that Service's endpoints, and
 * Cilium's Gateway Service has a placeholder endpoint alone (192.192.192.192:9999), which nothing answers, so
 * no KIngress, and no Knative Service, would ever become Ready. Cilium (1.17) writes a Gateway's status
 * address from its LoadBalancer Service's address alone: the local Gateway asks for `address`, which a pool
 * of its own hands out, and which the LAN never learns (Cilium's L2 announcements leave the Service out).
 * Cilium serves it on that address alone (no NodePort, no cluster IP); Knative points each Knative
 * Service's Kubernetes Service at that address.
 */
export interface CiliumKnativeLocalGateway {
  /** Namespace of the Gateway (the cluster's Gateway's). */
  readonly namespace: string;
  /** Name of the Gateway. */
  readonly gatewayName: string;
}

/**
 * Declares Knative's local Gateway on Cilium (see {@link CiliumKnativeLocalGateway}), with the pool of its
 * `address` when given. Without one the Gateway gets no status address and no Knative Service becomes
 * Ready: a warning on `localGatewayAddress`. `knative` is where findings go.
 */
export function knativeLocalGatewayOnCilium(
  knative: Construct, scope: Construct, routes: GatewayApiRoutes, address: string | undefined,
): CiliumKnativeLocalGateway {
  checkServedInsideOnly(knative);
  if (address === undefined) {
    reportFinding(knative, {
      layer: 'references', severity: 'warning', field: 'localGatewayAddress',
      message: `Knative's cluster-local Gateway on Cilium has no address: net-gateway-api probes it at the address of its status, which Cilium fills `
        + 'from a load-balancer address alone, so no KIngress, and no Knative Service, ever becomes Ready',
      hint: 'give localGatewayAddress: an address no host of the LAN uses (of the nodes\' VLAN, say); Cilium serves it inside the cluster only',
    });
  } else {
    new ApiObject(scope, 'local-gateway-pool', {
      apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: KNATIVE_LOCAL_GATEWAY_POOL },
      spec: { blocks: [{ start: address, stop: address }], serviceSelector: { matchLabels: LOCAL_GATEWAY_SERVICE_LABELS } },
    });
  }
  new Gateway(scope, 'local-gateway', {
    metadata: { name: KNATIVE_LOCAL_GATEWAY_NAME, namespace: routes.gatewayNamespace },
    spec: {
      gatewayClassName: routes.gatewayClassName,
      ...(address === undefined ? {} : { addresses: [{ type: 'IPAddress', value: address }] }),
      // Cilium copies spec.infrastructure onto the LoadBalancer Service it makes for the Gateway.
      infrastructure: { annotations: { [CILIUM_SERVICE_TYPE_ANNOTATION]: 'LoadBalancer' }, labels: { ...LOCAL_GATEWAY_SERVICE_LABELS } },
      // No host name: net-gateway-api's routes name the cluster-local hosts.
      listeners: [{ name: 'http', protocol: 'HTTP', port: KNATIVE_CLUSTER_LOCAL_PORT, allowedRoutes: routes.allowedRoutes }],
    },
  });
  return { namespace: routes.gatewayNamespace, gatewayName: KNATIVE_LOCAL_GATEWAY_NAME };
}

/** The label of the local Gateway's Service: it keeps the Service out of the LAN's pools and announcements, and into its own pool. */
const LOCAL_GATEWAY_SERVICE_LABELS: Readonly<Record<string, string>> = { [NO_LOAD_BALANCER_ADDRESS_LABEL]: 'true' };

/**
 * Reports what would still open the local Gateway's Service to the LAN: kube-proxy, which serves its
 * NodePorts whatever the annotation says (only Cilium's own service load balancing reads it), and a load
 * balancer other than Cilium LB-IPAM, which would give it an address of its pools.
 */
function checkServedInsideOnly(knative: Construct): void {
  const cluster = ClusterChart.of(knative);
  const cni = cluster.cni;
  const hint = 'give localGateway: { namespace, gatewayName, serviceName } of a Gateway you keep off the LAN yourself';
  if (cni instanceof CiliumCni && cni.options.kubeProxyReplacement === false) {
    reportFinding(knative, {
      layer: 'references', severity: 'error', field: 'localGateway',
      message: `Knative's local Gateway answers for the cluster-local Knative Services, and cluster "${cluster.clusterName}" runs kube-proxy (kubeProxyReplacement: false), `
        + `which opens the NodePorts of its Service on every node whatever its ${CILIUM_SERVICE_TYPE_ANNOTATION} annotation says`,
      hint: `let Cilium replace kube-proxy (cilium({ kubeProxyReplacement: true, k8sServiceHost, k8sServicePort })), or ${hint}`,
    });
  } else if (!(cni instanceof CiliumCni)) {
    reportFinding(knative, {
      layer: 'references', severity: 'warning', field: 'localGateway',
      message: `Knative's local Gateway is served at its own address alone only where Cilium replaces kube-proxy, which cluster "${cluster.clusterName}" does not say: `
        + 'its `cni:` is not cilium({ … }), and kube-proxy would open the NodePorts of the Gateway\'s Service to the LAN',
      hint: `install Cilium through the cluster's cni: cilium({ … }), or check that it replaces kube-proxy; or ${hint}`,
    });
  }
  if (cluster.loadBalancer !== undefined && !(cluster.loadBalancer instanceof CiliumLoadBalancer)) {
    reportFinding(knative, {
      layer: 'references', severity: 'warning', field: 'localGateway',
      message: `the load balancer of cluster "${cluster.clusterName}" (${cluster.loadBalancer.name}) gives every LoadBalancer Service an address of its pools, `
        + "Knative's local Gateway included, which takes one the LAN's Services may need and is announced on the LAN",
      hint: `use ciliumLoadBalancer(), whose pools and announcements leave that Service out, or ${hint}`,
    });
  }
}
