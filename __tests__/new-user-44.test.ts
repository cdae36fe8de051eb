import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  acmeHttp01, acmeIssuer, App, AppController, AppDevice, AppVolume, argoCd, cilium, ciliumLoadBalancer, ClusterChart, ClusterIssuer, cloudflareDns01, host,
  hostPlacement, http01Ingress, Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s, kubePrometheusStack, localPathStorage, nfsStorage, rootInitExemption,
  ROOT_INIT_CAPABILITIES, SealedSecret, SecretReference, site, synthesize, traefik, WildcardCertificate,
} from '../constructs';
import type { Finding } from '../constructs';
import { loadAll } from 'js-yaml';
import { aboutTheLab } from './support/synth';
import { piholeApp, uptimeKumaApp } from './support/home-apps';

// A new user's lab from the README alone: an Intel N100 mini PC and two Raspberry Pi 4s on K3s, Argo CD, Cilium's L2
// announcements, local-path on the mini PC and a USB disk shared over NFS from a Pi, Traefik with Let's Encrypt's
// HTTP-01, Sealed Secrets; a media stack with qBittorrent behind gluetun, Nextcloud with MariaDB and Redis,
// Vaultwarden, Pi-hole, Uptime Kuma, Syncthing, Homepage, Zigbee2MQTT with Mosquitto, kube-prometheus-stack. Its
// correct form meets no finding it does not deserve, and what it writes would run.

const mini = host('mini', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.44.10', gpus: [{ vendor: 'intel' }], cores: 4, memoryGigabytes: 16 });
const pi1 = host('pi1', {
  arch: 'arm64', roles: ['worker'], address: '192.168.44.11', cores: 4, memoryGigabytes: 8,
  usbDevices: { zigbee: { vendorId: '10c4', productId: 'ea60', model: 'Sonoff Zigbee 3.0 USB Dongle Plus' } },
});
const pi2 = host('pi2', { arch: 'arm64', roles: ['worker'], address: '192.168.44.12', cores: 4, memoryGigabytes: 8 });
const home = site('home44', {
  domain: 'home.mylab.dev', hosts: [mini, pi1, pi2], pools: { vips: { first: '192.168.44.200', last: '192.168.44.220' } },
  nfs: { usb: { server: '192.168.44.12', path: '/mnt/usb', capacity: '2T' } }, git: { url: 'https://github.com/me/homelab.git' },
});

/** A value kubeseal could have written, one per `c`. */
const sealed = (c: string) => `AgB${c.repeat(719)}==`;
const EMAIL = 'me@mylab.dev';

/** The cluster, its TLS from `routes` (Traefik's HTTP-01 resolver unless given). */
function cluster(app: CdkApp, routes = traefik({ address: home.pools.vips.at('192.168.44.200'), certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: EMAIL }) } })): ClusterChart {
  return new ClusterChart(app, 'main', {
    site: home, hosts: [mini, pi1, pi2],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--flannel-backend=none', '--disable-network-policy', '--disable-kube-proxy'] })],
    cni: cilium({ k8sServiceHost: '192.168.44.10', k8sServicePort: 6443 }), loadBalancer: ciliumLoadBalancer({ pools: [home.pools.vips] }),
    routes, storage: { fast: localPathStorage(), bulk: nfsStorage(home.nfs.usb) }, gitops: argoCd(),
  });
}

