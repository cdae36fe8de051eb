import { Construct } from 'constructs';
import * as yaml from 'js-yaml';
import { ClusterChart, flux, HomeAssistantVm, HomeAssistantVmProps, traefik } from '../constructs';
import { mobius, n5 } from '../hosts/mobius';
import { synthInMemory } from './support/synth';

// A Home Assistant VM's pod interface carries the cluster networks, and, when told, single load-balancer
// addresses of its own cluster: an OAuth provider behind the ingress controller is then reached over the pod
// network, as a design that gives the pod interface that purpose asks, rather than through the IoT gateway.

/** The guest's netplan and the README's trusted proxies of a VM built with `extra`. */
function vmOf(extra: Partial<HomeAssistantVmProps>) {
  const result = synthInMemory((scope) => {
    const chart = new ClusterChart(new Construct(scope, mobius.name), 'homelab', {
      site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux(),
    });
    new HomeAssistantVm(chart, 'home-assistant', {
      disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }),
      iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' },
      route: { host: 'home' },
      ...extra,
    });
  });
  const vm = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)).find((m) => m.kind === 'VirtualMachine');
  const cloudInit = vm.spec.template.spec.volumes.find((v: any) => v.name === 'cloudinit').cloudInitNoCloud;
  const errors = result.findings.filter((f) => f.severity === 'error' && !(f.kind === 'Service' && f.field === 'spec.selector'));
  return { netplan: yaml.load(cloudInit.networkData) as any, readme: result.files.get('mobius/homelab/README.md')!, errors };
}

describe('HomeAssistantVm podRouteAddresses', () => {
  test('each address is a host route via the masquerade gateway on the pod interface, after the cluster networks', () => {
    const { netplan, errors } = vmOf({ podRouteAddresses: [mobius.pools.ingress.at('192.168.8.50'), '192.168.8.51'] });
    expect(errors).toEqual([]);
    expect(netplan.ethernets.eth0.routes).toEqual([
      { to: '10.244.0.0/16', via: '10.0.2.1' },
      { to: '10.96.0.0/12', via: '10.0.2.1' },
      { to: '192.168.8.50/32', via: '10.0.2.1' },
      { to: '192.168.8.51/32', via: '10.0.2.1' },
    ]);
    // The IoT side keeps its default route: everything else still leaves through the IoT gateway.
    expect(netplan.ethernets.eth1.routes).toEqual([{ to: 'default', via: '192.168.64.1' }]);
  });

  test('they are no proxy Home Assistant trusts: the ingress controller still reaches the guest from the cluster networks', () => {
    const { readme } = vmOf({ podRouteAddresses: [mobius.pools.ingress.at('192.168.8.50')] });
    expect(readme).toContain('add 10.244.0.0/16, 10.96.0.0/12, 10.0.2.1 to trusted_proxies');
    expect(readme).not.toContain('192.168.8.50 to trusted_proxies');
  });

  test('without them, only the cluster networks go through the pod interface', () => {
    expect(vmOf({}).netplan.ethernets.eth0.routes).toEqual([
      { to: '10.244.0.0/16', via: '10.0.2.1' },
      { to: '10.96.0.0/12', via: '10.0.2.1' },
    ]);
  });
});
