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
 * The annotation that makes Cilium's service load balancing serve a Service on its cluster IP alone: no
 * NodePort on the nodes' addresses and no load-balancer address, whatever the Service's type.
 */
export const CILIUM_SERVICE_TYPE_ANNOTATION = 'service.cilium.io/type';

/**
 * Knative's local Gateway on Cilium's Gateway API, beside the cluster's Gateway and admitting routes of the
 * same namespaces. Cilium makes every Gateway's Service of type LoadBalancer (its GatewayClass parameters
 * offer LoadBalancer or NodePort, never ClusterIP), and copies `spec.infrastructure` onto that Service:
 * the annotation keeps the Service to its cluster IP, and the label keeps it out of the pools of the Cilium
 * load balancer. The listener has no host name: net-gateway-api's routes name the cluster-local hosts.
 * `knative` is where a cluster that would still expose the Gateway is reported.
 */
export function ciliumKnativeLocalGateway(knative: Construct, scope: Construct, routes: GatewayApiRoutes): KnativeLocalGateway {
  checkServedInsideOnly(knative);
  new Gateway(scope, 'local-gateway', {
    metadata: { name: KNATIVE_LOCAL_GATEWAY_NAME, namespace: routes.gatewayNamespace },
    spec: {
      gatewayClassName: routes.gatewayClassName,
      infrastructure: {
        annotations: { [CILIUM_SERVICE_TYPE_ANNOTATION]: 'ClusterIP' },
        labels: { [NO_LOAD_BALANCER_ADDRESS_LABEL]: 'true' },
      },
      listeners: [{ name: 'http', protocol: 'HTTP', port: KNATIVE_CLUSTER_LOCAL_PORT, allowedRoutes: routes.allowedRoutes }],
    },
  });
  return { namespace: routes.gatewayNamespace, gatewayName: KNATIVE_LOCAL_GATEWAY_NAME, serviceName: `cilium-gateway-${KNATIVE_LOCAL_GATEWAY_NAME}` };
}

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
      message: `Knative's local Gateway is served on its cluster IP alone only where Cilium replaces kube-proxy, which cluster "${cluster.clusterName}" does not say: `
        + 'its `cni:` is not cilium({ … }), and kube-proxy would open the NodePorts of the Gateway\'s Service to the LAN',
      hint: `install Cilium through the cluster's cni: cilium({ … }), or check that it replaces kube-proxy; or ${hint}`,
    });
  }
  if (cluster.loadBalancer !== undefined && !(cluster.loadBalancer instanceof CiliumLoadBalancer)) {
    reportFinding(knative, {
      layer: 'references', severity: 'warning', field: 'localGateway',
      message: `the load balancer of cluster "${cluster.clusterName}" (${cluster.loadBalancer.name}) gives every LoadBalancer Service an address of its pools, `
        + "Knative's local Gateway included, which takes one the LAN's Services may need",
      hint: `use ciliumLoadBalancer(), whose pools leave that Service out, or ${hint}`,
    });
  }
}
