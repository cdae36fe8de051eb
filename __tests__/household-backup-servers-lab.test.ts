import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';

// A household's backup targets written from the README: restic's REST server with its users in an htpasswd Secret,
// append-only and private repositories, on the NAS; a Kopia repository server with its TLS certificate and its
// repository password from Secrets; UrBackup finding the family's computers by UDP broadcast; Duplicati with its
// settings key and web password from a Secret; BorgWarehouse with its SSH port for borg clients.

type Overrides = { rest?: Partial<AppProps>; kopia?: Partial<AppProps>; urbackup?: Partial<AppProps>; duplicati?: Partial<AppProps>; borg?: Partial<AppProps> };

/** The lab, each app given its overrides over the props it is written with. */
function backupLab(o: Overrides = {}): (scope: Construct) => void {
  return (scope) => {
    const server = host('server', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', zfsPools: { tank: { media: 'hdd' } } });
    const home = site('home', {
      domain: 'home.example.org', hosts: [server], git: { url: 'https://github.com/jdoe/home.git' },
      pools: { services: { first: '192.168.1.200', last: '192.168.1.210' } },
      nfs: { nas: { server: '192.168.1.5', path: '/volume1/backups' } },
    });
    const cluster = new ClusterChart(scope, 'main', {
      site: home, hosts: [server],
      routes: traefik({ address: home.pools.services.at('192.168.1.200') }), loadBalancer: metalLb({ pools: [home.pools.services] }),
      storage: { fast: localPathStorage(), bulk: server.zfs.tank }, gitops: flux(),
    });
    declareExternal(cluster, { secrets: [{ namespace: 'backup', name: 'rest-server-htpasswd' }, { namespace: 'backup', name: 'kopia-tls' }, { namespace: 'backup', name: 'kopia' }] });
    new HomelabApp(cluster, 'rest-server', {
      namespace: 'backup', image: 'restic/rest-server:0.13.0', ports: [{ name: 'http', port: 8000 }],
      env: { OPTIONS: '--append-only --private-repos', PASSWORD_FILE: '/etc/rest-server/htpasswd' },
      persistence: {
        data: { volume: AppVolume.nfs(home.nfs.nas, 'restic'), mountPath: '/data' },
        users: { volume: AppVolume.secret('rest-server-htpasswd'), mountPath: '/etc/rest-server', readOnly: true },
      },
      loadBalancer: { address: home.pools.services.at('192.168.1.201'), ports: ['http'] },
      ...o.rest,
    });
    new HomelabApp(cluster, 'kopia', {
      namespace: 'backup', image: 'kopia/kopia:0.18.2', ports: [{ name: 'https', port: 51515 }],
      args: ['server', 'start', '--address=0.0.0.0:51515', '--tls-cert-file=/tls/tls.crt', '--tls-key-file=/tls/tls.key', '--server-username=admin'],
      env: {
        KOPIA_PASSWORD: SecretReference.external('backup', 'kopia', 'repository-password'),
        KOPIA_SERVER_PASSWORD: SecretReference.external('backup', 'kopia', 'server-password'),
      },
      persistence: {
        repository: { volume: AppVolume.claim({ tier: 'bulk', size: '2Ti' }), mountPath: '/repository' },
        config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/config' },
        cache: { volume: AppVolume.emptyDir(), mountPath: '/app/cache' },
        tls: { volume: AppVolume.secret('kopia-tls'), mountPath: '/tls', readOnly: true },
      },
      loadBalancer: { address: home.pools.services.at('192.168.1.202'), ports: ['https'] },
      ...o.kopia,
    });
    new HomelabApp(cluster, 'urbackup', {
      namespace: 'backup', image: 'uroni/urbackup-server:2.5.33',
      ports: [{ name: 'fastcgi', port: 55413 }, { name: 'http', port: 55414 }, { name: 'internet', port: 55415 }, { name: 'discovery', port: 35623, protocol: 'UDP' }],
      env: { TZ: 'Europe/Berlin' },
      persistence: {
        backups: { volume: AppVolume.nfs(home.nfs.nas, 'urbackup'), mountPath: '/backups' },
        database: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/urbackup' },
      },
      exemptions: { hostNetwork: 'clients find the server by UDP broadcast on the LAN', runAsRoot: 'urbackupsrv starts as root', writableRootFilesystem: 'writes under /etc/urbackup' },
      route: { host: 'urbackup', port: 55414 },
      ...o.urbackup,
    });
    new HomelabApp(cluster, 'duplicati', {
      namespace: 'backup', image: 'duplicati/duplicati:2.1.0.5_stable_2025-03-04', ports: [{ name: 'http', port: 8200 }],
      env: {
        SETTINGS_ENCRYPTION_KEY: SecretReference.external('backup', 'duplicati', 'settings-key'),
        DUPLICATI__WEBSERVICE_PASSWORD: SecretReference.external('backup', 'duplicati', 'web-password'),
        DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES: 'duplicati.home.example.org',
      },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' },
        backups: { volume: AppVolume.nfs(home.nfs.nas, 'duplicati'), mountPath: '/backups' },
      },
      route: { host: 'duplicati' },
      ...o.duplicati,
    });
    new HomelabApp(cluster, 'borgwarehouse', {
      namespace: 'backup', image: 'borgwarehouse/borgwarehouse:v3.0.0',
      ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 22 }],
      env: {
        WEB_SERVER_PORT: '3000', SSH_SERVER_PORT: '22', FQDN: 'borg.home.example.org', NEXTAUTH_URL: 'https://borg.home.example.org',
        NEXTAUTH_SECRET: SecretReference.external('backup', 'borgwarehouse', 'nextauth-secret'),
        CRONJOB_KEY: SecretReference.external('backup', 'borgwarehouse', 'cronjob-key'),
      },
      persistence: {
        repos: { volume: AppVolume.nfs(home.nfs.nas, 'borg'), mountPath: '/home/borgwarehouse/repos' },
        config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/borgwarehouse/app/config' },
        ssh: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/home/borgwarehouse/.ssh' },
      },
      runAsUser: 1001, runAsGroup: 1001, sysctls: { 'net.ipv4.ip_unprivileged_port_start': '22' },
      exemptions: { writableRootFilesystem: 'its start script writes its sshd settings and keys under /home/borgwarehouse' },
      route: { host: 'borg', port: 3000 },
      loadBalancer: { address: home.pools.services.at('192.168.1.203'), ports: ['ssh'] },
      ...o.borg,
    });
  };
}

describe('a household backup servers lab', () => {
  test('synthesizes with no finding', () => {
    expect(shownFindings(backupLab())).toEqual([]);
  });

  test("restic's REST server started by name with its --path, and Duplicati allowing any host or a pattern of its domain, are left alone", () => {
    expect(shownFindings(backupLab({
      rest: { command: ['rest-server', '--path', '/data', '--append-only', '--private-repos'], env: {} },
      duplicati: { args: ['duplicati-server', '--webservice-allowed-hostnames=*.home.example.org'] },
    }))).toEqual([]);
  });

  test("UrBackup off the host's network is a warning: Internet clients given its address still back up", () => {
    expect(shownFindings(backupLab({
      urbackup: { exemptions: { runAsRoot: 'urbackupsrv starts as root', writableRootFilesystem: 'writes under /etc/urbackup' } },
    }))).toEqual(['warning main/urbackup exemptions.hostNetwork']);
  });

  test("Duplicati behind a route with no allowed host names is a warning: the list may be saved in its settings database", () => {
    expect(shownFindings(backupLab({ duplicati: { env: { SETTINGS_ENCRYPTION_KEY: SecretReference.external('backup', 'duplicati', 'settings-key') } } })))
      .toEqual(['warning main/duplicati env']);
  });
});
