import { AppVolume, HomelabApp } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs private search and reading from the README alone: SearXNG beside Valkey, FreshRSS refreshing its
// feeds with CRON_MIN, RSSHub with Redis and a browser, LibreTranslate with a few languages, and Whoogle. Each
// mistake passed synthesis, and the pod then stopped as it started.

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
});
const claim = (mountPath: string) => ({ volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath });
/** FreshRSS as its README runs it, on 8080, its data and extensions on claims, refreshing every 15 minutes. */
const freshRss: Partial<AppProps> = {
  image: 'freshrss/freshrss:1.26.1', env: { CRON_MIN: '*/15', LISTEN: '8080', TZ: 'Europe/Berlin' },
  persistence: { data: claim('/var/www/FreshRSS/data'), extensions: claim('/var/www/FreshRSS/extensions') },
};
/** LibreTranslate as its compose file runs it: three languages, API keys on, `persistence` its volumes. */
const libreTranslate = (persistence: AppProps['persistence']): Partial<AppProps> => ({
  image: 'libretranslate/libretranslate:v1.6.5', ports: [{ name: 'http', port: 5000 }], runAsUser: 1032, runAsGroup: 1032,
  env: { LT_LOAD_ONLY: 'en,de,fr', LT_API_KEYS: 'true', LT_API_KEYS_DB_PATH: '/app/db/api_keys.db' }, persistence,
});

export const CASES: BadInput[] = [
  // Its entrypoint writes LISTEN and the crontab under /etc as root, then its CMD starts cron and stops where it cannot.
  {
    name: 'FreshRSS with CRON_MIN under the secure defaults',
    build: app('rss', freshRss),
    layer: 'props', path: 'rss', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor'.*writableRootFilesystem/,
  },
  // The published image holds no language models: it downloads them into $HOME/.local as it starts.
  {
    name: 'LibreTranslate with its API keys database on a claim and nothing at its models folder',
    build: app('translate', libreTranslate({ db: claim('/app/db') })),
    layer: 'props', path: 'translate', field: 'image', hint: /mountPath: '\/home\/libretranslate\/\.local'/,
  },
  {
    name: "LibreTranslate with argos-translate's package folder alone on a claim",
    build: app('translate', libreTranslate({ db: claim('/app/db'), models: claim('/home/libretranslate/.local/share/argos-translate') })),
    layer: 'props', path: 'translate', field: 'image', hint: /mountPath: '\/home\/libretranslate\/\.local'/,
  },
  // SEARXNG_PORT is read by its development server alone: the container's Granian listens on GRANIAN_PORT, 8080 unless set.
  {
    name: 'SearXNG told its port with SEARXNG_PORT',
    build: app('search', {
      image: 'searxng/searxng:2025.11.7-b9b46431b', ports: [{ name: 'http', port: 8888 }], runAsUser: 977, runAsGroup: 977,
      env: { SEARXNG_PORT: '8888', SEARXNG_BASE_URL: 'https://search.lab.test/' }, persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/etc/searxng' } },
    }),
    layer: 'props', path: 'search', field: 'ports[0].port', hint: /env\.GRANIAN_PORT: '8888'/,
  },
  // It links its CSS and JavaScript under their hashed names into app/static/build as it starts, and stops where it cannot.
  {
    name: 'Whoogle with its /config on a claim and nothing at its build folder',
    build: app('whoogle', { image: 'benbusby/whoogle-search:0.9.3', ports: [{ name: 'http', port: 5000 }], runAsUser: 927, runAsGroup: 927, persistence: { config: claim('/config') } }),
    layer: 'props', path: 'whoogle', field: 'image', hint: /mountPath: '\/whoogle\/app\/static\/build'/,
  },
];
