// The TypeScript examples of README.md, each verbatim after a `// README.md` line, with the declarations
// around it that the README's prose supplies (the real sites' inventory where it names theirs). `npm test`
// type-checks this file with tsc, and readme-examples.test.ts checks that every example of the README is
// here, so an example that no longer compiles against the library fails the tests. Never run.
import { Construct } from 'constructs';
import {
  acmeCloudflareDns01, App, AppController, AppVolume, ClusterChart, ClusterDefinition, ExternalService, flux, ForgejoDatabase, Forgejo, GpuVendor, Harbor,
  HomeAssistantVm, HomelabApp, host, HostService, Jellyfin, JellyfinMedia, JellyfinTranscoding, MediaContainers, metalLb, Ollama, Osquery,
  hostPlacement, loki, placeholder, SecretReference, ServiceRoute, site, SopsSecret, traefik, vlan, WazuhAgent,
} from '../../constructs';
import { wazuhManager } from '../../hosts/aether';
import { storage, mediaSettings } from '../../hosts/constellation';
import { greyArea, greyAreaSite, limitingFactor } from '../../hosts/grey-area';
import { m1, m4, mobius, n5 } from '../../hosts/mobius';
import { IMAGES as images } from '../../charts/constellation/images';
import { distribution } from '../../charts/constellation/main';
import { Cloud } from '../../charts/mobius/cloud';

// README.md
export class Homelab extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'homelab', {
      site: mobius, hosts: [n5, m1],
      routes: traefik({
        address: mobius.pools.ingress.at('192.168.8.50'), certResolver: 'letsencrypt-dns',
        acme: { 'letsencrypt-dns': acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare-api-token', 'api-token') }) },
      }),
      // N5 runs Dokploy's Docker in swarm mode, which holds MetalLB's default memberlist port 7946.
      loadBalancer: metalLb({ pools: [mobius.pools.ingress, mobius.pools.services, mobius.pools.dns], memberlistPort: 7947 }),
      storage: { fast: n5.zfs.ai, vm: n5.zfs.vms, bulk: n5.zfs.tank },
      gitops: flux({ interval: '30m' }),
    });
    new HomelabApp(this, 'adguard-home', {
      image: 'adguard/adguardhome:v0.107.57',
      ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
      persistence: {
        conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
        work: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/opt/adguardhome/work' },
      },
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
      route: { host: 'adguard' },
      loadBalancer: { address: mobius.pools.dns.at('192.168.4.53'), ports: ['dns-tcp', 'dns-udp'] },
    });
  }
}

export function shop(this: ClusterChart): void {
// README.md
// A rule's backends are Services of the app's namespace: both apps go in `shop`.
const api = new HomelabApp(this, 'shop-api', { namespace: 'shop', image: 'ghcr.io/acme/api:1.4.2', ports: [{ name: 'http', port: 8080 }] });
const web = new HomelabApp(this, 'shop', {
  namespace: 'shop', image: 'ghcr.io/acme/web:1.4.2', ports: [{ name: 'http', port: 3000 }], replicas: 2,
  sidecars: [{ name: 'exporter', image: 'ghcr.io/acme/exporter:0.3.0', ports: [{ name: 'metrics', port: 9100 }] }],
  metrics: { port: 'metrics' },
  route: {
    host: 'shop',
    rules: [
      { path: '/api', backends: [{ service: 'shop-api', port: 8080 }], requestHeaders: { set: { 'X-Lab': 'mobius' } } },
      { path: '/' },
    ],
  },
});
api.addAllowFrom(web);
new HomelabApp(this, 'shop-report', {
  namespace: 'shop', image: 'ghcr.io/acme/report:1.4.2', args: ['--since', '7d'],
  controller: AppController.cronJob({ schedule: '0 3 * * 0', timeZone: 'Europe/Oslo' }),
});
}

export function ollama(this: ClusterChart): void {
  const site = greyAreaSite;
// README.md
new Ollama(this, 'ollama', {
  preferredHost: greyArea,
  memoryLimit: '32Gi',                                  // sized for the largest model kept loaded
  modelStorage: AppVolume.nfs(site.nfs.kubernetes, 'ollama'), // or the default fast-tier claim
  route: { host: 'ollama' },
});
}

export function forgejo(this: ClusterChart): void {
  const site = mobius;
// README.md
new Forgejo(this, 'forgejo', {
  route: { host: 'git' },
  ssh: { loadBalancer: { address: site.pools.services.at('192.168.8.60') } }, // omit to use a TCP route
  database: ForgejoDatabase.postgres({
    host: 'postgres.databases.svc.cluster.local',
    password: SecretReference.external('forgejo', 'forgejo-db', 'password'),
  }),
  settings: { service: { DISABLE_REGISTRATION: 'true' } },
});
}

