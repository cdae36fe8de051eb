import { AppVolume, rootInitExemption } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A new user's month, from the README alone: an N100 mini PC and two Raspberry Pis on K3s, Argo CD, Cilium's L2
// announcements, local-path and a USB disk shared over NFS, Traefik IngressRoutes, Sealed Secrets; then a media stack
// behind gluetun, Nextcloud, Vaultwarden, Pi-hole, Homepage, Zigbee2MQTT and more. Most of its mistakes were refused
// already (earlier rounds); these are the ones that passed, in the forms this lab wrote them.

/** Nextcloud's Apache image, routed at `files`, installed with `trusted` as its trusted domains. */
const nextcloud = (trusted: string) => guarded(labApp('nextcloud', {
  image: 'nextcloud:30.0.2-apache', ports: [{ name: 'http', port: 80 }], route: { host: 'files' },
  env: { NEXTCLOUD_TRUSTED_DOMAINS: trusted },
  persistence: { html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html' } },
  exemptions: {
    runAsRoot: 'Apache starts as root and serves as www-data', addCapabilities: rootInitExemption('supervisor', 'Apache switches to www-data'),
    writableRootFilesystem: 'its entrypoint writes its PHP settings under /usr/local/etc',
  },
}));

/** Homepage of `tag`, routed at `dash`, with `env`. */
const homepage = (tag: string, env: Record<string, string>) => guarded(labApp('homepage', {
  image: `ghcr.io/gethomepage/homepage:${tag}`, ports: [{ name: 'http', port: 3000 }], route: { host: 'dash' }, env,
  persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/app/config' } },
}));

export const CASES: BadInput[] = [
  // Nextcloud's trusted domains copied from the compose file of the old server, which it was reached at by name and address.
  {
    name: "Nextcloud's NEXTCLOUD_TRUSTED_DOMAINS copied from the old server, without the route's host",
    build: nextcloud('nextcloud.local 192.168.1.10'),
    layer: 'props', path: 'nextcloud', field: 'env.NEXTCLOUD_TRUSTED_DOMAINS', message: /leaves out files\.lab\.test.*Access through untrusted domain/,
    hint: /NEXTCLOUD_TRUSTED_DOMAINS: 'nextcloud\.local 192\.168\.1\.10 files\.lab\.test'$/,
  },
  {
    name: "Nextcloud's trusted domain written as the URL of its route",
    build: nextcloud('https://files.lab.test'),
    layer: 'props', path: 'nextcloud', field: 'env.NEXTCLOUD_TRUSTED_DOMAINS', hint: /NEXTCLOUD_TRUSTED_DOMAINS: 'files\.lab\.test'$/,
  },
  // Homepage's allowed hosts as its docs' example writes them, with the port of a `docker run`.
  {
    name: "Homepage's HOMEPAGE_ALLOWED_HOSTS naming the old host and port, not the route's host",
    build: homepage('v1.0.4', { HOMEPAGE_ALLOWED_HOSTS: 'homepage.local:3000' }),
    layer: 'props', path: 'homepage', field: 'env.HOMEPAGE_ALLOWED_HOSTS', message: /Host validation failed/, hint: /'homepage\.local:3000,dash\.lab\.test'$/,
  },
  {
    name: 'Homepage 1.x routed without HOMEPAGE_ALLOWED_HOSTS, as a guide for 0.9 wrote it',
    build: homepage('v1.0.4', {}),
    layer: 'props', path: 'homepage', field: 'env.HOMEPAGE_ALLOWED_HOSTS', message: /is given no HOMEPAGE_ALLOWED_HOSTS/, hint: /HOMEPAGE_ALLOWED_HOSTS: 'dash\.lab\.test'$/,
  },
];
