import type { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { roundcubeMailServerProblems } from '../constructs/app/roundcube-mail-servers';
import { radicaleIdProblems } from '../constructs/app/radicale-ids';
import { aboutTheLab, sitesInMemory } from './support/synth';

// A family's calendars, contacts and webmail, written from the README: Radicale behind its CalDAV and CardDAV well-known
// redirects, Baïkal's nginx image started as root with the exemptions its finding writes, Roundcube against an outside provider in its non-root image and in its Apache image started as root with
// the exemptions its finding writes. It synthesizes without a finding on any of them; and Roundcube's IMAP and SMTP
// settings whose TLS fits the port are left alone, as is Radicale's UID where its entrypoint can act on it.

/** The provider's servers as its settings page shows them: IMAP over TLS on 993, SMTP with STARTTLS on 587. */
const PROVIDER = {
  ROUNDCUBEMAIL_DEFAULT_HOST: 'ssl://imap.fastmail.com', ROUNDCUBEMAIL_DEFAULT_PORT: '993',
  ROUNDCUBEMAIL_SMTP_SERVER: 'tls://smtp.fastmail.com', ROUNDCUBEMAIL_SMTP_PORT: '587',
};

/** Roundcube `id` of `image`, its DES key from a Secret and SQLite on a claim; `props` add to it. */
function roundcube(cluster: ClusterChart, id: string, image: string, props: Partial<AppProps>): App {
  return new App(cluster, id, {
    namespace: 'webmail', image, egress: 'any', route: { host: id },
    env: { ...PROVIDER, ROUNDCUBEMAIL_DB_TYPE: 'sqlite', ROUNDCUBEMAIL_DES_KEY: SecretReference.external('webmail', 'roundcube', 'des-key') },
    persistence: { db: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/roundcube/db' } },
    ...props,
  });
}

function familyLab(scope: Construct): void {
  const node = host('home-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const family = site('family', { domain: 'family.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/family.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: family, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'webmail', name: 'roundcube' }] });
  new App(cluster, 'radicale', {
    image: 'tomsquest/docker-radicale:3.3.1.0', ports: [{ name: 'http', port: 5232 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    route: {
      host: 'dav',
      rules: [
        { path: '/.well-known/caldav', pathType: 'Exact', redirect: { path: '/', statusCode: 301 } },
        { path: '/.well-known/carddav', pathType: 'Exact', redirect: { path: '/', statusCode: 301 } },
        { path: '/' },
      ],
    },
  });
  const baikalFolder = (folder: string, size: string) => ({ volume: AppVolume.claim({ tier: 'fast', size }), mountPath: `/var/www/baikal/${folder}` });
  new App(cluster, 'baikal', {
    image: 'ckulka/baikal:0.10.1-nginx', ports: [{ name: 'http', port: 80 }], route: { host: 'baikal' },
    persistence: { config: baikalFolder('config', '1Gi'), specific: baikalFolder('Specific', '5Gi') },
    exemptions: {
      runAsRoot: 'its init starts as root, then runs the app as nginx', addCapabilities: rootInitExemption('supervisor', 'switches to nginx'),
      writableRootFilesystem: 'PHP-FPM writes its socket and pid file under /var/run, nginx its pid file and cache',
    },
  });
  roundcube(cluster, 'mail', 'roundcube/roundcubemail:1.6.9-apache-nonroot', {
    ports: [{ name: 'http', port: 8000 }],
    persistence: {
      db: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/roundcube/db' },
      html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
      lock: { volume: AppVolume.emptyDir(), mountPath: '/var/lock/apache2' },
    },
  });
  roundcube(cluster, 'webmail', 'roundcube/roundcubemail:1.6.9-apache', {
    ports: [{ name: 'http', port: 80 }],
    exemptions: {
      runAsRoot: 'its init starts as root, then runs the app as www-data', addCapabilities: rootInitExemption('supervisor', 'switches to www-data'),
      writableRootFilesystem: 'its entrypoint copies Roundcube into /var/www/html and writes its configuration there, and Apache its pid file under /var/run/apache2',
    },
  });
}

test('the family lab synthesizes without a finding on its apps', () => {
  const findings = aboutTheLab(sitesInMemory(familyLab).findings).filter((f) => /\/(radicale|baikal|mail|webmail)$/.test(f.constructPath));
  expect(findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
});

describe("Roundcube's IMAP and SMTP settings whose TLS fits the port", () => {
  test.each<[string, Record<string, unknown>]>([
    ['ssl:// on 993 and tls:// on 587', PROVIDER],
    ['tls:// on the default 143 and 587', { ROUNDCUBEMAIL_DEFAULT_HOST: 'tls://imap.example.org', ROUNDCUBEMAIL_SMTP_SERVER: 'tls://smtp.example.org' }],
    ['ssl:// on 465', { ROUNDCUBEMAIL_SMTP_SERVER: 'ssl://smtp.example.org', ROUNDCUBEMAIL_SMTP_PORT: '465' }],
    ['a server of the cluster in plain text on 143 and 25', { ROUNDCUBEMAIL_DEFAULT_HOST: 'dovecot', ROUNDCUBEMAIL_SMTP_SERVER: 'postfix', ROUNDCUBEMAIL_SMTP_PORT: '25' }],
    ['a port of its own', { ROUNDCUBEMAIL_DEFAULT_HOST: 'greenmail', ROUNDCUBEMAIL_DEFAULT_PORT: '3143' }],
    ['a host from a Secret', { ROUNDCUBEMAIL_DEFAULT_HOST: SecretReference.external('webmail', 'roundcube', 'imap-host'), ROUNDCUBEMAIL_DEFAULT_PORT: '993' }],
  ])('%s is left alone', (_what, env) => {
    expect(roundcubeMailServerProblems([{ container: { image: 'roundcube/roundcubemail:1.6.9-apache-nonroot', env }, prefix: '' } as never])).toEqual([]);
  });
  test('another image with the same variables is left alone', () => {
    expect(roundcubeMailServerProblems([{ container: { image: 'example/webmail:1.0', env: { ROUNDCUBEMAIL_DEFAULT_HOST: 'imap.example.org', ROUNDCUBEMAIL_DEFAULT_PORT: '993' } }, prefix: '' } as never])).toEqual([]);
  });
});

describe("tomsquest's Radicale given UID or GID", () => {
  const radicale = (env: Record<string, unknown>, exemptions?: Record<string, string>) =>
    radicaleIdProblems([{ container: { image: 'tomsquest/docker-radicale:3.3.1.0', env, exemptions }, prefix: '' } as never]);
  test('the id of its own radicale user is left alone', () => {
    expect(radicale({ UID: '2999', GID: '2999' })).toEqual([]);
  });
  test('another id on a writable root, where its entrypoint may change the user, is left alone', () => {
    expect(radicale({ UID: '1000' }, { runAsRoot: 'usermod', writableRootFilesystem: 'usermod writes /etc/passwd' })).toEqual([]);
  });
  test('another id on the read-only root is an error on each variable', () => {
    expect(radicale({ UID: '1000', GID: 1000 }).map((p) => p.field)).toEqual(['env.UID', 'env.GID']);
  });
});
