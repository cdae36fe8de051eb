import { ApiObject, App as CdkApp } from 'cdk8s';
import { AppDevice, AppVolume, HomelabApp, localPathStorage, MediaContainers, nfsStorage, SecretReference, synthesize } from '../constructs';
import type { ClusterChart } from '../constructs';
import { lab, labCluster } from './bad-input/lab';

// The media stack written as a new user writes it and valid: the neighbours of the mistakes of
// cases-new-user-27, which the checks of those mistakes must leave alone.

function synth(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(labCluster(app, 'nas', { storage: { fast: localPathStorage(), nas: nfsStorage(lab.nfs.share) } }));
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { errors: result.findings.filter((f) => f.severity === 'error'), objects: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)) };
}

const sonarr = (cluster: ClusterChart, props: Record<string, unknown> = {}) => new HomelabApp(cluster, 'sonarr', {
  namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }], ...props,
});

const jellyseerr = (cluster: ClusterChart, called: HomelabApp, env: Record<string, string>) => new HomelabApp(cluster, 'jellyseerr', {
  namespace: 'media', image: 'ghcr.io/fallenbagel/jellyseerr:2.5.2', ports: [{ name: 'http', port: 5055 }], env, egress: [called],
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' } },
});

test.each([
  ["the Service's port written after the host", 'http://sonarr.media:8989', {}],
  ['no port, where the Service serves 80 (servicePort) and forwards it to 8989', 'http://sonarr.media', { ports: [{ name: 'http', port: 8989, servicePort: 80 }] }],
])("a URL of Sonarr in Jellyseerr's env: %s", (_name, url, props) => {
  const { errors } = synth((cluster) => jellyseerr(cluster, sonarr(cluster, props), { SONARR_URL: url }));
  expect(errors).toEqual([]);
});

test('qBittorrent behind gluetun with NET_ADMIN, /dev/net/tun and its WebUI port let through the firewall', () => {
  const { errors, objects } = synth((cluster) => new HomelabApp(cluster, 'qbittorrent', {
    namespace: 'torrent', image: 'ghcr.io/home-operations/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }], route: { host: 'qb' },
    sidecars: [{
      name: 'gluetun', image: 'qmcgaw/gluetun:v3.39.1',
      exemptions: { runAsRoot: 'sets up the tunnel', addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the tunnel interface' } },
      env: { VPN_SERVICE_PROVIDER: 'mullvad', WIREGUARD_PRIVATE_KEY: SecretReference.external('torrent', 'vpn', 'key'), FIREWALL_INPUT_PORTS: '8080' },
    }],
    devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['gluetun'] })],
    exemptions: { hostPath: 'gluetun opens /dev/net/tun' },
    // Its server list, which it writes as it starts.
    persistence: { gluetun: { volume: AppVolume.emptyDir(), mountPath: '/gluetun', containers: ['gluetun'] } },
  }));
  expect(errors).toEqual([]);
  const pod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'qbittorrent').spec.template.spec;
  expect(pod.initContainers[0].securityContext.capabilities.add).toEqual(['NET_ADMIN']);
});

test('a privileged media container gluetun may create the tunnel on /dev/net/tun', () => {
  const { errors } = synth((cluster) => new MediaContainers(cluster, 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
    containers: { gluetun: { image: 'qmcgaw/gluetun:v3.39.1', devices: ['/dev/net/tun:/dev/net/tun'], privileged: 'creates the VPN tunnel', environment: { VPN_SERVICE_PROVIDER: 'mullvad' } } },
  }));
  expect(errors).toEqual([]);
});

test("an *arr app's config.xml without its key or password in a ConfigMap", () => {
  const { errors } = synth((cluster) => {
    cluster.namespaces.ensure('media');
    new ApiObject(cluster, 'cfg', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'arr-config', namespace: 'media' },
      data: { 'config.xml': '<Config>\n  <Port>8989</Port>\n  <ApiKey></ApiKey>\n  <UrlBase>/sonarr</UrlBase>\n  <AuthenticationMethod>External</AuthenticationMethod>\n</Config>\n' },
    });
  });
  expect(errors).toEqual([]);
});

test('one ReadWriteMany claim volume in two apps of a namespace is one claim they share; made by one app and mounted by the other, the same', () => {
  const claim = AppVolume.claim({ tier: 'nas', size: '1Ti', accessMode: 'ReadWriteMany', claimName: 'media' });
  const radarr = (cluster: ClusterChart, volume: AppVolume) => new HomelabApp(cluster, 'radarr', {
    namespace: 'media', image: 'ghcr.io/home-operations/radarr:5.21.1.9799', ports: [{ name: 'http', port: 7878 }],
    persistence: { media: { volume, mountPath: '/media' } },
  });
  const twice = synth((cluster) => {
    sonarr(cluster, { persistence: { media: { volume: claim, mountPath: '/media' } } });
    radarr(cluster, claim);
  });
  expect(twice.errors).toEqual([]);
  const shared = synth((cluster) => {
    sonarr(cluster, { persistence: { media: { volume: claim, mountPath: '/media' } } });
    radarr(cluster, AppVolume.existingClaim('media', 'ReadWriteMany'));
  });
  expect(shared.errors).toEqual([]);
});
