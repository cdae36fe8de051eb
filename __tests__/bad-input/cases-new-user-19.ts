import { ClusterChart as Cluster, declareExternal, ExternalService, externalHost, flux, HomeAssistantVm, traefik, WazuhAgent } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, raw } from './lab';

// First labs with VMs and the machines outside the cluster: a VM's cloud-init data with its passwords written
// out, which every field of the VirtualMachine commits in the clear; a MAC address or a DataVolume that
// KubeVirt's or CDI's webhook refuses, so the VM never starts; an ExternalService told which port by its
// portName, a machine whose DNS name is its address, a Wazuh manager's two ports mixed up.

/** Cloud-init user data that logs in with a public key: what each case changes. */
const PUBLIC_KEY_LOGIN = '#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2v8c3fWw1ZqbYxQ8l9r3kKc3r2bq9m8b6n4h3j2k1 me@laptop\n';

/**
 * A VirtualMachine `w` in namespace `web`: a container disk and a cloud-init disk of `cloudInit`, one
 * masquerading interface on the pod network; `spec`, `iface` and `domain` change the VM's spec, its interface and its domain.
 */
export const vm = (cloudInit: Record<string, unknown> = { userData: PUBLIC_KEY_LOGIN }, spec: Record<string, unknown> = {}, iface: Record<string, unknown> = {}, domain: Record<string, unknown> = {}) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'debian', namespace: 'web' },
  spec: {
    runStrategy: 'Always',
    template: {
      spec: {
        domain: {
          devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinit', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {}, ...iface }] },
          memory: { guest: '2Gi' },
          ...domain,
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }, { name: 'cloudinit', cloudInitNoCloud: cloudInit }],
      },
    },
    ...spec,
  },
});
const USER_DATA = 'spec.template.spec.volumes[1].cloudInitNoCloud.userData';

/** Two VMs on the LAN bridge `web/lan` (made outside the repository), each with `macs` on its interface there; the second is `w`. */
const onLan = (macs: [string, string], networkName = 'lan') => (c: ClusterChart) => {
  declareExternal(c, { networkAttachments: [{ namespace: 'web', name: 'lan' }] });
  macs.forEach((macAddress, i) => raw(c, i === 0 ? 'first' : 'w', {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: `vm-${i}`, namespace: 'web' },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }, { name: 'lan', bridge: {}, macAddress }] }, memory: { guest: '1Gi' } },
          networks: [{ name: 'default', pod: {} }, { name: 'lan', multus: { networkName: i === 0 ? 'lan' : networkName } }],
          volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/debian:12' } }],
        },
      },
    },
  }));
};

/** Home Assistant's VM on the IoT bridge of a site that has one, with `route`, on an existing volume of `size`. */
const homeAssistant = (route?: Record<string, unknown>, size = '256Gi') => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new Cluster(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, route: route as any },
));

/** A cluster of the site whose host has sized pools, with the tier `vm` (StorageClass zfs-vms) on its 1.86 TB pool `vms`, holding `build`'s objects in namespace `web`. */
const onSizedPool = (build: (c: Cluster) => void) => guarded((_c: ClusterChart, app: any) => {
  const cluster = new Cluster(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() });
  cluster.namespaces.ensure('web');
  build(cluster);
});

/** A case of the VM's cloud-init data writing out `secret`, refused at `field` without printing it. */
const leaked = (name: string, cloudInit: Record<string, unknown>, secret: string, field = USER_DATA, message?: RegExp): BadInput => ({
  name, build: vm(cloudInit), layer: 'policy', path: 'w', field,
  message: new RegExp(`^(?!.*${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}).*${message?.source ?? ''}`),
  hint: /ssh_authorized_keys.*secretRef/,
});

