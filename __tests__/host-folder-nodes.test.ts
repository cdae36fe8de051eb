import { App as CdkApp } from 'cdk8s';
import { AppController, AppVolume, ClusterChart, flux, host, HomelabApp, localPathStorage, MediaContainers, site, synthesize, traefik } from '../constructs';

// A host folder of data is one node's: an app that may run on several nodes finds another folder on each,
// and apps that mount it to share files (the *arr apps and a media server on /mnt/media) may see two.

const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.7.0.1' });
const mini = host('mini', { arch: 'amd64', roles: ['worker'], address: '10.7.0.2' });
const lab = site('folders', { domain: 'folders.test', hosts: [nuc, mini], git: { url: 'https://git.example/folders.git' } });

function warnings(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  build(new ClusterChart(app, 'main', { site: lab, hosts: [nuc, mini], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() }));
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && /host folder/.test(f.message));
}

const sonarr = (cluster: ClusterChart, props: Record<string, unknown> = {}) => new HomelabApp(cluster, 'sonarr', {
  namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }],
  persistence: { media: { volume: AppVolume.hostPath('/mnt/media'), mountPath: '/media' } }, exemptions: { hostPath: 'the media disk' }, ...props,
});

test('a host folder of an app that may run on two nodes is a warning on the volume, naming the nodes', () => {
  const found = warnings((cluster) => sonarr(cluster));
  expect(found.map((f) => [f.constructPath, f.field])).toEqual([['main/sonarr', 'persistence.media.volume']]);
  expect(found[0].message).toMatch(/may run on nuc, mini/);
  expect(found[0].hint).toMatch(/placement: \{ host: nuc \}/);
});

test("an app placed on one host, a DaemonSet, and a node's own tree pass", () => {
  expect(warnings((cluster) => sonarr(cluster, { placement: { host: nuc } }))).toEqual([]);
  expect(warnings((cluster) => sonarr(cluster, { controller: AppController.daemonSet() }))).toEqual([]);
  expect(warnings((cluster) => sonarr(cluster, { persistence: { sys: { volume: AppVolume.hostPath('/sys'), mountPath: '/host/sys', readOnly: true } } }))).toEqual([]);
});

test("a media container without a host is one warning for its folders, on its entry's field, with the entry's host as the hint", () => {
  const found = warnings((cluster) => new MediaContainers(cluster, 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
    containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989, exposePort: 30989, mediaVolumes: true } },
  }));
  expect(found.map((f) => [f.constructPath, f.field])).toEqual([['main/media/sonarr', 'configDir']]);
  expect(found[0].hint).toMatch(/host: nuc;/);
});
