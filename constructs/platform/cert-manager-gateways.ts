import type { ClusterChart } from './cluster-chart';
import { GATEWAY_API_CRDS_COMPONENT } from './components/gateway-api-crds';
import type { PlatformComponent } from './platform';
import { apiGroupOf, apiObjectsOf } from './triggers';
import { gatewayShimIssuer } from '../validation/certificate-shim';

/**
 * cert-manager's controller configuration that turns on its Gateway API support, as its chart takes it (`config`,
 * which the chart validates whole, so with its `apiVersion` and `kind`). Off by default: cert-manager then leaves an
 * annotated Gateway alone and its listeners wait for their Secrets forever.
 */
export const CERT_MANAGER_GATEWAY_API_VALUES = {
  config: { apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration', enableGatewayAPI: true },
} as const;

/**
 * Once the cluster is built, turns on cert-manager's Gateway API support where a Gateway of the cluster names an
 * issuer by annotation, for the certificates of its listeners. cert-manager reads the Gateway API's CRDs as it
 * starts, so it then waits for the cluster's Gateway API CRDs component, where the cluster installs them.
 */
export function enableGatewayShimWhereAsked(cluster: ClusterChart, certManager: PlatformComponent): void {
  cluster.onPlatformPrepare(() => {
    const asked = apiObjectsOf(cluster).some((object) => object.kind === 'Gateway' && apiGroupOf(object.apiVersion) === 'gateway.networking.k8s.io'
      && gatewayShimIssuer(object.metadata.toJson()) !== undefined);
    if (!asked) {
      return;
    }
    certManager.replaceValues({ config: { ...CERT_MANAGER_GATEWAY_API_VALUES.config } });
    if (cluster.platform.get(GATEWAY_API_CRDS_COMPONENT) !== undefined) {
      certManager.addDependency(GATEWAY_API_CRDS_COMPONENT);
    }
  });
}