/** A VM whose root disk is a DataVolume template of `dataVolume` (its spec), imported into the VM's disk. */
const importing = (dataVolume: Record<string, unknown>) => (c: ClusterChart) => vm(undefined, {
  dataVolumeTemplates: [{ metadata: { name: 'debian-root' }, spec: dataVolume }],
  template: {
    spec: {
      domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] }, memory: { guest: '2Gi' } },
      networks: [{ name: 'default', pod: {} }],
      volumes: [{ name: 'root', dataVolume: { name: 'debian-root' } }],
    },
  },
})(c);
const DEBIAN_IMAGE = 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2';
const TEMPLATE_SPEC = 'spec.dataVolumeTemplates[0].spec';

/** A DataVolume `w` of `spec` that imports an image on its own, for a VM to use later. */
const dataVolume = (spec: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'debian-image', namespace: 'web' }, spec,
});

/** A Proxmox host outside the cluster, written inline, with `props` changed. */
const proxmox = (props: Record<string, unknown> = {}) => externalHost('pve', { address: '10.0.0.40', ports: { web: 8006 }, ...props });

/** A Wazuh agent whose manager, written inline, opens `ports`. */
const wazuhWithPorts = (ports: Record<string, number>) => guarded((c: ClusterChart) =>
  new WazuhAgent(c, 'wazuh-agent', { manager: externalHost('siem', { address: '10.0.0.31', ports }), namespace: 'system' }));

