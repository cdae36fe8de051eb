import { App, AppVolume, ClusterChart, declareExternal, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user saves what they read from the README alone: Linkwarden and its PostgreSQL, Karakeep with Meilisearch and
// a headless Chrome, Wallabag, Miniflux, ArchiveBox and changedetection.io with a browser beside it. Each mistake passed
// synthesis and then left the app restarting at its start, unreachable, or without a way to sign in.

/** A secret of the app's namespace, declared made by hand. */
const secret = (cluster: ClusterChart, namespace: string, name: string, key: string) => {
  declareExternal(cluster, { secrets: [{ namespace, name }] });
  return SecretReference.external(namespace, name, key);
};

/** Miniflux with its database URL from a Secret, routed at `rss`; `props` and `env` add to it. */
const miniflux = (env: Record<string, unknown>, props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'miniflux', {
  image: 'miniflux/miniflux:2.2.6', ports: [{ name: 'http', port: 8080 }], route: { host: 'rss' },
  env: { DATABASE_URL: secret(cluster, 'miniflux', 'miniflux-db', 'url'), RUN_MIGRATIONS: '1', ...env } as AppProps['env'], ...props,
}));

/** Linkwarden with its secrets from a Secret, its data on a claim, routed at `links`; `env` adds to it. */
const linkwarden = (env: Record<string, string>) => guarded((cluster: ClusterChart) => new App(cluster, 'linkwarden', {
  image: 'ghcr.io/linkwarden/linkwarden:v2.9.3', ports: [{ name: 'http', port: 3000 }], route: { host: 'links' },
  env: { DATABASE_URL: secret(cluster, 'linkwarden', 'linkwarden', 'database-url'), NEXTAUTH_SECRET: secret(cluster, 'linkwarden', 'linkwarden', 'nextauth-secret'), ...env },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data/data' } },
}));

export const CASES: BadInput[] = [
  {
    name: "Miniflux told to create its admin with the name and password left in the compose file's .env",
    build: miniflux({ CREATE_ADMIN: '1' }), layer: 'props', path: 'miniflux', field: 'env.CREATE_ADMIN', hint: /ADMIN_USERNAME: 'admin' and ADMIN_PASSWORD/,
  },
  {
    name: "Miniflux declared on port 80, as its compose file publishes it (80:8080)",
    build: miniflux({ CREATE_ADMIN: '1', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD_FILE: '/run/secrets/miniflux-admin' }, { ports: [{ name: 'http', port: 80 }] }),
    layer: 'props', path: 'miniflux', field: 'ports[0].port', hint: /port: 8080, servicePort: 80/,
  },
  {
    name: "Linkwarden's NEXTAUTH_URL left at the compose file's localhost",
    build: linkwarden({ NEXTAUTH_URL: 'http://localhost:3000/api/v1/auth' }), layer: 'props', path: 'linkwarden', field: 'env.NEXTAUTH_URL',
    hint: /NEXTAUTH_URL: 'https:\/\/links\.lab\.test\/api\/v1\/auth'/,
  },
  {
    name: 'ArchiveBox run as its PUID 911 with a claim at /data, as a non-root app is written',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'archivebox', {
      image: 'archivebox/archivebox:0.7.3', ports: [{ name: 'http', port: 8000 }], runAsUser: 911, fsGroup: 911, route: { host: 'archive' },
      env: { ALLOWED_HOSTS: '*', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: secret(cluster, 'archivebox', 'archivebox', 'admin-password') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/data' } },
    })),
    layer: 'props', path: 'archivebox', field: 'image', hint: /runAsRoot: .*rootInitExemption\('exec'/,
  },
  {
    name: "Karakeep's Meilisearch with no volume for its data, the compose file's named volume left out",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'meilisearch', {
      namespace: 'karakeep', image: 'getmeili/meilisearch:v1.13.3', ports: [{ name: 'http', port: 7700 }],
      env: { MEILI_NO_ANALYTICS: 'true', MEILI_MASTER_KEY: secret(cluster, 'karakeep', 'karakeep', 'meili-master-key') },
    })),
    layer: 'props', path: 'meilisearch', field: 'image', hint: /mountPath: '\/meili_data'/,
  },
];
