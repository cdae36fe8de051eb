import type { Construct } from 'constructs';
import { AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, site, traefik } from '../constructs';
import { objectsOf, shownFindings } from './support/lab-output';

// Home Assistant, qBittorrent and its qbtools CronJob, ported from app-template HelmReleases the way the README
// writes them: each synthesizes without findings, and asking for restarts on a changed ConfigMap or Secret (app-template's
// reloader.stakater.com/auto) annotates the workloads and installs Reloader.

const node = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.42.10' });

function lab(scope: Construct): void {
  const home = site('turbo', {
    domain: 'turbo.example', hosts: [node], git: { url: 'https://github.com/jdoe/home-ops.git' },
    nfs: { media: { server: '192.168.42.5', path: '/mnt/eros/Media' } },
  });
  const cluster = new ClusterChart(scope, 'main', { site: home, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  declareExternal(cluster, {
    claims: [{ namespace: 'home-assistant', name: 'home-assistant' }, { namespace: 'downloads', name: 'qbittorrent' }],
    configMaps: [{ namespace: 'downloads', name: 'qbittorrent' }], secrets: [{ namespace: 'downloads', name: 'qbtools-config-secret' }],
  });
  new HomelabApp(cluster, 'home-assistant', {
    image: 'ghcr.io/home-operations/home-assistant:2025.3.4', ports: [{ name: 'http', port: 8123 }], route: { host: 'hass' },
    env: { TZ: 'America/New_York', HASS_HTTP_TRUSTED_PROXY_1: '192.168.42.0/24' }, resources: { cpuRequest: '10m', memoryLimit: '2Gi' },
    restartOnConfigChange: true,
    persistence: {
      config: { volume: AppVolume.existingClaim('home-assistant'), mountPath: '/config' },
      'config-logs': { volume: AppVolume.emptyDir(), mountPath: '/config/logs' },
    },
  });
  const qbittorrent = new HomelabApp(cluster, 'qbittorrent', {
    namespace: 'downloads', image: 'ghcr.io/home-operations/qbittorrent:5.1.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'qb' },
    env: { QBT_WEBUI_PORT: '8080' }, restartOnConfigChange: true,
    probes: { readiness: { httpPath: '/api/v2/app/version' }, startup: { failureThreshold: 30, periodSeconds: 10 } },
    // app-template's image volume, as the hint writes it: an init container of the image copies its files.
    initContainers: [{ name: 'qbrr', image: 'ghcr.io/buroa/qbrr:0.0.29', command: ['cp', '-a', '/app/.', '/qbrr'] }],
    persistence: {
      config: { volume: AppVolume.existingClaim('qbittorrent'), mountPath: '/config' },
      'config-file': { volume: AppVolume.configMap('qbittorrent'), mounts: [{ mountPath: '/config/.qbt.toml', subPath: '.qbt.toml', readOnly: true }] },
      qbrr: { volume: AppVolume.emptyDir(), mountPath: '/qbrr', containers: ['qbittorrent', 'qbrr'] },
    },
  });
  new HomelabApp(cluster, 'qbtools-orphaned', {
    namespace: 'downloads', image: 'ghcr.io/buroa/qbtools:v0.19.16', args: ['orphaned', '--exclude-pattern', '*_unpackerred*'],
    env: { QBITTORRENT_HOST: 'qbittorrent.downloads.svc.cluster.local', QBITTORRENT_PORT: '8080' }, egress: [qbittorrent],
    controller: AppController.cronJob({ schedule: '0 0 * * 0', suspend: true, backoffLimit: 0, restartPolicy: 'Never', successfulJobsHistoryLimit: 1 }),
    persistence: {
      'secret-file': { volume: AppVolume.secret('qbtools-config-secret'), mounts: [{ mountPath: '/config/config.yaml', subPath: 'config.yaml', readOnly: true }] },
      media: { volume: AppVolume.nfs(home.nfs.media), mounts: [{ mountPath: '/media/Downloads/qbittorrent', subPath: 'Downloads/qbittorrent' }] },
    },
    exemptions: { nfsVolume: "the NAS's media share, which qBittorrent downloads to" },
  });
}

test('app-template HelmReleases written as Apps synthesize without findings', () => {
  expect(shownFindings(lab)).toEqual([]);
});

test('restartOnConfigChange annotates the Deployments for Reloader, which the cluster installs', () => {
  const objects = objectsOf(lab);
  const annotated = objects.filter((o: any) => o.kind === 'Deployment' && o.metadata.annotations?.['reloader.stakater.com/auto'] === 'true').map((o) => o.metadata.name);
  expect(annotated.sort()).toEqual(['home-assistant', 'qbittorrent']);
  const release = objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'reloader');
  expect(release?.spec.values.reloader.reloadStrategy).toBe('annotations');
});
