import type { App as CdkApp } from 'cdk8s';
import { externalHost, host, HostProps, site, SiteProps } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { edgeSite } from './cases-inventory-loose-ends';
import { goodDeployment, guarded, labApp, raw, serviceManifest } from './lab';

const node = (id: string, facts: Partial<HostProps>, field: string, name: string, hint?: RegExp, under = ''): BadInput => ({
  name, build: edgeSite(id, {}, facts), layer: 'inventory', path: `inventory/host/${id}-node${under}`, field, hint,
});
const siteFacts = (id: string, facts: Partial<SiteProps<string, string, string, string>>, field: string, name: string, hint?: RegExp, under = `site/${id}`): BadInput => ({
  name, build: edgeSite(id, facts), layer: 'inventory', path: `inventory/${under}`, field, hint,
});
const routed = (name: string, route: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: guarded(labApp('web', { route })), layer: 'props', path: 'web', field, hint,
});
const withWeb = (build: (c: ClusterChart) => void) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'svc', serviceManifest('web'));
  build(c);
};

export const CASES: BadInput[] = [
  node('r3-usbhex', { usbDevices: { zigbee: { vendorId: '0x10c4', productId: '0xea60' } } } as Partial<HostProps>, 'usbDevices.zigbee.vendorId', 'a USB vendor id written with 0x'),
  node('r3-usbpair', { usbDevices: { zigbee: { vendorId: '10c4:ea60', productId: 'ea60' } } } as Partial<HostProps>, 'usbDevices.zigbee.vendorId', 'a USB vendor id written as vendor:product'),
  node('r3-zone', { address: 'fe80::1%eth0' }, 'address', 'a host address with an IPv6 zone'),
  node('r3-cidr', { address: '10.20.0.5/24' }, 'address', 'a host address written with its prefix'),
  node('r3-v6brack', { address: '[2001:db8::5]' }, 'address', 'a host IPv6 address in brackets'),
  node('r3-gpuup', { gpus: [{ vendor: 'NVIDIA' }] } as unknown as Partial<HostProps>, 'gpus[0].vendor', 'a GPU vendor in upper case'),
  node('r3-gpu0', { gpus: [{ vendor: 'intel', count: 0 }] }, 'gpus[0].count', 'a GPU count of zero'),
  node('r3-pci', { gpus: [{ vendor: 'nvidia', pciId: '01:00.0' }] }, 'gpus[0].pciId', 'a GPU PCI id written as a bus address'),
  node('r3-zfsneg', { zfsPools: { tank: { media: 'hdd', sizeTerabytes: -4 } } } as Partial<HostProps>, 'sizeTerabytes', 'a ZFS pool of negative size', /zpool list/, '/zfsPools/tank'),
  node('r3-taint', { taints: [{ key: 'gpu', effect: 'noschedule' as 'NoSchedule' }] }, 'taints[0].effect', 'a taint effect in lower case'),
  node('r3-cores', { cores: '8' as unknown as number }, 'cores', 'host cores written as text'),
  node('r3-mem', { memoryGigabytes: '16GB' as unknown as number }, 'memoryGigabytes', 'host memory written with a unit'),
  node('r3-nodename', { nodeName: 'Node_1' }, 'nodeName', 'a node name with upper case and an underscore'),
  node('r3-bridge', { bridges: { br0: { uplink: 'eth 0' } } } as Partial<HostProps>, 'uplink', 'a bridge uplink with a space', /eno1/, '/bridges/br0'),
  node('r3-role', { roles: ['master'] as unknown as HostProps['roles'] }, 'roles[0]', 'a host role master'),
  siteFacts('r3-dot', { domain: 'r3-dot.test.' }, 'domain', 'a site domain with a trailing dot'),
  siteFacts('r3-scheme', { domain: 'https://r3-scheme.test' }, 'domain', 'a site domain with a scheme'),
  siteFacts('r3-upper', { domain: 'Lab.Test' }, 'domain', 'a site domain in upper case'),
  siteFacts('r3-pool-rev', { pools: { vips: { first: '10.20.0.250', last: '10.20.0.240' } } }, 'last', 'a pool whose first address comes after its last', /swap/, 'site/r3-pool-rev/pools/vips'),
  { ...siteFacts('r3-pool-host', { pools: { vips: { first: '10.20.0.2', last: '10.20.0.9' } } }, 'site.pools.vips', 'a pool over the host address', /addresses no machine uses/), path: 'edge' },
  { ...siteFacts('r3-pool-two', { pools: { vips: { first: '10.20.0.240', last: '10.20.0.250' }, dns: { first: '10.20.0.245', last: '10.20.0.245' } } }, 'site.pools.dns', 'two pools that overlap', /own range/), path: 'edge' },
  siteFacts('r3-nfs-rel', { nfs: { media: { server: '10.20.0.9', path: 'export/media' } } }, 'path', 'an NFS export path without a leading slash', /starting with \//, 'site/r3-nfs-rel/nfs/media'),
  siteFacts('r3-nfs-url', { nfs: { media: { server: 'nfs://nas.r3.test', path: '/export' } } }, 'server', 'an NFS server written as a URL', /nas\.r3\.test/, 'site/r3-nfs-url/nfs/media'),
  siteFacts('r3-nfs-colon', { nfs: { media: { server: 'nas.r3.test:/export', path: '/export' } } }, 'server', 'an NFS server with its path as in fstab', /split it/, 'site/r3-nfs-colon/nfs/media'),
  siteFacts('r3-ext-port', { externalHosts: { ha: externalHost('ha', { address: '10.20.0.9:8123' }) } }, 'address', 'an external host address with a port', /dotted/, 'external-host/ha'),
  siteFacts('r3-vlan-text', { vlans: { lan: { id: '10', cidr: '10.20.0.0/24' } as never } }, 'vlans.lan', 'a VLAN id as text'),
  routed('a route host with a scheme', { host: 'https://web.lab.test' }, 'route.host'),
  routed('a route host in upper case', { host: 'Web' }, 'route.host'),
  routed('a route host with an underscore', { host: 'web_app' }, 'route.host'),
  routed('a route host with a trailing dot', { host: 'web.lab.test.' }, 'route.host'),
  routed('a route host with a port', { host: 'web:8443' }, 'route.host'),
  routed('a route path without a leading slash', { host: 'web', path: 'api' }, 'route.path'),
  routed('a route path as a regex', { host: 'web', path: '/api/.*' }, 'route.path'),
  routed('a route path with a query', { host: 'web', path: '/api?x=1' }, 'route.path'),
  routed('a route path with a fragment', { host: 'web', path: '/#/home' }, 'route.path'),
  routed('a route port as text', { host: 'web', port: '8080' }, 'route.port'),
  { name: 'a wildcard route host on Traefik', build: labApp('web', { route: { host: '*.lab.test' } }), layer: 'references', path: 'web', field: 'route.host', hint: /Gateway API/ },
  {
    name: 'a Tailscale host name with a dot',
    build: withWeb((c) => raw(c, 'x', serviceManifest('ts', { type: 'LoadBalancer', loadBalancerClass: 'tailscale' }, { annotations: { 'tailscale.com/hostname': 'web.lab' } }))),
    layer: 'inventory', path: 'x', field: 'metadata.annotations.tailscale.com/hostname', hint: /tailscale\.com\/hostname: 'web'/,
  },
  {
    name: 'an external-dns host name of a zone the site does not own',
    build: withWeb((c) => raw(c, 'x', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' } }))),
    layer: 'references', path: 'x', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/hostname',
  },
  {
    name: 'an ACME issuer e-mail that is no address',
    build: withWeb((c) => raw(c, 'x', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'admin', privateKeySecretRef: { name: 'le-account' }, solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }] } } })),
    layer: 'schema', path: 'x', field: 'spec.acme.email',
  },
];
void host; void site;
export type _Unused = CdkApp;