/** The lab's apps, as the README's examples write them. */
function apps(lab: ClusterChart): void {
  const lsio = { runAsRoot: 'linuxserver.io s6-overlay', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'), writableRootFilesystem: 's6-overlay writes /run' };
  const media = AppVolume.claim({ tier: 'bulk', size: '1Ti', accessMode: 'ReadWriteMany' });
  new Jellyfin(lab, 'jellyfin', { namespace: 'media', media: JellyfinMedia.nfs(home.nfs.usb, 'media'), hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 993 }), route: { host: 'jellyfin' } });
  const arrs = ([['sonarr', 'lscr.io/linuxserver/sonarr:4.0.11', 8989], ['radarr', 'lscr.io/linuxserver/radarr:5.16.3', 7878]] as const).map(([id, image, port]) =>
    new App(lab, id, {
      namespace: 'media', image, ports: [{ name: 'http', port }], env: { TZ: 'Europe/Berlin', PUID: '1000', PGID: '1000' }, exemptions: lsio, route: { host: id },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' }, media: { volume: media, mountPath: '/data' } },
    }));
  const qbittorrent = new App(lab, 'qbittorrent', {
    namespace: 'media', image: 'lscr.io/linuxserver/qbittorrent:5.0.2', ports: [{ name: 'http', port: 8080 }], env: { PUID: '1000', PGID: '1000', WEBUI_PORT: '8080' },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' }, media: { volume: media, mountPath: '/data' },
      gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] },
    },
    exemptions: { ...lsio, hostPath: 'gluetun opens /dev/net/tun', addCapabilities: { capabilities: [...ROOT_INIT_CAPABILITIES, 'KILL'], reason: 's6-overlay switches to PUID:PGID and stops the app' } },
    sidecars: [{
      name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1',
      env: { VPN_SERVICE_PROVIDER: 'mullvad', VPN_TYPE: 'wireguard', WIREGUARD_PRIVATE_KEY: SecretReference.external('media', 'vpn', 'key'), FIREWALL_INPUT_PORTS: '8080' },
      exemptions: { runAsRoot: 'gluetun sets up routes and its firewall', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard tunnel' } },
    }],
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })], route: { host: 'torrent' }, placement: { host: mini },
  });
  // Sonarr and Radarr hand their grabs to qBittorrent, a link set in their UIs.
  arrs.forEach((arr) => qbittorrent.addAllowFrom(arr));
  const db = new SealedSecret(lab, 'nextcloud-db', { namespace: 'nextcloud', encryptedData: { password: sealed('B'), 'root-password': sealed('C') } });
  const mariadb = new App(lab, 'mariadb', {
    namespace: 'nextcloud', image: 'mariadb:11.4.4', ports: [{ name: 'mysql', port: 3306 }], controller: AppController.statefulSet(),
    env: { MARIADB_DATABASE: 'nextcloud', MARIADB_USER: 'nextcloud', MARIADB_PASSWORD: db.key('password'), MARIADB_ROOT_PASSWORD: db.key('root-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
    exemptions: { runAsRoot: 'its entrypoint takes the data folder', addCapabilities: rootInitExemption('exec', 'switches to mysql with gosu') },
  });
  const nextcloud = new App(lab, 'nextcloud', {
    namespace: 'nextcloud', image: 'nextcloud:30.0.2-apache', ports: [{ name: 'http', port: 80 }],
    env: { MYSQL_HOST: 'mariadb', MYSQL_DATABASE: 'nextcloud', MYSQL_USER: 'nextcloud', MYSQL_PASSWORD: db.key('password'), NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.home.mylab.dev' },
    persistence: {
      html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' },
      data: { volume: AppVolume.claim({ tier: 'bulk', size: '200Gi' }), mountPath: '/var/www/html/data' },
    },
    exemptions: {
      runAsRoot: 'Apache starts as root and serves as www-data', addCapabilities: rootInitExemption('supervisor', 'Apache switches to www-data'),
      writableRootFilesystem: 'its entrypoint writes its PHP settings under /usr/local/etc',
    },
    route: { host: 'cloud' },
  });
  mariadb.addAllowFrom(nextcloud);
  new App(lab, 'vaultwarden', {
    image: 'vaultwarden/server:1.32.5', ports: [{ name: 'http', port: 8080 }], env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.home.mylab.dev', SIGNUPS_ALLOWED: 'false' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } }, route: { host: 'vault' },
  });
  piholeApp(lab, home.pools.vips.at('192.168.44.201'));
  uptimeKumaApp(lab);
  new App(lab, 'syncthing', {
    image: 'syncthing/syncthing:1.28.1', ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'UDP' }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/syncthing' } }, route: { host: 'sync' },
    loadBalancer: { address: home.pools.vips.at('192.168.44.202'), ports: ['sync', 'sync-udp'] },
  });
  new App(lab, 'homepage', {
    image: 'ghcr.io/gethomepage/homepage:v1.0.4', ports: [{ name: 'http', port: 3000 }], env: { HOMEPAGE_ALLOWED_HOSTS: 'home.home.mylab.dev' },
    persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/app/config' } }, route: { host: 'home' },
    serviceAccount: { reason: 'discovers the services it shows', clusterRules: [{ apiGroups: ['', 'networking.k8s.io', 'traefik.io'], resources: ['namespaces', 'pods', 'nodes', 'ingresses', 'ingressroutes'], verbs: ['get', 'list'] }] },
  });
  const mosquitto = new App(lab, 'mosquitto', {
    image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }], runAsUser: 1883, runAsGroup: 1883,
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/mosquitto/data' },
      config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
    },
  });
  new ApiObject(lab, 'mosquitto-conf', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'mosquitto' },
    data: { 'mosquitto.conf': 'listener 1883\nallow_anonymous true\npersistence true\npersistence_location /mosquitto/data/\n' },
  });
  const zigbee = new App(lab, 'zigbee2mqtt', {
    image: 'koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }],
    env: { ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://mosquitto.mosquitto:1883', ZIGBEE2MQTT_CONFIG_SERIAL_PORT: '/dev/ttyUSB0', ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: '8080' },
    devices: [AppDevice.hostDevice('/dev/ttyUSB0')], exemptions: { hostPath: 'the Zigbee stick', privileged: 'opens the USB serial device' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } }, placement: { host: pi1 }, route: { host: 'zigbee' },
  });
  mosquitto.addAllowFrom(zigbee);
  new SealedSecret(lab, 'grafana-admin', { namespace: 'monitoring', encryptedData: { 'admin-user': sealed('D'), 'admin-password': sealed('E'), 'secret-key': sealed('F') } });
  lab.platform.require(kubePrometheusStack({ placement: hostPlacement(mini), grafanaAdminSecret: 'grafana-admin' }));
}

