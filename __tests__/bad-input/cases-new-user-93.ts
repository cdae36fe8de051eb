import { App, AppVolume, ClusterChart, rootInitExemption, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A new user digitizes the household's paperwork from the README alone: Paperless-ngx with Tika and Gotenberg beside
// it, its consume folder on the NAS, behind the route with its CSRF origins. Each mistake passed synthesis and then
// stopped Paperless-ngx or Docmost at its start, or left Office documents unparsed and scans unconsumed.

/** Paperless-ngx `image` run as its s6-overlay wants it, behind the route, with `env` and `persistence` added. */
const paperless = (env: Record<string, string>, persistence: Record<string, unknown> = {}, image = 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3') => guarded((cluster: ClusterChart) => new App(cluster, 'paperless', {
  image, ports: [{ name: 'http', port: 8000 }],
  env: { PAPERLESS_URL: 'https://paperless.lab.test', ...env },
  exemptions: {
    runAsRoot: 'the image starts as root and drops to USERMAP_UID', writableRootFilesystem: 's6-overlay writes under /run',
    addCapabilities: rootInitExemption('supervisor', 's6-overlay takes its folders and runs the web server as paperless'),
  },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' }, ...persistence },
  route: { host: 'paperless' },
}));
/** The consume folder on the NAS' export, where the scanner drops its files. */
const consumeOnNas = { consume: { volume: AppVolume.nfs(lab.nfs.share, 'scans'), mountPath: '/usr/src/paperless/consume' } };

/** Docmost behind the route with `env`, its secrets from a Secret. */
const docmost = (env: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'docmost', {
  image: 'docmost/docmost:0.20.4', ports: [{ name: 'http', port: 3000 }],
  env: { APP_URL: 'https://docmost.lab.test', APP_SECRET: SecretReference.external('docmost', 'docmost', 'app-secret'), DATABASE_URL: SecretReference.external('docmost', 'docmost', 'database-url'), ...env },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/data/storage' } },
  route: { host: 'docmost' },
}));

export const CASES: BadInput[] = [
  {
    name: "Paperless-ngx's CSRF origin written as the host alone",
    build: paperless({ PAPERLESS_CSRF_TRUSTED_ORIGINS: 'paperless.lab.test,docs.lab.test' }),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_CSRF_TRUSTED_ORIGINS', hint: /'https:\/\/paperless\.lab\.test,https:\/\/docs\.lab\.test'/,
  },
  {
    name: "Paperless-ngx's Tika parser turned on without its endpoints",
    build: paperless({ PAPERLESS_TIKA_ENABLED: 'true' }),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_TIKA_ENABLED', hint: /PAPERLESS_TIKA_ENDPOINT: 'http:\/\/tika:9998', PAPERLESS_TIKA_GOTENBERG_ENDPOINT: 'http:\/\/gotenberg:3000'/,
  },
  {
    name: "Paperless-ngx's consume folder on an NFS export without polling",
    build: paperless({}, consumeOnNas),
    layer: 'props', path: 'paperless', field: 'env', hint: /PAPERLESS_CONSUMER_POLLING: '60'/,
  },
  {
    name: "Paperless-ngx 3 told to poll its NFS consume folder by the setting's old name",
    build: paperless({ PAPERLESS_CONSUMER_POLLING: '30' }, consumeOnNas, 'ghcr.io/paperless-ngx/paperless-ngx:3.0.1'),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_CONSUMER_POLLING', hint: /PAPERLESS_CONSUMER_POLLING_INTERVAL: '60'/,
  },
  { name: 'Docmost without REDIS_URL, taken for optional', build: docmost({}), layer: 'props', path: 'docmost', field: 'env', message: /requires REDIS_URL/ },
];
