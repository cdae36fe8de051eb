import type { Construct } from 'constructs';
import { AppController, AppVolume, declareExternal, HomelabApp, host, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';
import { k3sCluster, labSite } from './support/lab-sites';
import { guarded } from './bad-input/lab';

// Family file sharing as the README tells it: Seafile with MariaDB and memcached, Syncthing with its sync port on TCP and
// UDP behind a load balancer, File Browser, Nextcloud with Collabora and ONLYOFFICE beside it, a Samba server for the
// Windows machines and a WebDAV server. Written right, it synthesizes with no finding.

const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** Props that replace those of one app of the lab. */
type Overrides = Partial<Record<'seafile' | 'syncthing' | 'onlyoffice' | 'samba' | 'filebrowser', Partial<AppProps>>>;
/** The lab, `o` replacing props of its apps. */
export function sharingLab(o: Overrides = {}): (scope: Construct) => void {
  return (scope) => {
    const lab = labSite('share', '10.190.0', [host('share-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.190.0.11' })]);
    const cluster = k3sCluster(scope, lab);
    const mariadb = new HomelabApp(cluster, 'mariadb', {
      namespace: 'seafile', image: 'mariadb:11.4.4', ports: [{ name: 'mysql', port: 3306 }], runAsUser: 999, controller: AppController.statefulSet(),
      env: { MARIADB_ROOT_PASSWORD: secret('seafile', 'seafile-db', 'root-password'), MARIADB_AUTO_UPGRADE: '1' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' },
        run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' },
      },
    });
    const memcached = new HomelabApp(cluster, 'memcached', {
      namespace: 'seafile', image: 'memcached:1.6.34', ports: [{ name: 'memcached', port: 11211 }], args: ['memcached', '-m', '256'], runAsUser: 11211,
    });
    new HomelabApp(cluster, 'seafile', {
      image: 'seafileltd/seafile-mc:11.0.13', ports: [{ name: 'http', port: 80 }],
      env: {
        DB_HOST: 'mariadb', DB_ROOT_PASSWD: secret('seafile', 'seafile-db', 'root-password'), TIME_ZONE: 'Europe/Berlin',
        SEAFILE_ADMIN_EMAIL: 'me@jdoe.dev', SEAFILE_ADMIN_PASSWORD: secret('seafile', 'seafile-admin', 'password'),
        SEAFILE_SERVER_LETSENCRYPT: 'false', SEAFILE_SERVER_HOSTNAME: 'seafile.share.jdoe.dev', FORCE_HTTPS_IN_CONF: 'true',
      },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/shared' } },
      exemptions: {
        runAsRoot: 'its init (phusion baseimage) starts nginx, seafile and seahub as root',
        addCapabilities: rootInitExemption('supervisor', 'nginx switches its workers to its user', ['NET_BIND_SERVICE']),
        writableRootFilesystem: 'its init writes its settings and nginx config into the image',
      },
      egress: [mariadb, memcached], route: { host: 'seafile', maxBodySize: 'unlimited' },
      ...o.seafile,
    });
    new HomelabApp(cluster, 'syncthing', {
      image: 'syncthing/syncthing:1.29.2', ports: [
        { name: 'http', port: 8384 }, { name: 'sync-tcp', port: 22000 }, { name: 'sync-udp', port: 22000, protocol: 'UDP' },
      ],
      env: { STGUIADDRESS: '0.0.0.0:8384' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/syncthing' } },
      route: { host: 'sync' }, loadBalancer: { address: lab.pools.lb.at('10.190.0.201'), ports: ['sync-tcp', 'sync-udp'] },
      ...o.syncthing,
    });
    new HomelabApp(cluster, 'filebrowser', {
      image: 'filebrowser/filebrowser:v2.33.0', ports: [{ name: 'http', port: 8080 }],
      env: { FB_PORT: '8080' },
      persistence: {
        files: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/srv' },
        database: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/database' },
        config: { volume: AppVolume.emptyDir(), mountPath: '/config' },
      },
      route: { host: 'files' },
      ...o.filebrowser,
    });
    new HomelabApp(cluster, 'nextcloud', {
      image: 'nextcloud:30.0.4-apache', ports: [{ name: 'http', port: 80 }],
      env: { NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.share.jdoe.dev', OVERWRITEPROTOCOL: 'https' },
      persistence: { html: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/www/html' } },
      exemptions: {
        runAsRoot: 'apache starts as root and serves as www-data',
        addCapabilities: rootInitExemption('supervisor', 'apache switches its workers to www-data', ['NET_BIND_SERVICE']),
        writableRootFilesystem: 'its entrypoint writes PHP settings',
      },
      route: { host: 'cloud', maxBodySize: 'unlimited' },
    });
    new HomelabApp(cluster, 'collabora', {
      namespace: 'nextcloud', image: 'collabora/code:24.04.12.2.1', ports: [{ name: 'http', port: 9980 }],
      env: { aliasgroup1: 'https://cloud.share.jdoe.dev:443', extra_params: '--o:ssl.enable=false --o:ssl.termination=true' },
      route: { host: 'office' },
    });
    new HomelabApp(cluster, 'onlyoffice', {
      namespace: 'nextcloud', image: 'onlyoffice/documentserver:8.2.2', ports: [{ name: 'http', port: 80 }],
      env: { JWT_ENABLED: 'true', JWT_SECRET: secret('nextcloud', 'onlyoffice', 'jwt-secret') },
      exemptions: {
        runAsRoot: 'supervisord starts its services as root',
        addCapabilities: rootInitExemption('supervisor', 'nginx switches to its user', ['NET_BIND_SERVICE']),
        writableRootFilesystem: 'its entrypoint writes its config',
      },
      route: { host: 'docs' },
      ...o.onlyoffice,
    });
    new HomelabApp(cluster, 'samba', {
      image: 'ghcr.io/servercontainers/samba:smbd-only-a3.21.0-s4.20.6-r0', ports: [{ name: 'smb', port: 445 }],
      env: {
        ACCOUNT_alice: secret('samba', 'samba-users', 'alice'), UID_alice: '1000',
        SAMBA_VOLUME_CONFIG_family: '[family]; path=/shares/family; valid users = alice; guest ok = no; read only = no; browseable = yes',
      },
      persistence: { family: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/shares/family' } },
      exemptions: {
        runAsRoot: 'smbd runs as root and switches to each user',
        addCapabilities: rootInitExemption('supervisor', 'smbd switches to the user that logs in', ['NET_BIND_SERVICE']),
        writableRootFilesystem: 'its entrypoint adds the users to /etc/passwd',
      },
      loadBalancer: { address: lab.pools.lb.at('10.190.0.202'), ports: ['smb'] },
      ...o.samba,
    });
    new HomelabApp(cluster, 'webdav', {
      image: 'ghcr.io/hacdias/webdav:v5.7.4', ports: [{ name: 'http', port: 6065 }],
      args: ['-c', '/config/config.yml'],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/data' } },
      route: { host: 'dav' },
    });
    declareExternal(cluster, {
      secrets: [['seafile', 'seafile-db'], ['seafile', 'seafile-admin'], ['nextcloud', 'onlyoffice'], ['samba', 'samba-users']].map(([namespace, name]) => ({ namespace, name })),
    });
  };
}

const seafileEnv = {
  DB_HOST: 'mariadb', DB_ROOT_PASSWD: secret('seafile', 'seafile-db', 'root-password'), TIME_ZONE: 'Europe/Berlin',
  SEAFILE_ADMIN_EMAIL: 'me@jdoe.dev', SEAFILE_ADMIN_PASSWORD: secret('seafile', 'seafile-admin', 'password'),
};
/** Seafile 12 (`SEAFILE_SERVER_PROTOCOL`, a JWT key of its own), with `env` added. */
const seafile12 = (env: Record<string, unknown>): Overrides => ({
  seafile: { image: 'seafileltd/seafile-mc:12.0.14', env: { ...seafileEnv, SEAFILE_SERVER_HOSTNAME: 'seafile.share.jdoe.dev', JWT_PRIVATE_KEY: secret('seafile', 'seafile-admin', 'jwt-key'), ...env } },
});

describe('family file sharing', () => {
  test('written as the README tells it, the lab synthesizes with no finding', () => {
    expect(shownFindings(sharingLab())).toEqual([]);
    expect(shownFindings(sharingLab(seafile12({ SEAFILE_SERVER_PROTOCOL: 'https' })))).toEqual([]);
  });

  test("Seafile's URLs: its host as a URL or another host, http behind the route's https, and the host left out", () => {
    expect(shownFindings(guarded(sharingLab(seafile12({ SEAFILE_SERVER_PROTOCOL: 'http' }))))).toEqual(['error main/seafile env.SEAFILE_SERVER_PROTOCOL']);
    expect(shownFindings(guarded(sharingLab(seafile12({}))))).toEqual(['error main/seafile env.SEAFILE_SERVER_PROTOCOL']);
    expect(shownFindings(guarded(sharingLab(seafile12({ SEAFILE_SERVER_PROTOCOL: 'https', SEAFILE_SERVER_HOSTNAME: 'https://seafile.share.jdoe.dev' })))))
      .toEqual(['error main/seafile env.SEAFILE_SERVER_HOSTNAME']);
    expect(shownFindings(guarded(sharingLab(seafile12({ SEAFILE_SERVER_PROTOCOL: 'https', SEAFILE_SERVER_HOSTNAME: 'seafile.example.com' })))))
      .toEqual(['error main/seafile env.SEAFILE_SERVER_HOSTNAME']);
    expect(shownFindings(guarded(sharingLab({ seafile: { env: { ...seafileEnv, FORCE_HTTPS_IN_CONF: 'true' } } })))).toEqual(['warning main/seafile env.SEAFILE_SERVER_HOSTNAME']);
    expect(shownFindings(guarded(sharingLab({ seafile: { env: { ...seafileEnv, SEAFILE_SERVER_HOSTNAME: 'seafile.share.jdoe.dev' } } })))).toEqual(['error main/seafile env.FORCE_HTTPS_IN_CONF']);
  });

  test('ONLYOFFICE with token checks turned off on purpose needs no secret', () => {
    expect(shownFindings(sharingLab({ onlyoffice: { env: { JWT_ENABLED: 'false' } } }))).toEqual([]);
  });

  test('a Samba password given as its smbpasswd hash is a secret as well', () => {
    const hash = 'alice:1002:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:8846F7EAEE8FB117AD06BDD830B7586C:[U          ]:LCT-5FE1F7DF:';
    expect(shownFindings(guarded(sharingLab({ samba: { env: { ACCOUNT_alice: hash, UID_alice: '1000' } } })))).toEqual(['error main/samba env.ACCOUNT_alice']);
  });

  test("Syncthing's GUI told to listen on the loopback, as its config.xml has it outside a container, is an error", () => {
    expect(shownFindings(guarded(sharingLab({ syncthing: { env: { STGUIADDRESS: '127.0.0.1:8384' } } })))).toEqual(['error main/syncthing env.STGUIADDRESS']);
    expect(shownFindings(guarded(sharingLab({ syncthing: { env: {}, args: ['--gui-address=127.0.0.1:8384'] } })))).toEqual(['error main/syncthing args[0]']);
  });
});
