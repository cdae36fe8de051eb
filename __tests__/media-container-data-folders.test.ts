import { App as CdkApp } from 'cdk8s';
import { MediaContainers } from '../constructs';
import type { ClusterChart, MediaContainer } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A media container is written as a compose-like entry: its folders are configDir, mediaVolumes and volumes,
// its variables environment. A finding about a data folder names those, never the App's persistence or env.

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

function errorsOf(container: MediaContainer) {
  const app = new CdkApp();
  guarded((scope: CdkApp) => new MediaContainers(labCluster(scope) as ClusterChart, 'media', { settings, containers: { kuma: container } }))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

test.each([
  ['nothing mounted at its data folder', { image: 'deluan/navidrome:0.53.3', listenPort: 4533, configDir: false }, 'image'],
  ['its data folder mounted read-only', { image: 'deluan/navidrome:0.53.3', listenPort: 4533, volumes: ['/srv/navidrome:/data:ro'] }, 'volumes[0]'],
] as Array<[string, MediaContainer, string]>)('%s: one error on the entry, whose hint names its props', (_name, container, field) => {
  const errors = errorsOf(container);
  expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual([`main/media/kuma ${field}`]);
  expect(`${errors[0].message} ${errors[0].hint}`).not.toMatch(/persistence|AppVolume|\benv\.|volume "volume-/);
  expect(errors[0].hint).toContain("configDir: '/data'");
});
