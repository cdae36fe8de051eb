import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { BridgeNetwork, ClusterChart, flux, host, metalLb, nfsStorage, permitVmHostDevices, site, traefik, vlan } from '../constructs';
import { sealed } from './bad-input/cases-object-size';
import { objectsOf, shownFindings } from './support/lab-output';

// The second wave of a new user's VMs written right: Windows 11 with Secure Boot, a TPM and Hyper-V enlightenments,
// Home Assistant OS imported from its qcow2 image on the home VLAN's bridge, Ubuntu from cloud-init in a Secret with a
// GPU, and a VM whose guest renews its address after a move, all on NFS so they live-migrate. The checks of live
// migration, MAC addresses and cloud-init Secrets find nothing in them.

/** A hand-written VM `name` in namespace `vms`: its template's spec, and the template's metadata. */
function vm(cluster: Construct, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}, dataVolumeTemplates: unknown[] = []): void {
  new ApiObject(cluster, name, {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name, namespace: 'vms' },
    spec: { runStrategy: 'Always', dataVolumeTemplates, template: { metadata: { labels: { 'kubevirt.io/domain': name }, ...metadata }, spec } },
  });
}

const rwx = (size: string) => ({ storageClassName: 'nfs-vms', accessModes: ['ReadWriteMany'], resources: { requests: { storage: size } } });

