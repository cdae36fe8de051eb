import type { ClusterChart } from './cluster-chart';
import type { LoadBalancerFlavor, LoadBalancerRequest, LoadBalancerSettings } from './load-balancer';

/** Options of the Tailscale load-balancer flavor. */
export interface TailscaleLoadBalancerProps {
  /** ACL tags the operator gives each exposed Service's tailnet node, e.g. `tag:k8s`. @default - the operator's default tags */
  readonly tags?: string[];
}

/**
 * LoadBalancer Services become machines of the tailnet through the Tailscale Kubernetes operator
 * (`loadBalancerClass: tailscale`): reachable by MagicDNS name from every device of the tailnet and
 * from nowhere else, with no address pool to manage.
 */
export class TailscaleLoadBalancer implements LoadBalancerFlavor {
  public readonly name = 'tailscale';
  public readonly requiresAddress = false;

  constructor(private readonly props: TailscaleLoadBalancerProps = {}) {}

  public bind(_cluster: ClusterChart): void {}

  public serviceSettings(request: LoadBalancerRequest): LoadBalancerSettings {
    const annotations: Record<string, string> = { 'tailscale.com/hostname': request.hostname ?? request.serviceName };
    if (this.props.tags && this.props.tags.length > 0) {
      annotations['tailscale.com/tags'] = this.props.tags.join(',');
    }
    return { annotations, loadBalancerClass: 'tailscale' };
  }
}

/** Load balancers as tailnet machines, through the Tailscale operator. */
export function tailscaleLoadBalancer(props: TailscaleLoadBalancerProps = {}): TailscaleLoadBalancer {
  return new TailscaleLoadBalancer(props);
}
