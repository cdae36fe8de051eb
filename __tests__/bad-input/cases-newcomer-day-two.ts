import { ClusterChart, flux, HomeAssistantVm, host, k3s, talos, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { arm1, guarded, labCluster } from './lab';

// A new user's second day: a preinstalled distribution (Talos, K3s) and a Home Assistant VM, written from
// habits of other tools. Each built a cluster that could not have worked, or stopped with an error that
// did not name the option the user wrote.

/** Home Assistant's VM on the IoT bridge of a site that has one; props override. */
const vm = (props: Record<string, unknown>) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, ...props } as any,
));
const bridge = n5.bridges.bridge64;
const vmCase = (name: string, props: Record<string, unknown>, field: string, hint?: RegExp): BadInput =>
  ({ name, build: vm(props), layer: 'props', path: 'home-assistant', field, ...(hint ? { hint } : {}) });

/** A cluster `edge` of the lab that runs `distribution`; the finding is expected on `field`. */
const onDistribution = (name: string, distribution: unknown, field: string, hint?: RegExp): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [distribution] } as any)),
  layer: 'props', path: 'edge', field, ...(hint ? { hint } : {}),
});
const talosLab = (options: Record<string, unknown>) => talos({ bringYourOwnCni: false, ...options } as any);
const k3sLab = (options: Record<string, unknown>) => k3s(options as any);
const stranger = host('stranger', { arch: 'amd64', roles: ['control-plane'], address: '10.0.0.9' });

export const CASES: BadInput[] = [
  // HomeAssistantVm: units and types from docker, libvirt and Proxmox habits.
  vmCase('VM memory written in megabytes as a number', { memory: 4096 }, 'memory'),
  vmCase('VM memory written as docker writes it', { memory: '4g' }, 'memory'),
  vmCase('VM memory with a space before its unit', { memory: '4 Gi' }, 'memory'),
  vmCase('VM cores given as a string', { cores: '2' }, 'cores'),
  vmCase('VM of half a core', { cores: 2.5 }, 'cores'),
  vmCase('VM cpu instead of cores', { cpu: 4 }, 'cpu', /cores/),
  vmCase('VM given a VLAN id instead of a bridge of the inventory', { vlan: 64 }, 'vlan'),
  vmCase('VM bridge named by its Linux name', { iot: { bridge: 'br64', address: '192.168.64.2' } }, 'iot.bridge'),
  vmCase('VM address written with its prefix', { iot: { bridge, address: '192.168.64.2/20' } }, 'iot.address'),
  vmCase("VM address on the VLAN's gateway", { iot: { bridge, address: '192.168.64.1' } }, 'iot.address', /192\.168\.64\.2/),
  vmCase("VM address on the VLAN's network address", { iot: { bridge, address: '192.168.64.0' } }, 'iot.address', /free address/),
  vmCase("VM address on the VLAN's broadcast address", { iot: { bridge, address: '192.168.79.255' } }, 'iot.address', /free address/),
  vmCase('VM gateway off its VLAN', { iot: { bridge, address: '192.168.64.2', gateway: '10.0.0.1' } }, 'iot.gateway', /192\.168\.64\.1/),
  vmCase('VM cluster network without its prefix', { clusterNetworks: ['10.244.0.0', '10.96.0.0/12'] }, 'clusterNetworks[0]', /\/16/),
  vmCase('VM nameserver with a port', { nameservers: ['1.1.1.1:53'] }, 'nameservers[0]'),
  vmCase('VM guest agent written as yes', { guestAgent: 'yes' }, 'guestAgent'),
  vmCase('VM disk described as a plain object', { disk: { pool: 'vms', name: 'ha', size: '64Gi' } }, 'disk'),
  vmCase('VM namespace with capitals and an underscore', { namespace: 'Home_Assistant' }, 'namespace'),

  // talos(): the bootstrap node and provisioning.
  onDistribution('Talos bootstrap node that is not in the cluster', talosLab({ bootstrapNode: stranger }), 'preinstalled[0].bootstrapNode', /gpu1/),
  onDistribution('Talos bootstrap node that is a worker', talosLab({ bootstrapNode: arm1 }), 'preinstalled[0].bootstrapNode', /control-plane/),
  onDistribution('Talos bootstrap node given by name', talosLab({ bootstrapNode: 'gpu1' }), 'preinstalled[0].bootstrapNode'),
  onDistribution('Talos provisioning steps as one string', talosLab({ provisioningSteps: 'terraform apply' }), 'preinstalled[0].provisioningSteps'),
  onDistribution('Talos endpoint written as a URL', talosLab({ clusterEndpoint: 'https://10.0.0.1:6443' }), 'preinstalled[0].clusterEndpoint', /'10\.0\.0\.1'/),
  onDistribution('Talos maintenance address keyed by a misspelt host', talosLab({ maintenanceAddresses: { gpu: '10.0.0.99' } }), 'preinstalled[0].maintenanceAddresses.gpu', /gpu1/),
  onDistribution('Talos maintenance address with the apid port', talosLab({ maintenanceAddresses: { gpu1: 'gpu1.local:50000' } }), 'preinstalled[0].maintenanceAddresses.gpu1'),
  onDistribution('Talos version asked of talos()', talosLab({ version: 'v1.8.0' }), 'preinstalled[0].version'),
  onDistribution('Talos cluster name with a space', talosLab({ clusterName: 'My Lab' }), 'preinstalled[0].clusterName'),

  // k3s(): flags and the files they name.
  onDistribution('K3s component to disable in capitals', k3sLab({ disable: ['Traefik'] }), 'preinstalled[0].disable[0]', /'traefik'/),
  onDistribution('K3s node-port range as a string', k3sLab({ serviceNodePortRange: '30000-32767' }), 'preinstalled[0].serviceNodePortRange'),
  onDistribution('K3s --disable given as an extra flag', k3sLab({ extraServerFlags: ['--disable=traefik'] }), 'preinstalled[0].extraServerFlags[0]', /k3s\(\{ disable \}\)/),
  onDistribution('K3s node-port range given as an extra flag', k3sLab({ extraServerFlags: ['--service-node-port-range=30000-31000'] }), 'preinstalled[0].extraServerFlags[0]', /serviceNodePortRange/),
  onDistribution('K3s token file given as an extra flag', k3sLab({ extraServerFlags: ['--token-file', '/etc/k3s/token'] }), 'preinstalled[0].extraServerFlags[0]', /tokenFile/),
  onDistribution('K3s extra flag and its value in one entry', k3sLab({ extraServerFlags: ['--flannel-iface tailscale0'] }), 'preinstalled[0].extraServerFlags[0]', /--flannel-iface=tailscale0/),
  onDistribution('K3s token file as a relative path', k3sLab({ tokenFile: 'token.txt' }), 'preinstalled[0].tokenFile', /absolute/),
  onDistribution('K3s token file left empty', k3sLab({ tokenFile: '' }), 'preinstalled[0].tokenFile'),
];
