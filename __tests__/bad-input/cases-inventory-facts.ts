import { App as CdkApp } from 'cdk8s';
import { externalHost, host, HostProps, placeholder, site, SiteProps, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { labApp, labCluster } from './lab';

// Facts of the inventory that are wrong. Inventory objects are declared when a module loads, so they
// record what is wrong instead of throwing; synthesis reports it against the inventory object. Each case
// declares its own inventory, so a problem recorded by one case never shows in another.
const fine: HostProps = { arch: 'amd64', address: '10.9.0.1' };

/** A cluster `edge` on a site `name` of one host with `hostProps`, with the site's other facts. */
function edge(name: string, hostProps: Partial<HostProps> | ((h: any) => Record<string, unknown>), siteProps: Partial<SiteProps<any, any, any, any>> = {}) {
  return (_c: unknown, app: CdkApp) => {
    const node = host(`${name}-node`, { ...fine, ...(typeof hostProps === 'function' ? {} : hostProps) } as HostProps);
    const lab = site(name, { domain: `${name}.test`, hosts: [node], ...(typeof hostProps === 'function' ? hostProps(node) : {}), ...siteProps } as SiteProps<any, any, any, any>);
    labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {} });
    return { node, lab };
  };
}

/** A case of a host fact that is wrong, on a one-host site of its own. */
export const hostFact = (name: string, props: Record<string, unknown>, field: string): BadInput =>
  ({ name, build: edge(`h${name.length}`, props), layer: 'inventory', path: `inventory/host/h${name.length}-node`, field });