export function jellyfin(this: ClusterChart): void {
// README.md
new Jellyfin(this, 'jellyfin', {
  media: JellyfinMedia.shared(AppVolume.claim({ tier: 'media', size: '600Gi', accessMode: 'ReadWriteMany' })),
  hardwareTranscoding: JellyfinTranscoding.dri({ renderGroup: 303, videoGroup: 26 }),
  route: { host: 'jellyfin' },
});
}

export function hostAgents(this: ClusterChart): void {
// README.md
new WazuhAgent(this, 'wazuh-agent', { manager: wazuhManager, namespace: 'system', labels: { owner: 'infra' } });
new Osquery(this, 'osquery', { namespace: 'system', labels: { owner: 'infra' } });
}

export function osaurus(this: ClusterChart): void {
// README.md
new ExternalService(this, 'osaurus', { host: m4, namespace: 'ai', portName: 'api' });
}

export function caddyOfTheHost(this: ClusterChart): void {
// README.md
const caddy = new HostService(this, 'caddy', { host: storage, port: 8880, namespace: 'media' });
new ServiceRoute(this, 'files', { host: 'files', namespace: caddy.namespace, serviceName: caddy.serviceName, port: caddy.port });
}

export function homeAssistant(this: ClusterChart): void {
// README.md
new HomeAssistantVm(this, 'home-assistant', {
  disk: n5.zfs.vms.existingVolume('HomeAssistant', { size: '256Gi' }),
  iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, // → 192.168.64.2/20 via 192.168.64.1
  nameservers: [mobius.pools.dns.at('192.168.4.53')],
  route: { host: 'home' },
});
}

export function homeAssistantZigbee(this: ClusterChart): void {
const vlans = { iot: vlan('iot', { id: 20, cidr: '192.168.20.0/24', gateway: '192.168.20.1' }) };
// README.md
const box = host('box', {
  arch: 'amd64', address: '192.168.1.10', zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: vlans.iot } },
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
new HomeAssistantVm(this, 'home-assistant', {
  disk: box.zfs.vms.existingVolume('haos', { size: '32Gi' }),
  iot: { bridge: box.bridges.br20, address: '192.168.20.5' },
  hostDevices: [box.usb.zigbee],                        // the KubeVirt CR permits it
});
}

export function harbor(this: ClusterChart): void {
// README.md
new Harbor(this, 'harbor', {
  placement: { host: limitingFactor },
  storageTier: 'shared',
  databaseStorageTier: 'fast',
  route: { host: 'registry' },
  adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
  internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
});
}

export function media(this: ClusterChart): void {
// README.md
new MediaContainers(this, 'media', {
  settings: mediaSettings,                              // puid, pgid, tz, configDir, dataDir, storageDir
  containers: {
    plex: { image: images.plex, host: storage, listenPort: 32400, mediaVolumes: true, network: 'host',
      devices: ['/dev/dri:/dev/dri'], environment: { VERSION: 'latest' } },
    sonarr: { image: images.sonarr, host: storage, listenPort: 8989, exposePort: 8989, mediaVolumes: true },
  },
  reservedPorts: distribution.reservedPorts,            // node ports must avoid 6443, 10250, ...
});
}

// README.md
export const mobiusCloud: ClusterDefinition = {
  folder: 'mobius/cloud',                 // <site>/<cluster>: where it is written
  source: 'charts/mobius/cloud.ts',       // this module: its imports decide when the cluster is rebuilt
  needs: ['mobius/homelab'],              // clusters it reads while it is built, built first
  build: (site, needed) => new Cloud(site, needed('mobius/homelab')),
};

const facts = {
// README.md
nfs: { media: { server: placeholder('10.0.0.20', { fact: 'NFS server address', owner: "set to the NFS server's LAN address" }), path: '/export/media' } },
gpus: [{ vendor: placeholder<GpuVendor>('nvidia', { fact: 'GPU vendor', owner: 'the design names none' }) }],
};
export const factsSite = site('facts', { domain: 'lab.example.com', hosts: [host('facts', { arch: 'amd64', address: '10.0.0.21', gpus: facts.gpus })], nfs: facts.nfs });

export function sopsDotenv(this: ClusterChart): void {
// README.md
  const db = SopsSecret.fromDotenvFile(this, 'db', { file: 'secrets/db.env', name: 'db', namespace: 'web' });
  new App(this, 'web', { image: 'ghcr.io/example/web:1.0.0', namespace: 'web', env: { DB_PASSWORD: db.key('DB_PASSWORD') } });
}

export function lokiOnBucket(cluster: ClusterChart): void {
const nas = n5;
// README.md
cluster.platform.require(loki({
  placement: hostPlacement(nas), storageClass: 'local-path',
  bucket: { endpoint: 'http://garage.garage.svc.cluster.local:3900', name: 'loki', region: 'garage', credentialsSecret: 'loki-s3' },
}));
}
