import { App, AppVolume, ClusterChart, declareExternal, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user keeps the family's calendars, contacts and mail in the browser from the README alone: Radicale and Baïkal
// for CalDAV and CardDAV, Roundcube as webmail against an outside IMAP and SMTP provider. Each mistake passed synthesis
// and then left Roundcube stopping as it started, unreachable, or never answered by the provider at login.

const NONROOT = 'roundcube/roundcubemail:1.6.9-apache-nonroot';

/** Roundcube of `image` on `port`, its SQLite folder on a claim, its DES key from a Secret, routed at `mail`; `env` adds to it. */
const roundcube = (env: Record<string, string>, image = NONROOT, port = 8000) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'roundcube', name: 'roundcube' }] });
  return new App(cluster, 'roundcube', {
    image, ports: [{ name: 'http', port }], egress: 'any', route: { host: 'mail' },
    env: { ROUNDCUBEMAIL_DB_TYPE: 'sqlite', ROUNDCUBEMAIL_DES_KEY: SecretReference.external('roundcube', 'roundcube', 'des-key'), ...env } as AppProps['env'],
    persistence: { db: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/roundcube/db' } },
  });
});

/** The provider's servers written as its settings page shows them: IMAP over TLS on 993, SMTP with STARTTLS on 587. */
const PROVIDER = {
  ROUNDCUBEMAIL_DEFAULT_HOST: 'ssl://imap.fastmail.com', ROUNDCUBEMAIL_DEFAULT_PORT: '993',
  ROUNDCUBEMAIL_SMTP_SERVER: 'tls://smtp.fastmail.com', ROUNDCUBEMAIL_SMTP_PORT: '587',
};

/** The provider's servers without the IMAP port, which the image then writes as 143. */
const { ROUNDCUBEMAIL_DEFAULT_PORT: _imapPort, ...WITHOUT_IMAP_PORT } = PROVIDER;

/** tomsquest's Radicale with its collections on a claim, routed at `dav`; `env` adds to it. */
const radicale = (env: Record<string, string>) => guarded((cluster: ClusterChart) => new App(cluster, 'radicale', {
  image: 'tomsquest/docker-radicale:3.3.1.0', ports: [{ name: 'http', port: 5232 }], env, route: { host: 'dav' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
}));

/** Baïkal's nginx image with its config and Specific folders on claims; `props` add to it. */
const baikal = (props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'baikal', {
  image: 'ckulka/baikal:0.10.1-nginx', ports: [{ name: 'http', port: 80 }], route: { host: 'baikal' },
  persistence: {
    config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/www/baikal/config' },
    specific: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/baikal/Specific' },
  },
  ...props,
}));

export const CASES: BadInput[] = [
  {
    name: "Baïkal's nginx image run as the library's non-root user",
    build: baikal(), layer: 'props', path: 'baikal', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor', 'switches to nginx'\)/,
  },
  {
    name: "Radicale given the UID and GID its README offers for the host's files",
    build: radicale({ UID: '1000', GID: '1000' }), layer: 'props', path: 'radicale', field: 'env.UID', hint: /runAsUser: 1000 in place of env UID/,
  },
  {
    name: "Roundcube's IMAP host written ssl:// with its port left at the image's 143",
    build: roundcube(WITHOUT_IMAP_PORT), layer: 'props', path: 'roundcube',
    field: 'env.ROUNDCUBEMAIL_DEFAULT_HOST', hint: /ROUNDCUBEMAIL_DEFAULT_PORT: '993'/,
  },
  {
    name: "Roundcube's IMAP host written bare on the provider's port 993",
    build: roundcube({ ...PROVIDER, ROUNDCUBEMAIL_DEFAULT_HOST: 'imap.fastmail.com' }), layer: 'props', path: 'roundcube',
    field: 'env.ROUNDCUBEMAIL_DEFAULT_HOST', hint: /ROUNDCUBEMAIL_DEFAULT_HOST: 'ssl:\/\/imap\.fastmail\.com'/,
  },
  {
    name: "Roundcube's SMTP server written tls:// on the provider's port 465",
    build: roundcube({ ...PROVIDER, ROUNDCUBEMAIL_SMTP_PORT: '465' }), layer: 'props', path: 'roundcube',
    field: 'env.ROUNDCUBEMAIL_SMTP_SERVER', hint: /ROUNDCUBEMAIL_SMTP_SERVER: 'ssl:\/\/smtp\.fastmail\.com'/,
  },
  {
    name: "Roundcube's non-root image declared on port 80, as the compose files publish the Apache image",
    build: roundcube(PROVIDER, NONROOT, 80), layer: 'props', path: 'roundcube', field: 'ports[0].port', hint: /port: 8000, servicePort: 80/,
  },
  {
    name: "Roundcube's Apache image run as the library's non-root user",
    build: roundcube(PROVIDER, 'roundcube/roundcubemail:1.6.9-apache', 80), layer: 'props', path: 'roundcube', field: 'image', hint: /apache-nonroot/,
  },
];
