import { App as CdkApp } from 'cdk8s';
import { host, HostProps, MediaContainers, metalLb, site, talos, vlan } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp, labCluster } from './lab';

// A fork's edits to a site that worked: a host, a VLAN or a cluster's choice changed in place, the way an
// owner fits another lab's sites to their own hardware. Each case declares its own small site of the same
// shape, so what one records never shows in another.

/** A Talos cluster `edge` on a site `name` of one host, whose facts `hostProps` change. */
function talosSite(name: string, hostProps: Partial<HostProps>) {
  return guarded((_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1', ...hostProps } as HostProps);
    const lab = site(name, { domain: `${name}.test`, hosts: [node] });
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {}, preinstalled: [talos({ bootstrapNode: node, bringYourOwnCni: false, allowSchedulingOnControlPlanes: true })] });
  });
}

/** A cluster `edge` on a site `name` whose VIP VLAN 8 has `cidr`, with a MetalLB pool `ingress` of the one address 10.9.8.50 on it. */
function movedVlanSite(name: string, cidr: string) {
  return guarded((_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
    const lab = site(name, {
      domain: `${name}.test`, hosts: [node],
      vlans: { lan: vlan('lan', { id: 1, cidr: '10.9.0.0/24' }), vips: vlan('vips', { id: 8, cidr }) },
      pools: { ingress: { first: '10.9.8.50', last: '10.9.8.50', vlan: 8 } },
    });
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: metalLb({ pools: [lab.pools.ingress] }), storage: {} });
  });
}

export const CASES: BadInput[] = [
  {
    name: 'fork edit: the VIP VLAN moved to another network under a pool of one address',
    build: movedVlanSite('fe-vlan-moved', '10.9.9.0/24'),
    layer: 'inventory', path: 'inventory/site/fe-vlan-moved', field: 'pools.ingress', message: /but 10\.9\.8\.50 lies outside/,
  },
  {
    // The host's own role is the mistake: its bootstrap node being "no control-plane node" follows from it.
    name: 'fork edit: the Talos bootstrap host given the role master',
    build: talosSite('fe-master', { roles: ['master', 'worker'] as unknown as HostProps['roles'] }),
    layer: 'inventory', path: 'inventory/host/fe-master-node', field: 'roles[0]', hint: /'control-plane'/,
  },
  {
    // linuxserver.io's Calibre-Web listens on 8083; the port was edited in the chart alone.
    name: "fork edit: Calibre-Web's port changed to one it does not listen on",
    build: guarded(labApp('calibre-web', {
      image: 'lscr.io/linuxserver/calibre-web:0.6.24', ports: [{ name: 'http', port: 8084 }],
      exemptions: { runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes under /run', privilegeEscalation: 's6-overlay drops to PUID' },
    })),
    layer: 'props', path: 'calibre-web', field: 'ports[0].port', hint: /port: 8083/,
  },
  {
    // The lab's control-plane and worker host, written for K3s, under Talos as it was.
    name: 'fork edit: a K3s cluster of a control-plane and worker host switched to Talos without allowSchedulingOnControlPlanes',
    build: guarded((_c: unknown, app: CdkApp) => {
      const cluster = labCluster(app, 'edge', { storage: {}, preinstalled: [talos({ bootstrapNode: gpu1, bringYourOwnCni: false })] });
      labApp('web', { placement: { host: gpu1 } })(cluster);
    }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].allowSchedulingOnControlPlanes', hint: /allowSchedulingOnControlPlanes: true/,
  },
  {
    // linuxserver.io's Overseerr listens on PORT, 5055 unless set; the entry's listenPort was edited alone.
    name: "fork edit: a media container's listenPort changed to one its image does not listen on",
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' },
      containers: { overseerr: { image: 'lscr.io/linuxserver/overseerr:1.34.0-ls143', host: gpu1, listenPort: 5056 } },
    })),
    layer: 'props', path: 'media/overseerr', field: 'listenPort', hint: /listenPort: 5055.*environment\.PORT: '5056'/,
  },
];
