import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, flux, Forgejo, host, Jellyfin, JellyfinMedia, Ollama, site, traefik } from '../constructs';
import { synthInMemory } from './support/synth';
import { recordConstructionError } from '../constructs/validation/construction-errors';

// A service's `env` may set the variables its pod relies on (where the server listens or keeps its data) to
// values that keep the pod working: the service's own, or a folder of a writable volume of the user's own.

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1', gpus: [{ vendor: 'nvidia' }] });
const lab = site('own-env', {
  domain: 'own-env.test', hosts: [node1], git: { url: 'https://git.example/own-env.git' },
  nfs: { share: { server: 'nas.own-env.test', path: '/export' } },
});

function errorsOf(build: (chart: ClusterChart) => void) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes: traefik(), storage: { fast: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }],
    });
    try {
      build(chart);
    } catch (error) {
      recordConstructionError(scope, error);
    }
  });
  return result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message}`);
}

test("Ollama's OLLAMA_HOST without its port, and OLLAMA_MODELS in a volume of the user's own", () => {
  expect(errorsOf((c) => new Ollama(c, 'ollama', {
    env: { OLLAMA_HOST: '0.0.0.0', OLLAMA_MODELS: '/models/ollama', OLLAMA_ORIGINS: '*' },
    persistence: { models2: { volume: AppVolume.nfs(lab.nfs.share, 'models'), mountPath: '/models' } },
  }))).toEqual([]);
});

test("Jellyfin's data folder in a volume of the user's own, its logs in a folder of /config", () => {
  expect(errorsOf((c) => new Jellyfin(c, 'jellyfin', {
    media: JellyfinMedia.nfs(lab.nfs.share),
    persistence: { old: { volume: AppVolume.nfs(lab.nfs.share, 'jellyfin'), mountPath: '/data' } },
    env: { JELLYFIN_DATA_DIR: '/data', JELLYFIN_LOG_DIR: '/config/logs' },
  }))).toEqual([]);
});

test("Jellyfin's data folder in a read-only volume of the user's own is refused", () => {
  expect(errorsOf((c) => new Jellyfin(c, 'jellyfin', {
    media: JellyfinMedia.nfs(lab.nfs.share),
    persistence: { old: { volume: AppVolume.nfs(lab.nfs.share, 'jellyfin'), mountPath: '/data', readOnly: true } },
    env: { JELLYFIN_DATA_DIR: '/data' },
  }))).toEqual([expect.stringMatching(/^env\.JELLYFIN_DATA_DIR: /)]);
});

test("Forgejo's HTTP_PORT in settings at its own port", () => {
  expect(errorsOf((c) => new Forgejo(c, 'git', { route: { host: 'git' }, settings: { server: { HTTP_PORT: '3000' } } }))).toEqual([]);
});