/** The objects the lab's output holds, read from the folder synth wrote. */
function writtenObjects(build: (app: CdkApp) => void): { findings: Finding[]; objects: Array<Record<string, any>> } {
  const app = new CdkApp();
  build(app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu44-')), 'dist');
  const result = synthesize(app, { outdir });
  const objects: Array<Record<string, any>> = [];
  const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(file);
    } else if (entry.name.endsWith('.yaml')) {
      loadAll(fs.readFileSync(file, 'utf8')).forEach((doc) => doc && objects.push(doc as Record<string, any>));
    }
  });
  if (result.written) {
    walk(outdir);
  }
  return { findings: result.findings, objects };
}

describe('the lab in its correct form', () => {
  const { findings, objects } = writtenObjects((app) => apps(cluster(app)));

  test('synthesizes without an error, and its one warning is the upstream files Argo CD applies as they are', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(aboutTheLab(findings).filter((f) => f.severity === 'warning').map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/platform/installs/intel-gpu-plugin install.containerPatches']);
  });

  test("every IngressRoute reaches a port its Service has, with Traefik's resolver for its certificate", () => {
    const services = new Map(objects.filter((o) => o.kind === 'Service').map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
    const routes = objects.filter((o) => o.kind === 'IngressRoute');
    expect(routes.length).toBe(11);
    for (const route of routes) {
      expect(route.spec.tls).toEqual({ certResolver: 'letsencrypt' });
      for (const backend of route.spec.routes.flatMap((r: any) => r.services)) {
        const service = services.get(`${route.metadata.namespace}/${backend.name}`);
        expect(service?.spec.ports.map((p: any) => p.port)).toContain(backend.port);
      }
    }
  });

  test("Zigbee2MQTT runs on the Pi its stick is plugged into, and Jellyfin asks for the mini PC's Intel GPU", () => {
    const zigbee = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'zigbee2mqtt');
    expect(JSON.stringify(zigbee!.spec.template.spec.affinity ?? zigbee!.spec.template.spec.nodeSelector)).toMatch(/pi1/);
    const jellyfin = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'jellyfin');
    expect(jellyfin!.spec.template.spec.containers[0].resources.limits['gpu.intel.com/i915']).toBe(1);
  });
});

describe('a ClusterIssuer that nothing names, under Traefik routes', () => {
  const issuer = (lab: ClusterChart, name: string, solvers = [http01Ingress('traefik')]) => new ClusterIssuer(lab, name, {
    // The directory its name says: an issuer named for staging on production is an error of its own.
    name, issuer: acmeIssuer({ server: `https://acme${name.endsWith('staging') ? '-staging' : ''}-v02.api.letsencrypt.org/directory`, email: EMAIL, solvers }),
  });
  const warnings = (build: (lab: ClusterChart) => void) => writtenObjects((app) => build(cluster(app, traefik({ address: home.pools.vips.at('192.168.44.200') }))))
    .findings.filter((f) => f.severity === 'warning' && f.field === 'name');

  test("is a warning on its name: the routes are served with Traefik's own certificate, and the hint gives Traefik's resolver", () => {
    expect(warnings((lab) => {
      issuer(lab, 'letsencrypt');
      new App(lab, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
    })).toEqual([expect.objectContaining({
      constructPath: 'main/letsencrypt', message: expect.stringMatching(/named by no Certificate.*served with Traefik's own certificate/),
      hint: expect.stringMatching(/^under traefik\(\), routes get Let's Encrypt certificates from Traefik's resolver: traefik\(\{ certResolver: 'letsencrypt', acme: \{ letsencrypt: acmeHttp01\(\{ email \}\) \} \}\)/),
    })]);
  });

  test("is no warning when a WildcardCertificate is issued from it, nor for a staging issuer kept beside the production one in use", () => {
    const dns01 = cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') });
    expect(warnings((lab) => {
      issuer(lab, 'letsencrypt', [dns01]);
      issuer(lab, 'letsencrypt-staging', [dns01]);
      new WildcardCertificate(lab, 'wildcard', { domain: 'home.mylab.dev', issuer: 'letsencrypt' });
      new App(lab, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
    })).toEqual([]);
  });
});
