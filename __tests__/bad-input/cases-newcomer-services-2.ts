import { AppVolume, ClusterChart, externalHost, flux, host, site, vlan, Forgejo, Harbor, HomeAssistantVm, Jellyfin, JellyfinMedia, JellyfinTranscoding, localPathStorage, MediaContainers, Ollama, Osquery, SecretReference, StaticNfsVolume, StaticZfsVolume, traefik, WazuhAgent } from '../../constructs';
import { n5, mobius } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// A newcomer writing a lab from the README's service constructs: each mistake is one finding on the prop
// the service takes (`storage`, `preferredHost`, `version`), not on the App's props built from it.

const adminPassword = () => SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD');
const internalSecrets = () => SecretReference.external('registry', 'harbor-internal', 'secretKey');

/** A cluster of a site whose host has the ZFS pool `vms`, with node-local storage only. */
const withoutZfsTier = (app: any) => new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });

const mediaSettings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

/** A static volume on the lab's NFS share; `props` override. */
const nfsVolume = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new StaticNfsVolume(cluster, 'media-pv', {
  export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'media', size: '500Gi' }, ...props,
}));

/** A site whose VM host has the ZFS pool and whose other host has the IoT bridge. */
const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20' });
const vmHost = host('vm-host', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.3.1', zfsPools: { vms: { media: 'nvme' } } });
const bridgeHost = host('bridge-host', { arch: 'amd64', address: '10.0.3.2', bridges: { br64: { vlan: iot } } });
const splitSite = site('split', { domain: 'split.test', hosts: [vmHost, bridgeHost], vlans: { lan: vlan('lan', { id: 3, cidr: '10.0.3.0/24' }), iot } });

export const CASES: BadInput[] = [
  {
    name: "Forgejo's storage claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: 20 as any }) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.size',
  },
  {
    name: "Forgejo's storage claim with kubectl's short access mode",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: '20Gi', accessMode: 'RWO' as any }) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.accessMode', hint: /ReadWriteOnce/,
  },
  {
    name: "Ollama's model storage claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', modelStorage: AppVolume.claim({ tier: 'fast', size: 100 as any }) })),
    layer: 'props', path: 'ollama', field: 'modelStorage.claim.size',
  },
  {
    name: "Ollama's preferredHost written as the host's name",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', preferredHost: 'gpu1' as any })),
    layer: 'props', path: 'ollama', field: 'preferredHost',
  },
  {
    name: "Jellyfin's config claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), config: AppVolume.claim({ tier: 'fast', size: 20 as any }) })),
    layer: 'props', path: 'jellyfin', field: 'config.claim.size',
  },
  {
    name: "Jellyfin's shared media claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: 600 as any, accessMode: 'ReadWriteMany' })) })),
    layer: 'props', path: 'jellyfin', field: 'media.volume.claim.size',
  },
  {
    name: "Jellyfin's version written with docker's leading v",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), version: 'v10.10.3' })),
    layer: 'props', path: 'jellyfin', field: 'version', hint: /version: '10\.10\.3'/,
  },
  {
    name: "Jellyfin's version written as the whole image reference",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), version: 'jellyfin/jellyfin:10.10.3' })),
    layer: 'props', path: 'jellyfin', field: 'version', hint: /version: '10\.10\.3'/,
  },
  {
    name: "Ollama's version written with a digest",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', version: `0.5.7@sha256:${'a'.repeat(64)}` })),
    layer: 'props', path: 'ollama', field: 'version', hint: /version: '0\.5\.7'/,
  },
  {
    name: "Forgejo's version written as the rootless image reference",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { version: 'codeberg.org/forgejo/forgejo:9.0.3-rootless' })),
    layer: 'props', path: 'forgejo', field: 'version', hint: /version: '9\.0\.3'/,
  },
  {
    name: "Jellyfin's cache size written with docker's unit",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), cacheSizeLimit: '10GB' })),
    layer: 'props', path: 'jellyfin', field: 'cacheSizeLimit', hint: /10Gi/,
  },
  {
    name: "Harbor's registry size written with docker's unit",
    build: guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', { route: { host: 'registry' }, adminPassword: adminPassword(), internalSecrets: internalSecrets(), registrySize: '100GB' })),
    layer: 'props', path: 'harbor', field: 'registrySize', hint: /100Gi/,
  },
  {
    name: "Harbor on the host name Forgejo's route already serves",
    build: guarded((cluster: ClusterChart) => {
      new Forgejo(cluster, 'forgejo', { route: { host: 'git' } });
      new Harbor(cluster, 'harbor', { route: { host: 'git' }, adminPassword: adminPassword(), internalSecrets: internalSecrets() });
    }),
    layer: 'inventory', path: 'harbor', field: 'route.host', hint: /host name of its own/,
  },
  {
    name: "an app's route on the host name Harbor's Ingress serves",
    build: guarded((cluster: ClusterChart) => {
      new Harbor(cluster, 'harbor', { route: { host: 'registry' }, adminPassword: adminPassword(), internalSecrets: internalSecrets() });
      new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), route: { host: 'registry.lab.test' } });
    }),
    layer: 'inventory', path: 'jellyfin', field: 'route.host',
  },
  {
    name: "Home Assistant's disk on a ZFS pool that is no storage tier of the cluster",
    build: guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(withoutZfsTier(app), 'home-assistant', {
      disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' },
    })),
    layer: 'references', path: 'home-assistant', field: 'disk', hint: /vms: n5\.zfs\.vms/,
  },
  {
    name: 'a static ZFS volume on a pool that is no storage tier of the cluster',
    build: guarded((_c: ClusterChart, app: any) => new StaticZfsVolume(withoutZfsTier(app), 'models', {
      volume: n5.zfs.vms.existingVolume('models', { size: '100Gi' }), namespace: 'ai', claimName: 'models', volumeMode: 'Filesystem',
    })),
    layer: 'references', path: 'models', field: 'volume',
  },
  {
    name: "the Wazuh agent's version written with a leading v",
    build: guarded((cluster: ClusterChart) => new WazuhAgent(cluster, 'wazuh-agent', { manager: externalHost('wazuh', { address: '10.0.0.9' }), version: 'v4.13.0' })),
    layer: 'props', path: 'wazuh-agent', field: 'version', hint: /version: '4\.13\.0'/,
  },
  {
    name: "osquery's image tag written as the whole image reference",
    build: guarded((cluster: ClusterChart) => new Osquery(cluster, 'osquery', { imageTag: 'osquery/osquery:5.17.0-ubuntu22.04' })),
    layer: 'props', path: 'osquery', field: 'imageTag', hint: /imageTag: '5\.17\.0-ubuntu22\.04'/,
  },
  {
    name: "Jellyfin's Intel transcoding on a cluster whose only GPU is NVIDIA",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), hardwareTranscoding: JellyfinTranscoding.intelQsv() })),
    layer: 'inventory', path: 'jellyfin', field: 'hardwareTranscoding',
  },
  {
    name: "Ollama's NVIDIA GPU on a cluster that installs no device plugin for it",
    build: guarded((_c: ClusterChart, app: any) => new Ollama(labCluster(app, 'no-plugins', { gpuDevicePlugins: false }), 'ollama', { accelerator: 'nvidia' })),
    layer: 'references', path: 'ollama', field: 'accelerator',
  },
  {
    name: "a media container's exposePort below the cluster's node-port range, as compose publishes it",
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings: mediaSettings, containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', listenPort: 8989, exposePort: 8989 } },
    })),
    layer: 'inventory', path: 'media', field: 'containers.sonarr.exposePort', hint: /serviceNodePortRange/,
  },
  {
    name: "a static NFS volume's capacity written with docker's unit",
    build: nfsVolume({ capacity: '500GB' }),
    layer: 'props', path: 'media-pv', field: 'capacity', hint: /500Gi/,
  },
  {
    name: "a static NFS volume's claim named with capitals",
    build: nfsVolume({ claim: { name: 'Media', namespace: 'media', size: '500Gi' } }),
    layer: 'props', path: 'media-pv', field: 'claim.name',
  },
  {
    name: "a static NFS volume's access mode in kubectl's short form",
    build: nfsVolume({ accessMode: 'RWX' }),
    layer: 'props', path: 'media-pv', field: 'accessMode', hint: /ReadWriteMany/,
  },
  {
    name: "Home Assistant's IoT bridge on another host than its disk's pool",
    build: guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
      new ClusterChart(app, 'split', { site: splitSite, hosts: [vmHost, bridgeHost], routes: traefik({ nodePorts: true }), storage: { vm: vmHost.zfs.vms }, gitops: flux() }),
      'home-assistant', { disk: vmHost.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: bridgeHost.bridges.br64, address: '192.168.64.2' } },
    )),
    layer: 'props', path: 'home-assistant', field: 'iot.bridge', hint: /vm-host\.bridges\.br64/,
  },
];
