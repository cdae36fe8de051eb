import { App, AppVolume, ClusterChart, rootInitExemption } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the family's everyday apps from the README alone: Baby Buddy of linuxserver.io, wger behind its
// route, Actual Budget, Monica and Mealie signing in through OpenID Connect. Each mistake passed synthesis, and the app then
// stopped as it started, linked elsewhere, answered no request or let nobody sign in through the issuer.

/** An App `id` of `image` serving `port` behind route `host`, with a claim at `data`; `props` added. */
const household = (id: string, image: string, port: number, data: string, props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  image, ports: [{ name: 'http', port }], route: { host: id }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: data } }, ...props,
} as AppProps));

const linuxserver = { runAsRoot: 's6-overlay starts as root', addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'), writableRootFilesystem: 's6-overlay writes /run' };

export const CASES: BadInput[] = [
  {
    name: "Baby Buddy's CSRF_TRUSTED_ORIGINS written as a host name",
    build: household('babybuddy', 'lscr.io/linuxserver/babybuddy:2.7.0', 8000, '/config', { env: { PUID: '1000', PGID: '1000', CSRF_TRUSTED_ORIGINS: 'babybuddy.lab.test' }, exemptions: linuxserver }),
    layer: 'props', path: 'babybuddy', field: 'env.CSRF_TRUSTED_ORIGINS', hint: /CSRF_TRUSTED_ORIGINS: 'https:\/\/babybuddy\.lab\.test'/,
  },
  {
    name: "wger's SITE_URL left at the compose file's http://localhost",
    build: household('wger', 'wger/server:2.3', 8000, '/home/wger/media', { env: { SITE_URL: 'http://localhost', CSRF_TRUSTED_ORIGINS: 'https://wger.lab.test' } }),
    layer: 'props', path: 'wger', field: 'env.SITE_URL', hint: /SITE_URL: 'https:\/\/wger\.lab\.test'/,
  },
  {
    name: "Actual's server given its HTTPS key and certificate behind a plain HTTP route",
    build: household('actual', 'actualbudget/actual-server:25.1.0', 5006, '/data', { env: { ACTUAL_HTTPS_KEY: '/data/selfhost.key', ACTUAL_HTTPS_CERT: '/data/selfhost.crt' } }),
    layer: 'references', path: 'actual', field: 'ports.http.appProtocol', hint: /leave out ACTUAL_HTTPS_KEY and ACTUAL_HTTPS_CERT/,
  },
  {
    name: 'Monica run as the default non-root user',
    build: household('monica', 'monica:4.1.2-apache', 80, '/var/www/html/storage', { env: { APP_URL: 'https://monica.lab.test', DB_HOST: 'monica-db' } }),
    layer: 'props', path: 'monica', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor'/,
  },
  {
    name: "Mealie's OIDC_CONFIGURATION_URL written as the issuer's own URL",
    build: household('mealie', 'ghcr.io/mealie-recipes/mealie:v2.8.0', 9000, '/app/data', {
      env: { BASE_URL: 'https://mealie.lab.test', OIDC_AUTH_ENABLED: 'true', OIDC_CONFIGURATION_URL: 'https://auth.lab.test/application/o/mealie/', OIDC_CLIENT_ID: 'mealie' },
    }),
    layer: 'props', path: 'mealie', field: 'env.OIDC_CONFIGURATION_URL', hint: /OIDC_CONFIGURATION_URL: 'https:\/\/auth\.lab\.test\/application\/o\/mealie\/\.well-known\/openid-configuration'/,
  },
];
