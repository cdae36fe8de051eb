import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from './cluster-chart';
import { knativeOperator } from './components/knative';
import { GatewayApiRoutes } from './gateway-api';
import { reportFinding } from '../validation/finding';

/** Options of Knative on a cluster. */
export interface KnativeProps {
  /** Install Knative Eventing beside Serving. @default true */
  readonly eventing?: boolean;
  /**
   * Domain Knative Services live under (`<name>.<domain>`). @default - the cluster's domain
   */
  readonly domain?: string;
  /**
   * Name of the Service Cilium creates for the cluster's Gateway, which Knative probes and routes through.
   * @default - `cilium-gateway-<gateway name>`
   */
  readonly gatewayServiceName?: string;
}

/** Pod spec features Knative's admission refuses unless they are turned on; apps of this library use them. */
export const KNATIVE_PODSPEC_FEATURES: Readonly<Record<string, string>> = {
  'kubernetes.podspec-emptydir': 'enabled',
  'kubernetes.podspec-init-containers': 'enabled',
  'kubernetes.podspec-persistent-volume-claim': 'enabled',
  'kubernetes.podspec-persistent-volume-write': 'enabled',
  'kubernetes.podspec-securitycontext': 'enabled',
  'kubernetes.podspec-volumes-csi': 'enabled',
};

/**
 * Knative Serving (and Eventing) through the Knative Operator, with the cluster's Gateway API Gateway as
 * its ingress (net-gateway-api; no Kourier). Scale to zero keeps Knative's defaults. The operator is a
 * platform component; the KnativeServing and KnativeEventing objects go into the config layer.
 */
export class Knative extends Construct {
  constructor(scope: Construct, id: string, props: KnativeProps = {}) {
    super(scope, id);
    const cluster = ClusterChart.of(this);
    cluster.platform.require(knativeOperator());
    const routes = cluster.routes;
    if (!(routes instanceof GatewayApiRoutes)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'routes',
        message: `Knative here uses the cluster's Gateway API Gateway as its ingress, but cluster "${cluster.clusterName}" routes with ${routes.name}`,
        hint: 'use gatewayApi({...}) routes on the cluster',
      });
      return;
    }
    const config = cluster.platform.configScope('knative');
    const gateway = `${routes.gatewayNamespace}/${routes.gatewayName}`;
    const service = `${routes.gatewayNamespace}/${props.gatewayServiceName ?? `cilium-gateway-${routes.gatewayName}`}`;
    cluster.namespaces.ensure('knative-serving');
    new ApiObject(config, 'serving', {
      apiVersion: 'operator.knative.dev/v1beta1', kind: 'KnativeServing',
      metadata: { name: 'knative-serving', namespace: 'knative-serving' },
      spec: {
        ingress: { 'gateway-api': { enabled: true } },
        config: {
          network: { 'ingress-class': 'gateway-api.ingress.networking.knative.dev', 'domain-template': '{{.Name}}.{{.Domain}}' },
          domain: { [props.domain ?? cluster.domain]: '' },
          gateway: {
            'external-gateways': `- class: ${routes.gatewayClassName}\n  gateway: ${gateway}\n  service: ${service}\n  supported-features:\n  - HTTPRouteRequestTimeout\n`,
          },
          // secure-pod-defaults: Knative's own queue-proxy sidecar then meets the restricted level of the apps' namespaces.
          features: { ...KNATIVE_PODSPEC_FEATURES, 'secure-pod-defaults': 'enabled' },
          // The sidecar asks for no memory by default, which a namespace whose quota counts memory refuses.
          deployment: { 'queue-sidecar-memory-request': '32Mi', 'queue-sidecar-memory-limit': '128Mi' },
        },
      },
    });
    if (props.eventing ?? true) {
      cluster.namespaces.ensure('knative-eventing');
      new ApiObject(config, 'eventing', {
        apiVersion: 'operator.knative.dev/v1beta1', kind: 'KnativeEventing',
        metadata: { name: 'knative-eventing', namespace: 'knative-eventing' },
        spec: {},
      });
    }
  }
}
