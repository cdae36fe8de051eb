import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { labCluster } from './bad-input/lab';

// talos({ ingressFirewall }): every node closed but to the networks given, the nodes and their pods.

interface Rule { name: string; portSelector: { ports: Array<number | string>; protocol: string }; ingress: Array<{ subnet: string }> }

/** The owner step of the firewall in a Talos lab cluster with `options`, and the rule documents its command writes. */
function firewallOf(options: Record<string, unknown>, clusterProps: Record<string, unknown> = {}) {
  const app = new App();
  const cluster = labCluster(app, 'edge', {
    storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options })], ...clusterProps,
  } as any);
  const actions = cluster.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type.endsWith('owner-action'))
    .map((m) => ({ ...(m.data as { action: string; command?: string; beforeFirstSync?: boolean }) }));
  const step = actions.find((a) => a.action.includes("Talos' ingress firewall"));
  const documents = [...(step?.command ?? '').matchAll(/'(\{[^']*\})'/g)].map((m) => JSON.parse(m[1]));
  const rules = documents.filter((d) => d.kind === 'NetworkRuleConfig') as Rule[];
  const from = (port: number | string, protocol = 'tcp') => rules
    .find((r) => r.portSelector.ports.includes(port) && r.portSelector.protocol === protocol)?.ingress.map((i) => i.subnet);
  return { step, documents, rules, from };
}

describe('talos({ ingressFirewall })', () => {
  test('blocks by default; Talos\' and the Kubernetes API answer the networks given, etcd the control-plane nodes only', () => {
    const { step, documents, from } = firewallOf({ ingressFirewall: { reachableFrom: ['192.168.1.0/24'] } });
    expect(step?.beforeFirstSync).toBe(true);
    expect(documents[0]).toEqual({ apiVersion: 'v1alpha1', kind: 'NetworkDefaultActionConfig', ingress: 'block' });
    expect(from(50000)).toEqual(['192.168.1.0/24', '10.0.0.1/32', '10.0.0.2/32']);
    expect(from(6443)).toEqual(['192.168.1.0/24', '10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
    expect(from(10250)).toEqual(['10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
    expect(from('2379-2380')).toEqual(['10.0.0.1/32']);
    expect(from(4789, 'udp')).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
    // Without the Tailscale extension no port stays open to everyone.
    expect(from(41641, 'udp')).toBeUndefined();
    expect(step?.command).toContain('talosctl patch mc --nodes 10.0.0.1,10.0.0.2 --patch @ingress-firewall.yaml --mode=try --timeout 5m');
  });

  test("the ports platform components bind on the nodes stay open to the nodes and pods; a route's host ports to the networks given as well", () => {
    const { from } = firewallOf({ ingressFirewall: { reachableFrom: ['192.168.1.0/24'] } }, { routes: homelab.traefik({ hostPorts: true }), loadBalancer: undefined });
    // Traefik serves from the nodes here, in the place of the lab's MetalLB.
    expect(from(80)).toEqual(['192.168.1.0/24', '10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
    expect(from(443)).toEqual(['192.168.1.0/24', '10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
    const withMetalLb = firewallOf({ ingressFirewall: { reachableFrom: ['192.168.1.0/24'] } });
    expect(withMetalLb.from(7946, 'udp')).toEqual(['10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
    expect(withMetalLb.from(7946)).toEqual(['10.0.0.1/32', '10.0.0.2/32', '10.244.0.0/16']);
  });

  test('a node inside a network given is not listed again; with the Tailscale extension WireGuard stays open to all', () => {
    const { from } = firewallOf({ tailscaleExtension: true, ingressFirewall: { reachableFrom: ['10.0.0.0/24'] } });
    expect(from(50000)).toEqual(['10.0.0.0/24']);
    expect(from(41641, 'udp')).toEqual(['0.0.0.0/0', '::/0']);
  });

  test('without the option there is no firewall step', () => {
    expect(firewallOf({}).step).toBeUndefined();
  });
});

describe("Talos' Flannel on a tailnet", () => {
  /** The gen config step of a Talos lab cluster with `options`. */
  const genConfig = (options: Record<string, unknown>) => {
    const app = new App();
    const cluster = labCluster(app, 'edge', { storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options })] } as any);
    return (cluster.platform.preinstalled.find((p) => p.distribution === homelab.TALOS_DISTRIBUTION)?.manualSteps ?? []).find((s) => s.includes('talosctl gen config'))!;
  };
  const tailnetArgs = '"cni":{"name":"flannel","flannel":{"extraArgs":["--iface=tailscale0"]}}';

  test("carries the pods' traffic between the nodes over the tailnet the cluster runs on, not the LAN of the default route", () => {
    const step = genConfig({ tailscaleExtension: true, clusterSubnets: [homelab.TAILNET_SUBNET] });
    expect(step).toContain(tailnetArgs);
    expect(step).toContain("Talos' Flannel carries the pods' traffic between the nodes over the tailnet");
  });

  test('keeps the default route otherwise', () => {
    expect(genConfig({ tailscaleExtension: true })).not.toContain(tailnetArgs);
    expect(genConfig({ clusterSubnets: ['10.0.0.0/24'] })).not.toContain('extraArgs');
  });
});
