import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, k3s, localPathStorage, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// Private search and reading written from the README: SearXNG beside Valkey, FreshRSS refreshing its feeds, RSSHub with
// Redis and a headless browser, LibreTranslate with three languages and its API keys, and Whoogle, each behind a
// route. Written as the images need (FreshRSS started as root, LibreTranslate's models and Whoogle's folders on
// volumes, SearXNG's port moved by the variable its server reads), it synthesizes without a finding.

/** The lab on one K3s node; `searxng` is SearXNG's image and the variable that moves its port. */
function readingLab(searxng: { image: string; env: Record<string, string> }): (scope: Construct) => void {
  return (scope) => {
    const node = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
    const lab = site('den', { domain: 'den.example', hosts: [node], git: { url: 'https://github.com/jdoe/den.git' } });
    const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
    const claim = (size: string, mountPath: string) => ({ volume: AppVolume.claim({ tier: 'fast', size }), mountPath });
    const web = [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }] }];
    const valkey = new HomelabApp(cluster, 'valkey', {
      namespace: 'search', image: 'valkey/valkey:8.1.1', ports: [{ name: 'valkey', port: 6379 }], runAsUser: 999, persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    });
    new HomelabApp(cluster, 'searxng', {
      namespace: 'search', image: searxng.image, ports: [{ name: 'http', port: 8888 }], runAsUser: 977, runAsGroup: 977,
      env: { ...searxng.env, SEARXNG_BASE_URL: 'https://search.den.example/', SEARXNG_SECRET: SecretReference.external('search', 'searxng', 'secret-key'), SEARXNG_VALKEY_URL: 'redis://valkey:6379/0' },
      persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/etc/searxng' } }, egress: [valkey, ...web], route: { host: 'search' },
    });
    new HomelabApp(cluster, 'whoogle', {
      namespace: 'search', image: 'benbusby/whoogle-search:0.9.3', ports: [{ name: 'http', port: 5000 }], runAsUser: 927, runAsGroup: 927,
      persistence: { config: claim('100Mi', '/config'), build: { volume: AppVolume.emptyDir(), mountPath: '/whoogle/app/static/build' } }, egress: web, route: { host: 'whoogle' },
    });
    new HomelabApp(cluster, 'freshrss', {
      namespace: 'reader', image: 'freshrss/freshrss:1.26.1', ports: [{ name: 'http', port: 8080 }], env: { CRON_MIN: '*/15', LISTEN: '8080', TZ: 'Europe/Berlin' },
      persistence: { data: claim('2Gi', '/var/www/FreshRSS/data'), extensions: claim('100Mi', '/var/www/FreshRSS/extensions') },
      exemptions: {
        runAsRoot: 'its entrypoint writes its settings and crontab as root', addCapabilities: rootInitExemption('supervisor', 'Apache runs its workers as www-data'),
        writableRootFilesystem: 'its entrypoint edits its Apache and PHP settings under /etc',
      },
      egress: web, route: { host: 'rss' },
    });
    const redis = new HomelabApp(cluster, 'redis', {
      namespace: 'reader', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999, persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    });
    const browserless = new HomelabApp(cluster, 'browserless', { namespace: 'reader', image: 'ghcr.io/browserless/chromium:v2.24.3', ports: [{ name: 'http', port: 3000 }], egress: web });
    new HomelabApp(cluster, 'rsshub', {
      namespace: 'reader', image: 'diygod/rsshub:2025-05-20', ports: [{ name: 'http', port: 1200 }],
      env: { NODE_ENV: 'production', CACHE_TYPE: 'redis', REDIS_URL: 'redis://redis:6379/', PUPPETEER_WS_ENDPOINT: 'ws://browserless:3000', ACCESS_KEY: SecretReference.external('reader', 'rsshub', 'access-key') },
      egress: [redis, browserless, ...web], route: { host: 'rsshub' },
    });
    new HomelabApp(cluster, 'libretranslate', {
      namespace: 'translate', image: 'libretranslate/libretranslate:v1.6.5', ports: [{ name: 'http', port: 5000 }], runAsUser: 1032, runAsGroup: 1032,
      env: { LT_LOAD_ONLY: 'en,de,fr', LT_API_KEYS: 'true', LT_API_KEYS_DB_PATH: '/app/db/api_keys.db' },
      persistence: { models: claim('10Gi', '/home/libretranslate/.local'), db: claim('100Mi', '/app/db') }, egress: web, route: { host: 'translate' },
    });
    declareExternal(cluster, { secrets: [{ namespace: 'search', name: 'searxng' }, { namespace: 'reader', name: 'rsshub' }] });
  };
}

test.each([
  ["SearXNG's Granian on GRANIAN_PORT", { image: 'searxng/searxng:2025.11.7-b9b46431b', env: { GRANIAN_PORT: '8888' } }],
  ["SearXNG's uWSGI, before Granian, on BIND_ADDRESS", { image: 'searxng/searxng:2025.5.18-5dff826', env: { BIND_ADDRESS: '[::]:8888' } }],
])('the search and reading lab synthesizes without findings, %s', (_name, searxng) => {
  expect(shownFindings(readingLab(searxng))).toEqual([]);
});
