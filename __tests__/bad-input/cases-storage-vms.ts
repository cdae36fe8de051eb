import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, existingStorageClass, host, localPathStorage, nfsStorage, site, traefik, zfsSnapshotClass } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { vm as debianVm } from './cases-new-user-19';
import { guarded, lab, labCluster, raw } from './lab';

// Storage tiers and VMs as a new user writes them without reading the guide: a tier of a driver nothing
// installs, an NFS server or ZFS pool written as a path, claims and classes the API server or the driver
// refuses, and VMs whose disk bus, interface model, memory, cloud-init data, MAC address or GPU KubeVirt,
// libvirt or the scheduler refuses, so the VM never starts.

/** What a case changes of the VM: its root disk's bus, its interface, its domain and its cloud-init volume. */
interface VmChange {
  readonly bus?: string;
  readonly iface?: Record<string, unknown>;
  readonly domain?: Record<string, unknown>;
  readonly cloudInit?: Record<string, unknown>;
}
/** The Debian VM `w` of the first labs with VMs, changed by `change`. */
const vm = (change: VmChange = {}) => debianVm(change.cloudInit, {}, change.iface, {
  ...(change.bus === undefined ? {} : { devices: { disks: [{ name: 'root', disk: { bus: change.bus } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] } }),
  ...change.domain,
});
const DEVICES = 'spec.template.spec.domain.devices';

const claim = (name: string, size: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'web' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast', resources: { requests: { storage: size } }, ...spec },
});
const storageClass = (extra: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'longhorn-fast' }, provisioner: 'driver.longhorn.io', ...extra,
});

/** A cluster of a one-node site `name` whose node has the ZFS pools and whose site has the NFS exports given; `storage` makes its tiers. */
function oneNodeCluster(name: string, facts: { zfsPools?: Record<string, unknown>; nfs?: Record<string, unknown> }, storage: (labSite: any, node: any) => Record<string, unknown> = () => ({})) {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    const node = host(`${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.43.0.5', zfsPools: facts.zfsPools as never });
    const labSite = site(name, { domain: `${name}.test`, hosts: [node], nfs: facts.nfs as never, git: { url: `https://git.${name}.test/lab.git` } });
    labCluster(app, name, { site: labSite, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage(), ...storage(labSite, node) } as never });
  });
}

export const CASES: BadInput[] = [
  {
    name: 'a Longhorn tier neither installed nor declared preinstalled',
    build: guarded((_c: ClusterChart, app: CdkApp) => {
      const cluster = labCluster(app, 'sv-longhorn', { storage: { replicated: existingStorageClass('longhorn', ['ReadWriteMany']) } });
      new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { data: { volume: AppVolume.claim({ tier: 'replicated', size: '1Gi', accessMode: 'ReadWriteMany' }), mountPath: '/data' } } });
    }),
    layer: 'references', path: 'sv-longhorn/web/claim-data', field: 'spec.storageClassName', hint: /declarePreinstalled/,
  },
  {
    name: 'an NFS server written with the path of its export',
    build: oneNodeCluster('sv-nfs-path', { nfs: { media: { server: 'nas.lab.test/export/media', path: '/export/media' } } }, (labSite) => ({ shared: nfsStorage(labSite.nfs.media) })),
    layer: 'inventory', path: 'inventory/site/sv-nfs-path/nfs/media', field: 'server',
  },
  {
    name: 'a ZFS pool written as the mount point of its dataset (/tank/vms)',
    build: oneNodeCluster('sv-zfs-mount', { zfsPools: { '/tank/vms': { media: 'nvme' } } }, (_s, node) => ({ vms: node.zfs['/tank/vms'] })),
    layer: 'inventory', path: 'inventory/host/sv-zfs-mount-node/zfsPools//tank/vms', field: 'name', hint: /zfsPools: \{ 'tank\/vms'/,
  },
  {
    name: 'a claim smaller than the snapshot it restores',
    build: (c: ClusterChart) => {
      zfsSnapshotClass(c);
      raw(c, 'db', claim('db', '20Gi'));
      raw(c, 'snap', { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'db-daily', namespace: 'web' }, spec: { source: { persistentVolumeClaimName: 'db' } } });
      raw(c, 'w', claim('db-restored', '10Gi', { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'db-daily' } }));
    },
    layer: 'references', path: 'w', field: 'spec.resources.requests.storage', hint: /20Gi/,
  },
  {
    name: 'a StorageClass reclaim policy in lower case',
    build: storageClass({ reclaimPolicy: 'retain' }),
    layer: 'schema', path: 'w', field: 'reclaimPolicy',
  },
  {
    name: 'an NFS tier reclaim policy in lower case',
    build: guarded((_c: ClusterChart, app: CdkApp) => { labCluster(app, 'sv-nfs-reclaim', { storage: { shared: nfsStorage(lab.nfs.share, { reclaimPolicy: 'retain' as never }) } }); }),
    layer: 'props', path: 'sv-nfs-reclaim', field: 'storage.shared.reclaimPolicy', hint: /'Retain'/,
  },
  {
    name: 'a StorageClass parameter as a number',
    build: storageClass({ parameters: { numberOfReplicas: 3 } }),
    layer: 'schema', path: 'w', field: 'parameters.numberOfReplicas',
  },
  { name: 'a VM disk bus written virtio-blk', build: vm({ bus: 'virtio-blk' }), layer: 'schema', path: 'w', field: `${DEVICES}.disks[0].disk.bus` },
  { name: 'a VM disk bus in capitals', build: vm({ bus: 'SATA' }), layer: 'schema', path: 'w', field: `${DEVICES}.disks[0].disk.bus` },
  { name: 'a VM network model written virtio-net', build: vm({ iface: { model: 'virtio-net' } }), layer: 'schema', path: 'w', field: `${DEVICES}.interfaces[0].model`, hint: /model: 'virtio'/ },
  { name: 'a VM memory without a unit', build: vm({ domain: { memory: { guest: '2048' } } }), layer: 'schema', path: 'w', field: 'spec.template.spec.domain.memory.guest', hint: /'2048Mi'/ },
  { name: 'cloud-init user data without #cloud-config', build: vm({ cloudInit: { userData: 'users:\n  - name: debian\n' } }), layer: 'schema', path: 'w', field: 'spec.template.spec.volumes[1].cloudInitNoCloud.userData' },
  { name: 'a VM MAC address in Cisco notation', build: vm({ iface: { macAddress: '0200.00aa.bbcc' } }), layer: 'schema', path: 'w', field: `${DEVICES}.interfaces[0].macAddress` },
  { name: 'a VM MAC address with dashes', build: vm({ iface: { macAddress: '02-00-00-aa-bb-cc' } }), layer: 'schema', path: 'w', field: `${DEVICES}.interfaces[0].macAddress` },
  { name: 'a VM GPU no host has', build: vm({ domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }], gpus: [{ name: 'gpu', deviceName: 'nvidia.com/GA102_GEFORCE_RTX_3090' }] } } }), layer: 'references', path: 'w', field: `${DEVICES}.gpus[0].deviceName` },
];
