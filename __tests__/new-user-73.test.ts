import type { Construct } from 'constructs';
import {
  AppController, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// The rest of a media stack beside the *arr apps, written from the README alone: SABnzbd, Tdarr, Recyclarr and
// Kometa on a schedule, Unpackerr, Tautulli and FlareSolverr. Each synthesizes with only the findings it deserves.

const LSIO = { runAsRoot: 'linuxserver.io images start as root and drop to PUID:PGID', writableRootFilesystem: "s6-overlay writes /run", addCapabilities: rootInitExemption('supervisor', 's6-overlay switches to PUID:PGID') };
const ARR_KEY = (app: string) => SecretReference.external('media', `${app}-api`, 'key');

/** Cluster `main` of site `den`: one K3s node with an Intel GPU, Traefik, local-path and Flux. */
function denCluster(scope: Construct): ClusterChart {
  const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.5', gpus: [{ vendor: 'intel' }] });
  const lab = site('den', { domain: 'den.jdoe.dev', hosts: [nas], git: { url: 'https://github.com/jdoe/den.git' } });
  return new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
}

/** Tdarr's server and a node with the Intel GPU, sharing the media and the transcode cache (at `nodeCache` on the node). */
function addTdarr(cluster: ClusterChart, nodeCache = '/temp'): void {
  // Tdarr's nodes reach the server at serverIP:serverPort, and see the cache and media at the server's own paths.
  const media = AppVolume.hostPath('/tank/media');
  const cache = AppVolume.hostPath('/tank/transcode');
  const tdarr = new HomelabApp(cluster, 'tdarr', {
    namespace: 'media', image: 'ghcr.io/haveagitgat/tdarr:2.27.02', ports: [{ name: 'http', port: 8265 }, { name: 'server', port: 8266 }],
    env: { serverIP: '0.0.0.0', serverPort: '8266', webUIPort: '8265', internalNode: 'false', TZ: 'Europe/Berlin' }, runAsUser: 1000, runAsGroup: 1000,
    persistence: {
      server: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/server' }, configs: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/configs' },
      media: { volume: media, mountPath: '/media' }, cache: { volume: cache, mountPath: '/temp' },
    },
    exemptions: { hostPath: 'the NAS media and transcode cache' }, route: { host: 'tdarr' },
  });
  new HomelabApp(cluster, 'tdarr-node', {
    namespace: 'media', image: 'ghcr.io/haveagitgat/tdarr_node:2.27.02', ports: [{ name: 'node', port: 8267 }],
    env: { serverIP: 'tdarr', serverPort: '8266', nodeName: 'nas-node', inContext: 'true', TZ: 'Europe/Berlin' }, runAsUser: 1000, runAsGroup: 1000,
    gpu: { vendor: 'intel', renderGroup: 104 },
    persistence: { media: { volume: media, mountPath: '/media' }, cache: { volume: cache, mountPath: nodeCache } },
    exemptions: { hostPath: 'the NAS media and transcode cache' }, egress: [tdarr],
  });
}

/** The whole lab: the *arr apps and the second wave beside them. */
function mediaLab(scope: Construct): void {
  const cluster = denCluster(scope);
  const downloads = AppVolume.hostPath('/tank/downloads');
  const lsio = (name: string, version: string, port: number, extra: Record<string, unknown> = {}) => new HomelabApp(cluster, name, {
    namespace: 'media', image: `lscr.io/linuxserver/${name}:${version}`, ports: [{ name: 'http', port }],
    env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Berlin' }, exemptions: { ...LSIO, hostPath: 'the NAS media folders' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' }, downloads: { volume: downloads, mountPath: '/downloads' } },
    ...extra,
  });
  const sonarr = lsio('sonarr', '4.0.14', 8989, { route: { host: 'sonarr' } });
  const radarr = lsio('radarr', '5.21.1', 7878, { route: { host: 'radarr' } });
  const sabnzbd = lsio('sabnzbd', '4.5.1', 8080, { route: { host: 'sabnzbd' }, allowFrom: [sonarr, radarr] });
  const prowlarr = lsio('prowlarr', '1.34.1', 9696, { route: { host: 'prowlarr' } });
  // Prowlarr pushes its indexers into Sonarr and Radarr, which search through it: links set in their UIs.
  for (const arr of [sonarr, radarr]) {
    arr.addAllowFrom(prowlarr);
    prowlarr.addAllowFrom(arr);
  }
  new HomelabApp(cluster, 'flaresolverr', {
    namespace: 'media', image: 'ghcr.io/flaresolverr/flaresolverr:v3.3.21', ports: [{ name: 'http', port: 8191 }], allowFrom: [prowlarr],
    env: { LOG_LEVEL: 'info', TZ: 'Europe/Berlin' },
  });
  new HomelabApp(cluster, 'recyclarr', {
    namespace: 'media', image: 'ghcr.io/recyclarr/recyclarr:7.4.0', args: ['sync'],
    controller: AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }),
    env: { SONARR_API_KEY: ARR_KEY('sonarr'), RADARR_API_KEY: ARR_KEY('radarr'), TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    egress: [sonarr, radarr],
  });
  new HomelabApp(cluster, 'kometa', {
    namespace: 'media', image: 'kometateam/kometa:v2.1.0', args: ['--run'],
    controller: AppController.cronJob({ schedule: '0 5 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' }),
    env: { KOMETA_CONFIG: '/config/config.yml', TZ: 'Europe/Berlin' },
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
  });
  new HomelabApp(cluster, 'unpackerr', {
    namespace: 'media', image: 'ghcr.io/unpackerr/unpackerr:0.14.5', runAsUser: 1000, runAsGroup: 1000,
    env: { UN_SONARR_0_URL: 'http://sonarr:8989', UN_SONARR_0_API_KEY: ARR_KEY('sonarr'), UN_SONARR_0_PATHS_0: '/downloads', TZ: 'Europe/Berlin' },
    persistence: { downloads: { volume: downloads, mountPath: '/downloads' } }, exemptions: { hostPath: 'the NAS download folder' },
    egress: [sonarr],
  });
  lsio('tautulli', '2.15.2', 8181, { route: { host: 'tautulli' } });
  addTdarr(cluster);
  void sabnzbd;
}

test('the second wave of a media stack synthesizes with only the findings it deserves', () => {
  expect(shownFindings(mediaLab)).toEqual([]);
});

test("SABnzbd's cluster README asks for its route's host and Service names in host_whitelist", () => {
  const steps = ownerActions(sitesInMemory(mediaLab).clusters[0]).map((a) => a.action).filter((a) => a.includes('host_whitelist'));
  expect(steps).toEqual([expect.stringContaining('add sabnzbd.den.jdoe.dev,sabnzbd,sabnzbd.media,sabnzbd.media.svc,sabnzbd.media.svc.cluster.local to host_whitelist')]);
});

test("a Tdarr node that mounts the server's transcode cache at another path is told to mount it where the server does, by the shared-folder check", () => {
  const found = sitesInMemory((scope) => addTdarr(denCluster(scope), '/cache')).findings.filter((f) => f.constructPath.endsWith('tdarr-node'));
  expect(found.map((f) => `${f.severity} ${f.field}`)).toEqual(['warning persistence.cache.mountPath']);
  expect(found[0].hint).toContain('at /temp');
});
