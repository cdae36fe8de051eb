import { App as CdkApp } from 'cdk8s';
import { ClusterChart, DnsRecord, HomeAssistantVm, vlan, externalHost, WazuhAgent, Harbor, SecretReference, StaticZfsVolume, Forgejo, ForgejoDatabase, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, localPathStorage, Ollama, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labCluster } from './lab';

/** A cluster of a site of its own whose one host has no GPU. */
const node = host('plain-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
const plain = site('plain', { domain: 'plain.test', hosts: [node], nfs: { media: { server: 'nas.plain.test', path: '/export' } }, git: { url: 'https://git.example/lab.git' } });
/** A VM host with the ZFS pool `vms` and the IoT bridge. */
const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20' });
const vmHost = host('vm-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.1.5', zfsPools: { vms: { media: 'nvme' } }, bridges: { br64: { vlan: iot } } });

function gpuless(app: CdkApp): ClusterChart {
  return labCluster(app, 'edge', { site: plain, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: { fast: localPathStorage() } });
}

// A newcomer's small lab of the README's ready-made services: each mistake is refused on the prop the user
// wrote, with a hint that fits the lab (its GPU's vendor, the Secret a prop needs).

export const CASES: BadInput[] = [
  {
    name: "Forgejo's external PostgreSQL without a password Secret",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { database: ForgejoDatabase.postgres({ host: 'postgres.databases.svc.cluster.local' } as any) })),
    layer: 'props', path: 'forgejo', field: 'database.postgres.password', hint: /SecretReference\.external\('forgejo'/,
  },
  {
    name: "Jellyfin's Intel transcoding in a cluster without a GPU",
    build: guarded((_c: ClusterChart, app: CdkApp) => new Jellyfin(gpuless(app), 'jellyfin', { media: JellyfinMedia.nfs(plain.nfs.media), hardwareTranscoding: JellyfinTranscoding.intelQsv() })),
    layer: 'inventory', path: 'edge/jellyfin', field: 'hardwareTranscoding', hint: /gpus: \[\{ vendor: 'intel' \}\]/,
  },
  {
    name: "Ollama on AMD's GPU in a cluster without a GPU",
    build: guarded((_c: ClusterChart, app: CdkApp) => new Ollama(gpuless(app), 'ollama', { accelerator: 'amd' })),
    layer: 'inventory', path: 'edge/ollama', field: /gpu|accelerator/, hint: /gpus: \[\{ vendor: 'amd' \}\]/,
  },
  {
    name: "a DnsRecord's name with the trailing dot of a zone file",
    build: guarded((cluster: ClusterChart) => new DnsRecord(cluster, 'nas-record', { name: 'nas.lab.test.', targets: ['10.0.0.2'] })),
    layer: 'props', path: 'nas-record', field: 'name', hint: /name: 'nas\.lab\.test'/,
  },
  {
    name: "a DnsRecord's name in capitals, as a router lists it",
    build: guarded((cluster: ClusterChart) => new DnsRecord(cluster, 'nas-record', { name: 'NAS.lab.test', targets: ['10.0.0.2'] })),
    layer: 'props', path: 'nas-record', field: 'name', hint: /name: 'nas\.lab\.test'/,
  },
  {
    name: 'a CNAME DnsRecord pointing at an address',
    build: guarded((cluster: ClusterChart) => new DnsRecord(cluster, 'www-record', { name: 'www.lab.test', recordType: 'CNAME', targets: ['10.0.0.2'] })),
    layer: 'props', path: 'www-record', field: 'targets[0]', hint: /recordType: 'A'/,
  },
  {
    name: 'a CNAME DnsRecord whose target has the trailing dot of a zone file',
    build: guarded((cluster: ClusterChart) => new DnsRecord(cluster, 'www-record', { name: 'www.lab.test', recordType: 'CNAME', targets: ['nas.lab.test.'] })),
    layer: 'props', path: 'www-record', field: 'targets[0]', hint: /'nas\.lab\.test'/,
  },
  {
    name: 'an A DnsRecord pointing at a name',
    build: guarded((cluster: ClusterChart) => new DnsRecord(cluster, 'www-record', { name: 'www.lab.test', targets: ['nas.lab.test'] })),
    layer: 'props', path: 'www-record', field: 'targets[0]', hint: /recordType: 'CNAME'/,
  },
  {
    name: "a StaticZfsVolume's claim name in capitals, as the zvol is named",
    build: guarded((cluster: ClusterChart) => new StaticZfsVolume(cluster, 'data-pv', { volume: gpu1.zfs.fast.existingVolume('data', { size: '10Gi' }), namespace: 'apps', claimName: 'Data' })),
    layer: 'props', path: 'data-pv', field: 'claimName',
  },
  {
    name: "a StaticZfsVolume's volumeMode in lower case",
    build: guarded((cluster: ClusterChart) => new StaticZfsVolume(cluster, 'data-pv', { volume: gpu1.zfs.fast.existingVolume('data', { size: '10Gi' }), namespace: 'apps', claimName: 'data', volumeMode: 'block' as any })),
    layer: 'props', path: 'data-pv', field: 'volumeMode', hint: /Block/,
  },
  {
    name: 'Harbor in kube-system',
    build: guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', {
      namespace: 'kube-system', storageTier: 'fast', route: { host: 'registry' },
      adminPassword: SecretReference.external('kube-system', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('kube-system', 'harbor-internal', 'secretKey'),
    })),
    layer: 'props', path: 'harbor', field: 'namespace', hint: /namespace: 'registry'/,
  },
  {
    name: "WazuhAgent's jsonLogs naming a folder of logs",
    build: guarded((cluster: ClusterChart) => new WazuhAgent(cluster, 'wazuh', { manager: externalHost('wazuh-manager', { address: '10.0.9.5' }), jsonLogs: ['/var/log/app/'] })),
    layer: 'props', path: 'wazuh', field: 'jsonLogs[0]', hint: /'\/var\/log\/app\/\*\.json'/,
  },
  {
    name: "Jellyfin's /dev/dri transcoding in a cluster without a GPU",
    build: guarded((_c: ClusterChart, app: CdkApp) => new Jellyfin(gpuless(app), 'jellyfin', { media: JellyfinMedia.nfs(plain.nfs.media), hardwareTranscoding: JellyfinTranscoding.dri({ renderGroup: 303, videoGroup: 26 }) })),
    layer: 'inventory', path: 'edge/jellyfin', field: 'hardwareTranscoding', hint: /gpus: \[\{ vendor: 'intel' \}\]/,
  },
  {
    name: "HomeAssistantVm's MAC address written with dashes, as Windows shows it",
    build: guarded((cluster: ClusterChart) => new HomeAssistantVm(cluster, 'home-assistant', {
      disk: vmHost.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: vmHost.bridges.br64, address: '192.168.64.2', macAddress: '02-00-00-AB-CD-01' },
    })),
    layer: 'props', path: 'home-assistant', field: 'iot.macAddress', hint: /'02:00:00:ab:cd:01'/,
  },
  {
    name: "HomeAssistantVm's MAC address written as Cisco's dotted form",
    build: guarded((cluster: ClusterChart) => new HomeAssistantVm(cluster, 'home-assistant', {
      disk: vmHost.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: vmHost.bridges.br64, address: '192.168.64.2' }, podMacAddress: '0200.00ab.cd02',
    })),
    layer: 'props', path: 'home-assistant', field: 'podMacAddress', hint: /'02:00:00:ab:cd:02'/,
  },
];