export const CASES: BadInput[] = [
  hostFact('host address with a fifth octet', { address: '10.9.0.1.5' }, 'address'),
  hostFact('host address octet above 255', { address: '10.9.0.256' }, 'address'),
  hostFact('host address given as a number', { address: 167837697 }, 'address'),
  hostFact('placeholder without its description', { address: placeholder('10.9.0.1', undefined as any) }, 'address'),
  hostFact('placeholder with an empty owner', { address: placeholder('10.9.0.1', { fact: 'NUC address', owner: '' }) }, 'address'),
  hostFact('placeholder with a blank fact', { address: placeholder('10.9.0.1', { fact: '  ', owner: 'set to its DHCP lease' }) }, 'address'),
  hostFact('public address that is no address', { publicAddress: 'vps.example.com' }, 'publicAddress'),
  hostFact('arch spelt x86_64', { arch: 'x86_64' }, 'arch'),
  hostFact('VLAN interface with its device misspelt', { vlanInterfaces: [{ vlan: vlan('vips', { id: 8, cidr: '10.9.8.0/24' }), devcie: 'eno1.8' }] }, 'vlanInterfaces[0].devcie'),
  hostFact('GPU with its vendor misspelt', { gpus: [{ vender: 'intel' }] }, 'gpus[0].vender'),
  hostFact('taint with its effect misspelt', { taints: [{ key: 'gpu', efect: 'NoSchedule' }] }, 'taints[0].efect'),
  hostFact('disk with its size misspelt', { disks: [{ media: 'nvme', sizeGigabyte: 512 }] }, 'disks[0].sizeGigabyte'),
  hostFact('role that does not exist', { roles: ['master'] }, 'roles[0]'),
  hostFact('GPU vendor misspelt nvidea', { gpus: [{ vendor: 'nvidea' }] }, 'gpus[0].vendor'),
  hostFact('GPU count of zero', { gpus: [{ vendor: 'nvidia', count: 0 }] }, 'gpus[0].count'),
  hostFact('GPUs given as a string', { gpus: 'nvidia' }, 'gpus'),
  hostFact('negative core count', { cores: -4 }, 'cores'),
  hostFact('memory given as text', { memoryGigabytes: '32G' }, 'memoryGigabytes'),
  hostFact('taint effect that does not exist', { taints: [{ key: 'gpu', effect: 'NoScheduling' }] }, 'taints[0].effect'),
  hostFact('taint value with a space', { taints: [{ key: 'dedicated', value: 'gpu only', effect: 'NoSchedule' }] }, 'taints[0].value'),
  hostFact('unknown host fact memoryGb', { memoryGb: 32 }, 'memoryGb'),
  hostFact('shared without a reason', { shared: '' }, 'shared'),
  hostFact('host without roles', { roles: [] }, 'roles'),
  hostFact('host roles given as one string', { roles: 'control-plane' }, 'roles'),
  { name: 'site named with capitals and a space', build: edge('Home Lab', {}), layer: 'inventory', path: 'inventory/site/Home Lab', field: 'name' },
  hostFact('node name with capitals and a space', { nodeName: 'Living Room NUC' }, 'nodeName'),
  hostFact('node name of 64 characters', { nodeName: 'n'.repeat(64) }, 'nodeName'),
  { name: 'host named with capitals, used as its node name', build: (_c, app) => {
    const node = host('Edge Box', fine);
    labCluster(app, 'edge', { site: site('caps', { domain: 'caps.test', hosts: [node] }), hosts: [node], loadBalancer: undefined, storage: {} });
  }, layer: 'inventory', path: 'inventory/host/Edge Box', field: 'name' },
  hostFact('disk of a media that does not exist', { disks: [{ media: 'flash', sizeGigabytes: 512 }] }, 'disks[0].media'),
  hostFact('disk given as its size', { disks: [512] }, 'disks[0].media'),
  { name: 'external host given as its address', build: edge('ex', {}, { externalHosts: { nas: '10.9.0.5' } } as any), layer: 'inventory', path: 'inventory/site/ex', field: 'externalHosts.nas' },
  { name: 'ZFS pool media that does not exist', build: edge('zm', { zfsPools: { fast: { media: 'flash' } } } as any), layer: 'inventory', path: 'inventory/host/zm-node/zfsPools/fast', field: 'media' },
  { name: 'two VLANs with one id', build: edge('dv', {}, { vlans: { a: vlan('a', { id: 20, cidr: '10.9.0.0/24' }), b: vlan('b', { id: 20, cidr: '10.9.1.0/24' }) } }), layer: 'inventory', path: 'inventory/site/dv', field: 'vlans.b' },
  { name: 'pool VLAN given as text', build: edge('pt', {}, { vlans: { lan: vlan('lan', { id: 20, cidr: '10.9.0.0/24' }) }, pools: { vips: { first: '10.9.0.10', last: '10.9.0.20', vlan: '20' as any } } }), layer: 'inventory', path: 'inventory/site/pt/pools/vips', field: 'vlan' },
  { name: 'pool name with an underscore', build: edge('pn', {}, { pools: { iot_vips: { first: '10.9.0.10', last: '10.9.0.20' } } }), layer: 'inventory', path: 'inventory/site/pn/pools/iot_vips', field: 'name' },
  {
    name: 'host interface on a VLAN the site does not declare',
    build: edge('vu', { vlanInterfaces: [{ vlan: vlan('vips', { id: 8, cidr: '10.9.8.0/24' }), device: 'eno1.8' }] }),
    layer: 'inventory', path: 'inventory/site/vu', field: 'hosts[0].vlanInterfaces',
  },
  {
    name: 'two host interfaces on one VLAN',
    build: (() => {
      const vips = vlan('vips', { id: 8, cidr: '10.9.8.0/24' });
      return edge('vt', { vlanInterfaces: [{ vlan: vips, device: 'eno1.8' }, { vlan: vips, device: 'eno2.8' }] }, { vlans: { vips } });
    })(),
    layer: 'inventory', path: 'inventory/host/vt-node', field: 'vlanInterfaces[1].vlan',
  },
  { name: 'workload role that cannot name a label', build: edge('wr', { workloadRoles: ['CI CD'] }), layer: 'inventory', path: 'inventory/host/wr-node', field: 'workloadRoles[0]' },
  { name: 'taint key with a space', build: edge('tk', { taints: [{ key: 'bad key!', effect: 'NoSchedule' }] }), layer: 'inventory', path: 'inventory/host/tk-node', field: 'taints[0].key' },
  { name: 'host VLAN interface with a device name too long', build: edge('vi', { vlanInterfaces: [{ vlan: vlan('vips', { id: 8, cidr: '10.9.8.0/24' }), device: 'enp0s31f6.vlan108' }] }), layer: 'inventory', path: 'inventory/host/vi-node', field: 'vlanInterfaces[0].device' },
  { name: 'host VLAN interface given a VLAN id', build: edge('vn', { vlanInterfaces: [{ vlan: 8, device: 'eno1.8' }] } as any), layer: 'inventory', path: 'inventory/host/vn-node', field: 'vlanInterfaces[0].vlan' },
  { name: 'bridge VLAN given as a name', build: edge('bv', { bridges: { br0: { vlan: 'iot' } } } as any), layer: 'inventory', path: 'inventory/host/bv-node/bridges/br0', field: 'vlan' },
  { name: 'reversed address pool', build: edge('rp', {}, { pools: { vips: { first: '10.9.8.20', last: '10.9.8.10' } } }), layer: 'inventory', path: 'inventory/site/rp/pools/vips', field: 'last' },
  { name: 'pool outside the network of its VLAN', build: edge('pv', {}, { vlans: { lan: vlan('lan', { id: 10, cidr: '10.9.0.0/24' }) }, pools: { vips: { first: '10.8.0.10', last: '10.8.0.20', vlan: 10 } } }), layer: 'inventory', path: 'inventory/site/pv', field: 'pools.vips' },
  { name: 'pool on a VLAN the site does not declare', build: edge('pu', {}, { vlans: { lan: vlan('lan', { id: 10, cidr: '10.9.0.0/24' }) }, pools: { vips: { first: '10.9.0.10', last: '10.9.0.20', vlan: 20 } } }), layer: 'inventory', path: 'inventory/site/pu', field: 'pools.vips.vlan' },
  { name: 'Git branch with a space', build: edge('gb', {}, { git: { url: 'https://git.gb.test/lab.git', branch: 'my branch' } }), layer: 'inventory', path: 'inventory/site/gb', field: 'git.branch' },
  { name: 'pool start that is no address', build: edge('ps', {}, { pools: { vips: { first: '10.9.8', last: '10.9.8.10' } } }), layer: 'inventory', path: 'inventory/site/ps/pools/vips', field: 'first' },
  { name: 'pool end that is no address', build: edge('pe', {}, { pools: { vips: { first: '10.9.8.1', last: 'ten' } } }), layer: 'inventory', path: 'inventory/site/pe/pools/vips', field: 'last' },
  {
    name: 'address taken outside its pool',
    build: (_c, app) => {
      const node = host('ao-node', fine);
      const lab = site('ao', { domain: 'ao.test', hosts: [node], pools: { vips: { first: '10.9.8.10', last: '10.9.8.20' } } });
      labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {} });
      lab.pools.vips.at('10.9.8.99');
    },
    layer: 'inventory', path: 'inventory/site/ao/pools/vips', field: 'at("10.9.8.99")',
  },
  {
    name: 'address taken from a pool that is no address',
    build: (_c, app) => {
      const node = host('an-node', fine);
      const lab = site('an', { domain: 'an.test', hosts: [node], pools: { vips: { first: '10.9.8.10', last: '10.9.8.20' } } });
      labCluster(app, 'edge', { site: lab, hosts: [node], loadBalancer: undefined, storage: {} });
      lab.pools.vips.at('10.9.8');
    },
    layer: 'inventory', path: 'inventory/site/an/pools/vips', field: 'at("10.9.8")',
  },
  { name: 'VLAN id above 4094', build: edge('vi', {}, { vlans: { iot: vlan('vi-iot', { id: 5000, cidr: '10.9.64.0/20' }) } }), layer: 'inventory', path: 'inventory/vlan/vi-iot', field: 'id' },
  { name: 'VLAN gateway outside its network', build: edge('vg', {}, { vlans: { iot: vlan('vg-iot', { id: 64, cidr: '10.9.64.0/20', gateway: '10.9.96.1' }) } }), layer: 'inventory', path: 'inventory/vlan/vg-iot', field: 'gateway' },
  { name: 'VLAN network that is no CIDR block', build: edge('vc', {}, { vlans: { iot: vlan('vc-iot', { id: 64, cidr: '10.9.64.0' }) } }), layer: 'inventory', path: 'inventory/vlan/vc-iot', field: 'cidr' },
  { name: 'VLAN prefix above 32', build: edge('vp', {}, { vlans: { iot: vlan('vp-iot', { id: 64, cidr: '10.9.64.0/33' }) } }), layer: 'inventory', path: 'inventory/vlan/vp-iot', field: 'cidr' },
  { name: 'NFS export with a relative path', build: edge('nr', {}, { nfs: { share: { server: 'nas.nr.test', path: 'export/media' } } }), layer: 'inventory', path: 'inventory/site/nr/nfs/share', field: 'path' },
  { name: 'NFS export without a server', build: edge('ns', {}, { nfs: { share: { path: '/export' } } } as any), layer: 'inventory', path: 'inventory/site/ns/nfs/share', field: 'server' },
  { name: 'site domain with upper case and an underscore', build: edge('sd', {}, { domain: 'My_Lab.test' }), layer: 'inventory', path: 'inventory/site/sd', field: 'domain' },
  { name: 'site host given by name', build: edge('sh', (node) => ({ hosts: [node, 'gpu1'] })), layer: 'inventory', path: 'inventory/site/sh', field: 'hosts[1]' },
  { name: 'site VLAN given as plain facts', build: edge('sv', {}, { vlans: { iot: { id: 64, cidr: '10.9.64.0/20' } } } as any), layer: 'inventory', path: 'inventory/site/sv', field: 'vlans.iot' },
  { name: 'unknown site fact pool', build: edge('su', {}, { pool: { vips: { first: '10.9.8.1', last: '10.9.8.2' } } } as any), layer: 'inventory', path: 'inventory/site/su', field: 'pool' },
  { name: 'Git source without a URL', build: edge('sg', {}, { git: { url: '' } }), layer: 'inventory', path: 'inventory/site/sg', field: 'git.url' },
  { name: 'external host address that is no address', build: edge('ea', {}, { externalHosts: { nas: externalHost('ea-nas', { address: 'nas.local' }) } }), layer: 'inventory', path: 'inventory/external-host/ea-nas', field: 'address' },
  { name: 'external host port above 65535', build: edge('ep', {}, { externalHosts: { nas: externalHost('ep-nas', { address: '10.9.0.50', ports: { smb: 70000 } }) } }), layer: 'inventory', path: 'inventory/external-host/ep-nas', field: 'ports.smb' },
  {
    name: 'port of a service the external host does not list',
    build: (c, app) => {
      const nas = externalHost('eu-nas', { address: '10.9.0.51', ports: { smb: 445 } });
      edge('eu', {}, { externalHosts: { nas } })(c, app);
      nas.port('nfs');
    },
    layer: 'inventory', path: 'inventory/external-host/eu-nas', field: 'ports.nfs',
  },
  { name: 'App on a cluster whose host address is wrong', build: (c, app) => { edge('aw', { address: '10.9.0' })(c, app); labApp('web')(c); }, layer: 'inventory', path: 'inventory/host/aw-node', field: 'address' },
];
