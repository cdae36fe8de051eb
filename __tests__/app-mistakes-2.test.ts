import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, existingStorageClass, flux, HomelabApp, host, k3sManifests, MediaContainers, noRoutes, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { manifestsOf, synthInMemory } from './support/synth';

// What the bad-input corpus cannot say about one claim volume given to several apps: that a ReadWriteMany
// volume is one claim the apps share, that a volume held in a const makes a claim in each cluster, and that a
// claim the first app cannot make is one error, not one more for each app that shares it; and that a compose
// volume line of a file or a socket mounts it with its own type.

// The NAS runs Docker beside K3s, so the socket a compose line mounts is there.
const nas = host('am-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.6.0.1', services: ['docker'], zfsPools: { fast: { media: 'nvme' } } });
const nuc = host('am-nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.6.0.2', zfsPools: { fast: { media: 'ssd' } } });
const lab = site('am', { domain: 'am.test', hosts: [nas, nuc], git: { url: 'https://git.example/am.git' } });

/** A cluster `id` of the lab on `node` with a ReadWriteMany tier `shared` (a CephFS class the cluster has from elsewhere). */
const cluster = (scope: Construct, id = 'main', node = nas) => new ClusterChart(scope, id, {
  site: lab, hosts: [node], routes: traefik(), gitops: flux(),
  storage: { fast: node.zfs.fast, shared: existingStorageClass('cephfs', ['ReadWriteMany']) },
  preinstalled: [{ source: 'k3s', provides: { loadBalancers: ['servicelb'] } }, { source: 'rook-ceph', provides: { storageClasses: ['cephfs'] } }],
});

/** An app of namespace `media` that mounts `volume` at /data. */
const app = (chart: ClusterChart, id: string, volume: AppVolume, props: Partial<AppProps> = {}) => new HomelabApp(chart, id, {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'media', ports: [{ name: 'http', port: 8080 }],
  persistence: { data: { volume, mountPath: '/data' } }, ...props,
});

const errorsOf = (result: ReturnType<typeof synthInMemory>) => result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`);
const claimsOf = (manifests: any[]) => manifests.filter((m) => m.kind === 'PersistentVolumeClaim').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
const claimMountedBy = (manifests: any[], name: string) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name)
  .spec.template.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim?.claimName;

/** Sonarr and Radarr of one cluster, given one ReadWriteMany claim volume on `tier` as their library. */
const sharedLibrary = (tier: string) => synthInMemory((scope) => {
  const chart = cluster(scope);
  const library = AppVolume.claim({ tier, size: '500Gi', accessMode: 'ReadWriteMany' });
  app(chart, 'sonarr', library);
  app(chart, 'radarr', library);
});

test('one ReadWriteMany claim volume given to two apps of a namespace is one claim, which both mount', () => {
  const result = sharedLibrary('shared');
  expect(errorsOf(result)).toEqual([]);
  const manifests = manifestsOf(result, 'am/main');
  expect(claimsOf(manifests)).toEqual(['media/sonarr-data']);
  expect([claimMountedBy(manifests, 'sonarr'), claimMountedBy(manifests, 'radarr')]).toEqual(['sonarr-data', 'sonarr-data']);
});

test('a claim volume held in a const makes one claim in each cluster it is given in', () => {
  const result = synthInMemory((scope) => {
    const data = AppVolume.claim({ tier: 'fast', size: '1Gi' });
    app(cluster(scope, 'one'), 'kuma', data);
    app(cluster(scope, 'two', nuc), 'kuma', data);
  });
  expect(errorsOf(result)).toEqual([]);
  expect([claimsOf(manifestsOf(result, 'am/one')), claimsOf(manifestsOf(result, 'am/two'))]).toEqual([['media/kuma-data'], ['media/kuma-data']]);
});

test('a shared claim on a tier the cluster lacks is one error, on the app that makes it', () => {
  expect(errorsOf(sharedLibrary('bulk'))).toEqual([expect.stringMatching(/^main\/sonarr persistence\.data\.volume\.claim\.tier: cluster "main" has no storage tier "bulk"/)]);
});

test("a media container's compose volume lines of a file and a socket mount them with their own hostPath type", () => {
  const settings = { puid: 5000, pgid: 5000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
  const result = synthInMemory((scope) => {
    const chart = new ClusterChart(scope, 'media', { site: lab, hosts: [nas], routes: noRoutes(), gitops: k3sManifests() });
    new MediaContainers(chart, 'media', {
      settings, containers: { homepage: { image: 'ghcr.io/gethomepage/homepage:v0.9.13', listenPort: 3000, volumes: ['/etc/localtime:/etc/localtime:ro', '/var/run/docker.sock:/var/run/docker.sock:ro'] } },
    });
  });
  expect(errorsOf(result)).toEqual([]);
  const pod = manifestsOf(result, 'am/media').find((m) => m.kind === 'Deployment' && m.metadata.name === 'homepage').spec.template.spec;
  expect(pod.volumes.filter((v: any) => v.hostPath && v.hostPath.path !== '/srv/config/homepage').map((v: any) => `${v.hostPath.path} ${v.hostPath.type}`))
    .toEqual(['/etc/localtime File', '/var/run/docker.sock Socket']);
});