function vmLab(scope: Construct): void {
  const home = vlan('home', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' });
  const pve1 = host('pve1', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.11', memoryGigabytes: 64, cores: 16,
    gpus: [{ vendor: 'nvidia', pciId: '10de:2204' }], bridges: { br20: { vlan: home } },
  });
  const pve2 = host('pve2', { arch: 'amd64', roles: ['worker'], address: '192.168.1.12', memoryGigabytes: 64, cores: 16, bridges: { br20: { vlan: home } } });
  const lab = site('vmlab', {
    domain: 'vmlab.example', hosts: [pve1, pve2], vlans: { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), home },
    pools: { lb: { first: '192.168.1.200', last: '192.168.1.210' } },
    nfs: { nas: { server: '192.168.1.5', path: '/mnt/tank/vms' } }, git: { url: 'https://github.com/jdoe/vmlab.git' },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [pve1, pve2], routes: traefik({ address: lab.pools.lb.at('192.168.1.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { vm: nfsStorage(lab.nfs.nas, { storageClassName: 'nfs-vms' }) }, gitops: flux(),
  });
  cluster.namespaces.ensure('vms');
  const bridge = new BridgeNetwork(cluster, 'home-bridge', { bridge: pve1.bridges.br20, namespace: 'vms' });
  const masquerade = { name: 'default', masquerade: {} };
  const podNetwork = { name: 'default', pod: {} };

  vm(cluster, 'win11', {
    evictionStrategy: 'LiveMigrate',
    domain: {
      cpu: { cores: 4 }, memory: { guest: '8Gi' },
      firmware: { bootloader: { efi: { secureBoot: true } } },
      features: { acpi: {}, apic: {}, smm: { enabled: true }, hyperv: { relaxed: {}, vapic: {}, spinlocks: { spinlocks: 8191 }, vpindex: {}, synic: {}, synictimer: { direct: {} }, frequencies: {}, tlbflush: {}, ipi: {}, runtime: {}, reset: {} } },
      clock: { utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } },
      devices: {
        tpm: {},
        disks: [{ name: 'root', bootOrder: 2, disk: { bus: 'sata' } }, { name: 'iso', bootOrder: 1, cdrom: { bus: 'sata' } }, { name: 'virtio-drivers', cdrom: { bus: 'sata' } }],
        interfaces: [{ ...masquerade, model: 'e1000e', ports: [{ name: 'rdp', port: 3389 }] }],
      },
    },
    networks: [podNetwork],
    volumes: [{ name: 'root', dataVolume: { name: 'win11-root' } }, { name: 'iso', dataVolume: { name: 'win11-iso' } }, { name: 'virtio-drivers', containerDisk: { image: 'quay.io/kubevirt/virtio-container-disk:v1.8.3' } }],
  }, {}, [
    { metadata: { name: 'win11-root' }, spec: { source: { blank: {} }, storage: rwx('80Gi') } },
    { metadata: { name: 'win11-iso' }, spec: { source: { http: { url: 'http://192.168.1.5/iso/Win11_24H2_English_x64.iso' } }, storage: rwx('8Gi') } },
  ]);
  new ApiObject(cluster, 'win11-rdp', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'win11-rdp', namespace: 'vms' },
    spec: { type: 'LoadBalancer', selector: { 'kubevirt.io/domain': 'win11' }, ports: [{ name: 'rdp', port: 3389, targetPort: 3389 }] },
  });

  new ApiObject(cluster, 'haos-disk', {
    apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'haos', namespace: 'vms' },
    spec: { source: { http: { url: 'https://github.com/home-assistant/operating-system/releases/download/14.2/haos_ova-14.2.qcow2.xz' } }, storage: rwx('32Gi') },
  });
  vm(cluster, 'haos', {
    evictionStrategy: 'LiveMigrate',
    domain: {
      cpu: { cores: 2 }, memory: { guest: '4Gi' }, firmware: { bootloader: { efi: { secureBoot: false } } },
      devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [masquerade, { name: 'home', bridge: {}, macAddress: '02:00:00:00:20:10' }] },
    },
    networks: [podNetwork, { name: 'home', multus: { networkName: bridge.networkName } }],
    volumes: [{ name: 'root', dataVolume: { name: 'haos' } }],
  });

  // The user data sealed under the key KubeVirt reads; the GPU keeps the VM on its host, so it stops when the host drains.
  new ApiObject(cluster, 'ubuntu-cloud-init', {
    apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'ubuntu-cloud-init', namespace: 'vms' },
    spec: { encryptedData: { userdata: sealed(400) }, template: { metadata: { name: 'ubuntu-cloud-init', namespace: 'vms' } } },
  });
  permitVmHostDevices(cluster, [pve1.vmGpu()]);
  vm(cluster, 'ubuntu', {
    evictionStrategy: 'LiveMigrateIfPossible',
    domain: {
      cpu: { cores: 4 }, memory: { guest: '8Gi' },
      devices: {
        disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [masquerade],
        hostDevices: [{ name: 'gpu', deviceName: pve1.vmGpu().resourceName }],
      },
    },
    networks: [podNetwork],
    volumes: [{ name: 'root', dataVolume: { name: 'ubuntu-root' } }, { name: 'cloudinit', cloudInitNoCloud: { secretRef: { name: 'ubuntu-cloud-init' } } }],
  }, {}, [{ metadata: { name: 'ubuntu-root' }, spec: { source: { http: { url: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img' } }, storage: rwx('40Gi') } }]);

  // A bridge on the pod network, allowed to move: the guest asks DHCP again after a migration.
  vm(cluster, 'debian', {
    evictionStrategy: 'LiveMigrate',
    domain: { cpu: { cores: 1 }, memory: { guest: '1Gi' }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', bridge: {} }] } },
    networks: [podNetwork],
    volumes: [{ name: 'root', dataVolume: { name: 'debian-root' } }],
  }, { annotations: { 'kubevirt.io/allow-pod-bridge-network-live-migration': 'true' } },
  [{ metadata: { name: 'debian-root' }, spec: { source: { http: { url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' } }, storage: rwx('10Gi') } }]);
}

test('the second wave of VMs synthesizes with no finding', () => {
  expect(shownFindings(vmLab)).toEqual([]);
});

test('the lab holds the four VMs it was written with', () => {
  expect(objectsOf(vmLab).filter((o) => o.kind === 'VirtualMachine').map((o) => o.metadata.name).sort()).toEqual(['debian', 'haos', 'ubuntu', 'win11']);
});
