import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { MediaContainers, StaticNfsVolume, App, synthesize, type Host } from '../constructs';
import { arm1, gpu1, lab, labCluster } from './bad-input/lab';
import { Build, dayTwo } from './support/day-two';

// Day 2 of a new user's lab: the same output folder synthesized twice, with a change between the runs that
// the API server takes or refuses, or that leaves data behind on a host.

/** A StaticNfsVolume on the lab's share whose claim asks for `size`, mounted by an app of namespace `web`. */
const nfsClaim = (size: string): Build => (cluster) => {
  const media = new StaticNfsVolume(cluster, 'media', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'web', size } });
  new App(cluster, 'web1', {
    namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { media: { volume: media.volume, mountPath: '/media', readOnly: true } },
  });
};

/**
 * Sonarr as a media container on `host`, with its config folder (mounted at `configDir`, unless false) under the
 * settings' `configFolders`.
 */
const sonarrOn = (host: Host, configDir?: string | false, configFolders = '/srv/config'): Build => (cluster) => {
  new MediaContainers(cluster, 'media', {
    settings: { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: configFolders, dataDir: '/srv/data', storageDir: '/srv/storage' },
    containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.11', host, listenPort: 8989, exposePort: 30989, configDir } },
  });
};

describe('day 2 of static claims and host folders', () => {
  test('a static NFS claim that asks for more is refused on the update: its claim has no StorageClass to expand it', () => {
    const { warnings, actions } = dayTwo(nfsClaim('100Gi'), nfsClaim('200Gi'));
    expect(warnings.map((w) => [w.constructPath, w.field, w.severity])).toEqual([['main/media/claim', 'spec.resources.requests.storage', 'warning']]);
    expect(warnings[0].message).toMatch(/100Gi → 200Gi: a claim bound to its PersistentVolume by name \(storageClassName ''\) cannot grow/);
    expect(actions.map((a) => a.command ?? '')).toEqual([expect.stringContaining('delete persistentvolumeclaim media')]);
  });

  test('a static NFS claim asked for as before, in other units, is no change', () => {
    expect(dayTwo(nfsClaim('100Gi'), nfsClaim('102400Mi')).warnings).toEqual([]);
  });

  test("a static NFS claim moved to another namespace: its volume's claimRef keeps the old claim's uid, so the step deletes it and clears the uid", () => {
    const moved = (namespace: string): Build => (cluster) => {
      const media = new StaticNfsVolume(cluster, 'media', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace, size: '100Gi' } });
      new App(cluster, 'web1', {
        namespace, image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        persistence: { media: { volume: media.volume, mountPath: '/media', readOnly: true } },
      });
    };
    const { warnings, actions } = dayTwo(moved('web'), moved('media'));
    const claim = warnings.find((w) => w.kind === 'PersistentVolumeClaim');
    expect(claim?.hint).toMatch(/^the new claim media\/media binds PersistentVolume media by name, whose claimRef still holds this claim's uid/);
    expect(actions.map((a) => a.command)).toContain(
      'kubectl -n web delete persistentvolumeclaim media && kubectl patch persistentvolume media -p \'{"spec":{"claimRef":{"uid":null,"resourceVersion":null}}}\'',
    );
  });

  test('a media container moved to another host leaves its config folder behind, a warning with the copy as a step', () => {
    const { warnings, actions } = dayTwo(sonarrOn(gpu1), sonarrOn(arm1));
    expect(warnings.map((w) => [w.constructPath, w.field])).toEqual([['main/media/sonarr/deployment', 'spec.template.spec.nodeSelector.kubernetes.io/hostname']]);
    expect(warnings[0].message).toBe(
      'the pods move from gpu1 to arm1, but what they wrote into the host folders /srv/config/sonarr stays on gpu1: the new pod starts on arm1 with that host\'s folders, empty or made anew',
    );
    expect(warnings[0].hint).toMatch(/rsync -a gpu1:\/srv\/config\/sonarr\/ arm1:\/srv\/config\/sonarr\//);
    expect(actions.map((a) => a.action)).toContain('before the next sync, stop Deployment media/sonarr and copy its host folders /srv/config/sonarr from gpu1 to arm1');
  });

  test('a media container without a host folder it writes moves without a word', () => {
    expect(dayTwo(sonarrOn(gpu1, false), sonarrOn(arm1, false)).warnings).toEqual([]);
  });

  test("the media settings' configDir moved on the same host leaves what the container wrote in the old folder", () => {
    const { warnings, actions } = dayTwo(sonarrOn(gpu1), sonarrOn(gpu1, undefined, '/srv/appdata'));
    expect(warnings.map((w) => [w.constructPath, w.field])).toEqual([['main/media/sonarr/deployment', 'spec.template.spec.volumes[0].hostPath.path']]);
    expect(warnings[0].message).toBe(
      'the host folder mounted at /config moves from /srv/config/sonarr to /srv/appdata/sonarr on gpu1: what the pods wrote stays in /srv/config/sonarr, and the new pod starts on /srv/appdata/sonarr, empty or made anew',
    );
    expect(actions.map((a) => a.command)).toContain('mv /srv/config/sonarr /srv/appdata/sonarr');
  });

  test('the same host folder mounted at another path in the container is no move of the data', () => {
    expect(dayTwo(sonarrOn(gpu1), sonarrOn(gpu1, '/data')).warnings).toEqual([]);
  });
});

describe('media containers that listen on no port', () => {
  test('a health check of a container without a listenPort checks by its command alone, with no probe of a port it lacks', () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    const media = new MediaContainers(cluster, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
      containers: { recyclarr: { image: 'ghcr.io/recyclarr/recyclarr:7.4.0', host: gpu1, healthCheck: { command: ['recyclarr', '--version'] } } },
    });
    const result = synthesize(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-nu40-')) });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const container = (media.apps.recyclarr.workload.toJson() as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }).spec.template.spec.containers[0];
    const byCommand = expect.objectContaining({ exec: { command: ['recyclarr', '--version'] } });
    expect([container.readinessProbe, container.livenessProbe, container.startupProbe]).toEqual([byCommand, byCommand, undefined]);
  });
});
