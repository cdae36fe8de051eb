import type { Construct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { SYSTEM_NAMESPACES } from '../validation/system-namespaces';

/**
 * Declares the namespace a secret construct puts its Secret in. A namespace of Kubernetes (`kube-system`
 * for a CSI driver's or cloud controller's credentials) exists in every cluster: it gets no Namespace
 * object, which the repository must never own.
 */
export function ensureSecretNamespace(scope: Construct, namespace: string): void {
  if (!SYSTEM_NAMESPACES.includes(namespace)) {
    ClusterChart.of(scope).namespaces.ensure(namespace);
  }
}
