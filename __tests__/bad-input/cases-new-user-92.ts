import { ApiObject, App as CdkApp } from 'cdk8s';
import { BridgeNetwork, ClusterChart, flux, host, nfsStorage, permitVmHostDevices, site, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { sealed } from './cases-object-size';
import { guarded } from './lab';

// A new user's second wave of VMs on KubeVirt, written from the README: Windows 11, Home Assistant OS from its qcow2
// image, Ubuntu from cloud-init in a Secret, a VM on a Multus bridge to the home VLAN, a GPU passed through and live
// migration between two nodes on NFS. Each mistake passed synthesis and then left a VM that never started, booted
// without its users, or a node that never drained.

const home = vlan('home', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' });
const pve1 = host('pve1', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.11', memoryGigabytes: 64,
  gpus: [{ vendor: 'nvidia', pciId: '10de:2204' }], bridges: { br20: { vlan: home } },
});
const pve2 = host('pve2', { arch: 'amd64', roles: ['worker'], address: '192.168.1.12', memoryGigabytes: 64, bridges: { br20: { vlan: home } } });
const vmSite = site('vmlab', {
  domain: 'vmlab.example', hosts: [pve1, pve2], vlans: { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), home },
  nfs: { nas: { server: '192.168.1.5', path: '/mnt/tank/vms' } }, git: { url: 'https://github.com/jdoe/vmlab.git' },
});

/** A VM `name` in namespace `vms` of a two-node cluster on NFS, booting an RWX DataVolume, with `spec` merged into its template's spec. */
const vm = (name: string, spec: Record<string, unknown>, build: (cluster: ClusterChart) => void = () => undefined, template: Record<string, unknown> = {}) => guarded((_c: ClusterChart, app: CdkApp) => {
  const cluster = new ClusterChart(app, 'vm-site', { site: vmSite, hosts: [pve1, pve2], routes: traefik({ nodePorts: true }), storage: { vm: nfsStorage(vmSite.nfs.nas, { storageClassName: 'nfs-vms' }) }, gitops: flux() });
  cluster.namespaces.ensure('vms');
  build(cluster);
  const { domain, ...rest } = spec as { domain?: Record<string, unknown> };
  new ApiObject(cluster, name, {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: 'vms' },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: `${name}-root` }, spec: { source: { http: { url: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img' } }, storage: { storageClassName: 'nfs-vms', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '20Gi' } } } } }],
      template: {
        ...template,
        spec: {
          evictionStrategy: 'LiveMigrate',
          domain: { cpu: { cores: 2 }, memory: { guest: '2Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] }, ...domain },
          networks: [{ name: 'default', pod: {} }],
          volumes: [{ name: 'root', dataVolume: { name: `${name}-root` } }],
          ...rest,
        },
      },
    },
  });
});

const EVICTION = 'spec.template.spec.evictionStrategy';

export const CASES: BadInput[] = [
  {
    name: 'a VM given a GPU by passthrough and told to live-migrate when its node drains',
    build: vm('ml', { domain: { cpu: { cores: 4 }, memory: { guest: '16Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }], hostDevices: [{ name: 'gpu', deviceName: pve1.vmGpu().resourceName }] } } },
      (cluster) => permitVmHostDevices(cluster, [pve1.vmGpu()])),
    layer: 'references', path: 'ml', field: EVICTION, message: /HostDeviceNotLiveMigratable/, hint: /LiveMigrateIfPossible/,
  },
  {
    name: 'a VM told to live-migrate whose pod network interface is a bridge',
    build: vm('win11', { domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', bridge: {} }] } } }),
    layer: 'references', path: 'win11', field: EVICTION, message: /masquerade/, hint: /masquerade: \{\}.*allow-pod-bridge-network-live-migration/,
  },
  {
    name: 'a VM on the home VLAN bridge with a fixed MAC address that is a multicast one',
    build: vm('haos', {
      domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }, { name: 'home', bridge: {}, macAddress: '11:22:33:44:55:66' }] } },
      networks: [{ name: 'default', pod: {} }, { name: 'home', multus: { networkName: 'home-vlan-bridge' } }],
    }, (cluster) => new BridgeNetwork(cluster, 'home-bridge', { bridge: pve1.bridges.br20, namespace: 'vms' })),
    layer: 'schema', path: 'haos', field: 'spec.template.spec.domain.devices.interfaces[1].macAddress', hint: /'02:22:33:44:55:66'/,
  },
  {
    name: "cloud-init's user data sealed under the NoCloud file's name user-data",
    build: vm('ubuntu', {
      domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] } },
      volumes: [{ name: 'root', dataVolume: { name: 'ubuntu-root' } }, { name: 'cloudinit', cloudInitNoCloud: { secretRef: { name: 'ubuntu-cloud-init' } } }],
    }, (cluster) => new ApiObject(cluster, 'ubuntu-cloud-init', {
      apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'ubuntu-cloud-init', namespace: 'vms' },
      spec: { encryptedData: { 'user-data': sealed(300) }, template: { metadata: { name: 'ubuntu-cloud-init', namespace: 'vms' } } },
    })),
    layer: 'references', path: 'ubuntu', field: 'spec.template.spec.volumes[1].cloudInitNoCloud.secretRef.name', message: /no key userdata or userData/, hint: /key userdata/,
  },
];
