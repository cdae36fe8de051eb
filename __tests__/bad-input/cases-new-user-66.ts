import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { host, site, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, labCluster, raw } from './lab';

// A home lab that puts Home Assistant or Pi-hole on its IoT VLAN through a hand-written macvlan attachment
// with a static address, as the Multus guides write it: the mistakes are in the addresses.

/** The networks of the site: the LAN of its hosts and the IoT VLAN, whose router is `.1`. */
const vlans = { lan: vlan('nu66-lan', { id: 1, cidr: '10.66.0.0/24' }), iot: vlan('nu66-iot', { id: 30, cidr: '10.66.30.0/24', gateway: '10.66.30.1' }) };

/** Static IPAM of one address entry `entry`, with `routes`. */
const ipam = (entry: Record<string, unknown>, routes?: Array<Record<string, unknown>>) => ({ type: 'static', addresses: [entry], ...(routes === undefined ? {} : { routes }) });

/**
 * A cluster `home` whose host has a leg on the IoT VLAN (`eth0.30`), a macvlan attachment `iot` on it with
 * IPAM `ipamConfig`, and Deployment `web` of `replicas` and pod spec `pod` that attaches what `networks` names.
 */
const onIot = (ipamConfig: Record<string, unknown>, replicas = 1, pod: Record<string, unknown> = {}, networks = 'iot') => (_cluster: ClusterChart, app: CdkApp) => {
  const box = host('nu66-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.66.0.5', vlanInterfaces: [{ vlan: vlans.iot, device: 'eth0.30' }] });
  const home = site('nu66', { domain: 'nu66.test', hosts: [box], git: { url: 'https://git.nu66.test/lab.git' }, vlans });
  const c = labCluster(app, 'home', { site: home, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
  raw(c, 'nad', {
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'web' },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', master: 'eth0.30', mode: 'bridge', ipam: ipamConfig }) },
  });
  raw(c, 'web', goodDeployment('web', pod, { replicas }, { 'k8s.v1.cni.cncf.io/networks': networks }));
};

export const CASES: BadInput[] = [
  // The address as the router's DHCP reservation page shows it, without the prefix.
  { name: 'a static Multus address without its prefix', build: onIot(ipam({ address: '10.66.30.5', gateway: '10.66.30.1' })), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /"address": "10\.66\.30\.5\/24"/ },
  // An address of the LAN copied onto the IoT attachment.
  { name: 'a static Multus address outside the VLAN of its master', build: onIot(ipam({ address: '10.66.0.50/24', gateway: '10.66.0.1' })), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /10\.66\.30\.0\/24 with "gateway": "10\.66\.30\.1"/ },
  { name: "a static Multus address on the VLAN router's own address", build: onIot(ipam({ address: '10.66.30.1/24', gateway: '10.66.30.1' })), layer: 'inventory', path: 'nad', field: 'spec.config', message: /gateway of VLAN 30/ },
  { name: 'a static Multus gateway outside the network of its address', build: onIot(ipam({ address: '10.66.30.5/24', gateway: '10.66.3.1' })), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /nu66-iot's gateway is 10\.66\.30\.1/ },
  { name: 'a static Multus route via a gateway of no attached network', build: onIot(ipam({ address: '10.66.30.5/24', gateway: '10.66.30.1' }, [{ dst: '10.66.40.0/24', gw: '10.66.0.1' }])), layer: 'inventory', path: 'nad', field: 'spec.config', message: /ipam\.routes\[0\]\.gw/ },
  // Two Pi-hole replicas for redundancy, each given the one address of the attachment.
  { name: 'a static Multus address attached by a Deployment of two replicas', build: onIot(ipam({ address: '10.66.30.53/24', gateway: '10.66.30.1' }), 2), layer: 'inventory', path: 'nad', field: 'spec.config', hint: /Recreate/ },
  // Home Assistant's docs ask for the host's network for discovery; the macvlan of a Multus guide kept beside it.
  {
    name: 'a Multus attachment on a pod of the host network', build: onIot(ipam({ address: '10.66.30.5/24', gateway: '10.66.30.1' }), 1, { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }),
    layer: 'references', path: 'web', field: 'spec.template.metadata.annotations.k8s.v1.cni.cncf.io/networks', hint: /leave hostNetwork out/,
  },
  // The JSON form of the annotation, with the address in `ips`, naming the attachment by another name.
  {
    name: 'a Multus attachment of the JSON form naming no definition', build: onIot(ipam({ address: '10.66.30.5/24', gateway: '10.66.30.1' }), 1, {}, JSON.stringify([{ name: 'iot-macvlan', interface: 'net1' }])),
    layer: 'references', path: 'web', field: 'spec.template.metadata.annotations.k8s.v1.cni.cncf.io/networks', message: /web\/iot-macvlan" does not exist/,
  },
];
