import { App, declareExternal, rootInitExemption, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user shares the family's files from the README alone: Seafile behind the cluster's HTTPS route, Nextcloud with
// Collabora and ONLYOFFICE beside it, a Samba server for the Windows machines. Each mistake passed synthesis and then
// uploaded nothing, opened no document, committed a password, or made synthesis itself fail with a crash.

const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** Seafile 12 routed at `seafile`, its MariaDB and memcached left out, with `env` added. */
const seafile = (env: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'seafile', name: 'seafile' }] });
  new App(cluster, 'seafile', {
    image: 'seafileltd/seafile-mc:12.0.14', ports: [{ name: 'http', port: 80 }], route: { host: 'seafile' },
    env: {
      DB_HOST: 'mariadb', DB_ROOT_PASSWD: secret('seafile', 'seafile', 'db-root-password'), JWT_PRIVATE_KEY: secret('seafile', 'seafile', 'jwt-key'),
      SEAFILE_SERVER_HOSTNAME: 'seafile.lab.test', ...env,
    },
    exemptions: {
      runAsRoot: 'its init starts nginx, seafile and seahub as root',
      addCapabilities: rootInitExemption('supervisor', 'nginx switches its workers to its user', ['NET_BIND_SERVICE']),
      writableRootFilesystem: 'its init writes its settings into the image',
    },
  });
});

/** ONLYOFFICE Docs in namespace `nextcloud`, with `env`, and Collabora beside it when `collabora` says so. */
const onlyoffice = (env: NonNullable<AppProps['env']>, collabora = false) => guarded((cluster: ClusterChart) => {
  if (collabora) {
    new App(cluster, 'collabora', {
      namespace: 'nextcloud', image: 'collabora/code:24.04.12.2.1', ports: [{ name: 'http', port: 9980 }], route: { host: 'office' },
      env: { aliasgroup1: 'https://cloud.lab.test:443', extra_params: '--o:ssl.enable=false --o:ssl.termination=true' },
    });
  }
  new App(cluster, 'onlyoffice', {
    namespace: 'nextcloud', image: 'onlyoffice/documentserver:8.2.2', ports: [{ name: 'http', port: 80 }], route: { host: 'docs' }, env,
    exemptions: {
      runAsRoot: 'supervisord starts its services as root',
      addCapabilities: rootInitExemption('supervisor', 'nginx switches to its user', ['NET_BIND_SERVICE']),
      writableRootFilesystem: 'its entrypoint writes its settings',
    },
  });
});

/** servercontainers/samba serving share `family` to its users on 445, with `env`. */
const samba = (env: AppProps['env']) => guarded((cluster: ClusterChart) => new App(cluster, 'samba', {
  image: 'ghcr.io/servercontainers/samba:smbd-only-a3.21.0-s4.20.6-r0', ports: [{ name: 'smb', port: 445 }],
  env: { ...env, SAMBA_VOLUME_CONFIG_family: '[family]; path=/shares/family; valid users = alice; guest ok = no; read only = no' },
  exemptions: {
    runAsRoot: 'smbd runs as root and switches to the user that logs in',
    addCapabilities: rootInitExemption('supervisor', 'smbd switches to the user that logs in', ['NET_BIND_SERVICE']),
    writableRootFilesystem: 'its entrypoint adds the users to /etc/passwd',
  },
}));

export const CASES: BadInput[] = [
  {
    name: "Seafile 12 behind the route's HTTPS told SEAFILE_SERVER_PROTOCOL http, as its .env file has it",
    build: seafile({ SEAFILE_SERVER_PROTOCOL: 'http' }), layer: 'props', path: 'seafile', field: 'env.SEAFILE_SERVER_PROTOCOL', hint: /SEAFILE_SERVER_PROTOCOL: 'https'/,
  },
  {
    name: 'ONLYOFFICE Docs without JWT_SECRET, which then draws a new one at every start',
    build: onlyoffice({}), layer: 'props', path: 'onlyoffice', field: 'env.JWT_SECRET', hint: /SecretReference\.external\('nextcloud', 'onlyoffice', 'jwt-secret'\)/,
  },
  {
    name: "ONLYOFFICE's JWT secret written out beside Collabora (which read the props of the refused app and crashed)",
    build: onlyoffice({ JWT_SECRET: 'Zq8vN2kLp4Rt7wXy1Bc3' }, true), layer: 'props', path: 'onlyoffice', field: 'env.JWT_SECRET',
  },
  {
    name: "a Samba user's password written out in servercontainers/samba's ACCOUNT_<user>",
    build: samba({ ACCOUNT_alice: 'correct-horse-battery', UID_alice: '1000' }), layer: 'props', path: 'samba', field: 'env.ACCOUNT_alice', message: /password of Samba user alice/,
  },
  {
    name: "Syncthing's GUI address copied from its config.xml, on the loopback",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'syncthing', {
      image: 'syncthing/syncthing:1.29.2', ports: [{ name: 'http', port: 8384 }, { name: 'sync', port: 22000 }, { name: 'sync-quic', port: 22000, protocol: 'UDP' }],
      env: { STGUIADDRESS: '127.0.0.1:8384' }, route: { host: 'sync' },
    })),
    layer: 'props', path: 'syncthing', field: 'env.STGUIADDRESS', hint: /STGUIADDRESS: '0\.0\.0\.0:8384'/,
  },
];