export const CASES: BadInput[] = [
  // Cloud-init's passwords: user data is a file committed in the VM's spec, which no rule read as one.
  leaked("a VM user's password written in cloud-init", { userData: '#cloud-config\nusers:\n  - name: debian\n    password: Hunter2Hunter2!\n    lock_passwd: false\n' },
    'Hunter2Hunter2!', USER_DATA, /password written out in its cloud-init data \(line 4, password\)/),
  leaked("a VM's passwords in cloud-init's chpasswd list", { userData: '#cloud-config\nchpasswd:\n  list: |\n    root:S3cretRootPw9\n  expire: false\nssh_pwauth: true\n' },
    'S3cretRootPw9', USER_DATA, /the password of root .*chpasswd's list/),
  leaked("a VM's passwords in cloud-init's chpasswd list of entries", { userData: '#cloud-config\nchpasswd:\n  list:\n    - debian:An0therPass7\n' }, 'An0therPass7'),
  leaked("a VM's password in cloud-init's chpasswd users", { userData: '#cloud-config\nchpasswd:\n  expire: false\n  users:\n    - name: debian\n      password: CorrectHorse42\n      type: text\n' }, 'CorrectHorse42'),
  leaked("a VM user's password hash in cloud-init", { userData: '#cloud-config\nusers:\n  - name: debian\n    hashed_passwd: $6$rounds=4096$saltsalt$Q2xh0H4V3lX7nq6m1B0k9i0w8o8pM6b5hGp1\n' },
    'Q2xh0H4V3lX7nq6m1B0k9i0w8o8pM6b5hGp1', USER_DATA, /password hash .*\(line 4, hashed_passwd\), which whoever reads it may crack offline/),
  leaked("a VM's password hash in cloud-init's chpasswd list", { userData: '#cloud-config\nchpasswd:\n  list: |\n    admin:$6$saltsalt$Q2xh0H4V3lX7nq6m1B0k9i0w8o8pM6b5hGp1\n' },
    'Q2xh0H4V3lX7nq6m1B0k9i0w8o8pM6b5hGp1', USER_DATA, /the password hash of admin/),
  leaked("a VM's password set by a runcmd command piped to chpasswd", { userData: '#cloud-config\nruncmd:\n  - echo "root:Sup3rS3cret" | chpasswd\n' },
    'Sup3rS3cret', USER_DATA, /the password of root .*\(line 3, piped to chpasswd\)/),
  leaked("the default user's password at the top of cloud-init's user data", { userData: '#cloud-config\npassword: fedora-Pass-77\nchpasswd: { expire: False }\n' }, 'fedora-Pass-77'),
  leaked('a cloud-init password in base64 user data', { userDataBase64: Buffer.from('#cloud-config\npassword: base64-Hides-Nothing\n').toString('base64') },
    'base64-Hides-Nothing', 'spec.template.spec.volumes[1].cloudInitNoCloud.userDataBase64'),
  leaked("a Wi-Fi password in a VM's cloud-init network data", {
    userData: PUBLIC_KEY_LOGIN, networkData: 'version: 2\nwifis:\n  wlan0:\n    access-points:\n      home:\n        password: WifiPassphrase99\n',
  }, 'WifiPassphrase99', 'spec.template.spec.volumes[1].cloudInitNoCloud.networkData'),
  // A private key where the guest takes a public one: refused before, with a hint that said nothing of the .pub file.
  {
    name: 'an SSH private key given to cloud-init as an authorized key',
    build: vm({ userData: '#cloud-config\nssh_authorized_keys:\n  - |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n    -----END OPENSSH PRIVATE KEY-----\n' }),
    layer: 'policy', path: 'w', field: USER_DATA, hint: /public key .*id_ed25519\.pub/,
  },
  // MAC addresses KubeVirt's network admitter refuses (net.ParseMAC, six bytes).
  { name: 'a VM MAC address of five bytes', build: vm(undefined, {}, { macAddress: '02:00:00:aa:bb' }), layer: 'schema', path: 'w', field: 'spec.template.spec.domain.devices.interfaces[0].macAddress', hint: /02:00:00:aa:bb:cc/ },
  { name: 'a VM MAC address with mixed separators', build: vm(undefined, {}, { macAddress: '02:00:00-aa-bb-cc' }), layer: 'schema', path: 'w', field: 'spec.template.spec.domain.devices.interfaces[0].macAddress' },
  { name: 'a VM MAC address of eight bytes (an EUI-64)', build: vm(undefined, {}, { macAddress: '02:00:00:ff:fe:aa:bb:cc' }), layer: 'schema', path: 'w', field: 'spec.template.spec.domain.devices.interfaces[0].macAddress', message: /8 bytes long/ },
  // DataVolumes CDI's webhook refuses: the VM's DataVolume is never made, and the VM never starts.
  {
    name: 'a VM DataVolume template importing an image without a size',
    build: importing({ source: { http: { url: DEBIAN_IMAGE } }, storage: { storageClassName: 'zfs-fast' } }),
    layer: 'schema', path: 'w', field: `${TEMPLATE_SPEC}.storage.resources.requests.storage`, hint: /qemu-img info/,
  },
  {
    name: 'a VM DataVolume template of neither storage nor pvc',
    build: importing({ source: { http: { url: DEBIAN_IMAGE } } }),
    layer: 'schema', path: 'w', field: TEMPLATE_SPEC, hint: /storage: \{ storageClassName/,
  },
  {
    name: 'a DataVolume of a pvc without a size',
    build: dataVolume({ source: { http: { url: DEBIAN_IMAGE } }, pvc: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-fast' } }),
    layer: 'schema', path: 'w', field: 'spec.pvc.resources.requests.storage',
  },
  {
    name: 'a DataVolume given both storage and pvc',
    build: dataVolume({ source: { http: { url: DEBIAN_IMAGE } }, storage: { storageClassName: 'zfs-fast', resources: { requests: { storage: '20Gi' } } }, pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }),
    layer: 'schema', path: 'w', field: 'spec.pvc',
  },
  {
    name: 'a DataVolume importing from a URL without its scheme',
    build: dataVolume({ source: { http: { url: 'cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' } }, storage: { storageClassName: 'zfs-fast', resources: { requests: { storage: '20Gi' } } } }),
    layer: 'schema', path: 'w', field: 'spec.source.http.url', hint: /https:\/\//,
  },
  // Two VMs on one bridge with one MAC address, as a copied manifest has it; a network named after the bridge.
  {
    name: 'two VMs with one MAC address on one bridge',
    build: onLan(['02:00:00:00:00:01', '02-00-00-00-00-01']),
    layer: 'references', path: 'w', field: 'spec.template.spec.domain.devices.interfaces[1].macAddress', message: /is VirtualMachine web\/vm-0 \(interface lan\)'s already/,
  },
  {
    name: 'a VM on a Multus network named after its bridge',
    build: onLan(['02:00:00:00:00:01', '02:00:00:00:00:02'], 'br0'),
    layer: 'references', path: 'w', field: 'spec.template.spec.networks[1].multus.networkName', hint: /web\/lan/,
  },
  // One volume larger than the whole ZFS pool of its tier: a unit or a digit too many.
  {
    name: "a VM's DataVolume template larger than its tier's pool",
    build: onSizedPool((c) => importing({ source: { http: { url: DEBIAN_IMAGE } }, storage: { storageClassName: 'zfs-vms', resources: { requests: { storage: '20Ti' } } } })(c)),
    layer: 'inventory', path: 'w', field: `${TEMPLATE_SPEC}.storage.resources.requests.storage`, message: /20Ti is more than ZFS pool "vms" holds \(1\.86 TB on n5\)/,
  },
  {
    name: "a claim larger than its tier's pool",
    build: onSizedPool((c) => raw(c, 'w', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'backups', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'zfs-vms', resources: { requests: { storage: '4000Gi' } } } })),
    layer: 'inventory', path: 'w', field: 'spec.resources.requests.storage', hint: /within the pool's 1\.86 TB/,
  },
  {
    name: "a Home Assistant VM's existing disk larger than its pool",
    build: homeAssistant(undefined, '25Ti'), layer: 'props', path: 'home-assistant', field: 'disk.size', hint: /zfs get volsize vms\/homeassistant/,
  },
  // A route to the VM's port 80, which nothing of it listens on: the route went to 8123 without a word.
  { name: 'a Home Assistant VM routed to port 80', build: homeAssistant({ host: 'home', port: 80 }), layer: 'props', path: 'home-assistant', field: 'route.port', hint: /leave route\.port out: the route goes to port 8123/ },
  // ExternalService's portName names the Service's port; service picks the machine's.
  {
    name: "an ExternalService given the machine's port as portName",
    build: guarded((c: ClusterChart) => new ExternalService(c, 'proxmox', { host: proxmox(), namespace: 'infra', portName: 'web' })),
    layer: 'props', path: 'proxmox', field: 'portName', hint: /service: 'web' picks pve's port web \(8006\)/,
  },
  // An IP address as a DNS name: the ExternalName is a CNAME to a name of digits, which resolves to nothing.
  {
    name: "an external host whose dnsName is its address",
    build: guarded((c: ClusterChart) => new ExternalService(c, 'pve', { host: proxmox({ dnsName: '10.0.0.40' }), namespace: 'infra', service: 'web' })),
    layer: 'props', path: 'pve', field: 'host.dnsName', message: /is an IP address/, hint: /leave it out/,
  },
  {
    name: 'an ExternalName Service pointing at an IP address',
    build: (c) => raw(c, 'w', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'router', namespace: 'web' }, spec: { type: 'ExternalName', externalName: '10.0.0.1', ports: [{ name: 'https', port: 443 }] } }),
    layer: 'schema', path: 'w', field: 'spec.externalName', hint: /EndpointSlice/,
  },
  // A Wazuh manager's events (wazuh-remoted) and enrollment (wazuh-authd) ports mixed up.
  { name: "a Wazuh manager's events and enrollment ports swapped", build: wazuhWithPorts({ events: 1515, enrollment: 1514 }), layer: 'props', path: 'wazuh-agent', field: 'manager.ports.events', hint: /events: 1514, enrollment: 1515/ },
  { name: "a Wazuh manager's events and enrollment on one port", build: wazuhWithPorts({ events: 1514, enrollment: 1514 }), layer: 'props', path: 'wazuh-agent', field: 'manager.ports.enrollment' },
];
