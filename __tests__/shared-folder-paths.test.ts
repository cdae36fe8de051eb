import { App as CdkApp } from 'cdk8s';
import { AppVolume, HomelabApp, synthesize } from '../constructs';
import type { ClusterChart, PersistenceProps } from '../constructs';
import { lab, labCluster } from './bad-input/lab';

// A download client and Sonarr hand each other paths: where they mount one folder at paths that do not line
// up, the paths name nothing in the other's container. A warning on the caller's mount.

function warningsOf(qbittorrent: Record<string, PersistenceProps>, sonarr: Record<string, PersistenceProps>) {
  const app = new CdkApp();
  const cluster: ClusterChart = labCluster(app);
  const qb = new HomelabApp(cluster, 'qbittorrent', { namespace: 'media', image: 'ghcr.io/home-operations/qbittorrent:5.0.4', ports: [{ name: 'http', port: 8080 }], persistence: qbittorrent });
  new HomelabApp(cluster, 'sonarr', { namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }], egress: [qb], persistence: sonarr });
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.severity === 'warning' && /which it calls, mounts/.test(f.message));
}

const downloads = (mountPath: string, subDirectory?: string): PersistenceProps => ({ volume: AppVolume.nfs(lab.nfs.share, subDirectory), mountPath });

test("Sonarr's /data/downloads beside qBittorrent's /downloads of one export: a warning on Sonarr's mount, with qBittorrent's path", () => {
  const found = warningsOf({ downloads: downloads('/downloads') }, { downloads: downloads('/data/downloads') });
  expect(found.map((f) => [f.constructPath, f.field])).toEqual([['main/sonarr', 'persistence.downloads.mountPath']]);
  expect(found[0].hint).toMatch(/at \/downloads, so the paths line up/);
});

test('a folder of the export mounted where the whole export puts it, and one path in both, pass', () => {
  expect(warningsOf({ downloads: downloads('/data/downloads/torrents', 'torrents') }, { data: downloads('/data/downloads') })).toEqual([]);
  expect(warningsOf({ downloads: downloads('/data') }, { data: downloads('/data') })).toEqual([]);
});

test("a folder inside the caller's mount seen elsewhere by the callee: the hint gives the caller's path", () => {
  const found = warningsOf({ downloads: downloads('/downloads/torrents', 'torrents') }, { data: downloads('/data') });
  expect(found.map((f) => f.field)).toEqual(['persistence.data.mountPath']);
  expect(found[0].hint).toMatch(/at \/downloads, so/);
});
