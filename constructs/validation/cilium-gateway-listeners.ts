import type { SynthesizedCluster } from '../synth/collect';
import { CILIUM_GATEWAY_CLASS } from '../platform/components/cilium';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

/** Listener protocols of the Gateway API that Cilium's implementation leaves unserved (it serves HTTP, HTTPS and TLS). */
const UNSERVED_PROTOCOLS = new Set(['TCP', 'UDP']);

/**
 * A Gateway of Cilium's class with a TCP or UDP listener (a game server's port, DNS on 53): Cilium implements no
 * TCPRoute or UDPRoute, and leaves such a listener out of the Gateway's Service, so nothing ever reaches it (a
 * Gateway of such listeners alone is not accepted at all). An error on the listener's protocol, whose hint serves
 * the port on a LoadBalancer Service of the app's own, as the app's `loadBalancer` prop renders one.
 */
export function checkCiliumGatewayListeners(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of indexOf(cluster.objects).of('Gateway')) {
    const spec = fields(gateway.manifest.spec);
    if (text(spec.gatewayClassName) !== CILIUM_GATEWAY_CLASS || !gateway.manifest.apiVersion.startsWith('gateway.networking.k8s.io/')) {
      continue;
    }
    list(spec.listeners).forEach((listener, i) => {
      const protocol = text(listener.protocol);
      if (protocol === undefined || !UNSERVED_PROTOCOLS.has(protocol)) {
        return;
      }
      findings.push(objectFinding(gateway, {
        layer: 'references', severity: 'error', field: `spec.listeners[${i}].protocol`,
        message: `listener "${text(listener.name) ?? i}" takes ${protocol} on port ${String(listener.port)}, which Cilium's Gateway API does not serve (it routes HTTPRoute, GRPCRoute and TLSRoute, with no TCPRoute or UDPRoute): its Service leaves the port out and no packet reaches a backend`,
        hint: `serve the port on a LoadBalancer Service of the app's own: loadBalancer: { address, ports: ['<the port's name>'] } on the App, and drop the listener`,
      }));
    });
  }
  return findings;
}
