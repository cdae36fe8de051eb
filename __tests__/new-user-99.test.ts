import type { Construct } from 'constructs';
import { AppDevice, AppVolume, declareExternal, HomelabApp, host, SecretReference } from '../constructs';
import { propContainers } from '../constructs/app/prop-containers';
import { rommEnvProblems } from '../constructs/app/romm-env';
import { shownFindings } from './support/lab-output';
import { appDatabase, k3sCluster, labSite } from './support/lab-sites';

// Game streaming and a retro collection as a new user writes them from the README: Sunshine on the GPU node's network
// serving Moonlight clients, its stream's ports over UDP, and RomM on PostgreSQL with its library on the NAS. It
// synthesizes with only the finding it deserves, and RomM's settings are judged as RomM reads them.

const gamer = host('gamer-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.199.0.11', gpus: [{ vendor: 'nvidia' }] });
const lab = labSite('arcade', '10.199.0', [gamer], { nfs: { nas: { server: '10.199.0.5', path: '/volume1/games' } } });

function arcade(scope: Construct): void {
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, { secrets: [{ namespace: 'romm', name: 'romm-db' }, { namespace: 'romm', name: 'romm' }] });
  new HomelabApp(cluster, 'sunshine', {
    namespace: 'games', image: 'lizardbyte/sunshine:v2025.122.141614', gpu: { vendor: 'nvidia' },
    ports: [
      { name: 'https', port: 47984 }, { name: 'http', port: 47989 }, { name: 'web', port: 47990 }, { name: 'rtsp', port: 48010 },
      { name: 'video', port: 47998, protocol: 'UDP' }, { name: 'control', port: 47999, protocol: 'UDP' }, { name: 'audio', port: 48000, protocol: 'UDP' },
    ],
    devices: [AppDevice.hostDevice('/dev/uinput')],
    persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    exemptions: { hostNetwork: 'Moonlight clients find the host by mDNS and take its stream over UDP', hostPath: 'virtual gamepads through /dev/uinput' },
  });
  const db = appDatabase(cluster, 'romm-db', 'romm', 'romm');
  new HomelabApp(cluster, 'romm', {
    namespace: 'romm', image: 'rommapp/romm:3.10.2', ports: [{ name: 'http', port: 8080 }],
    env: {
      ROMM_DB_DRIVER: 'postgresql', DB_HOST: 'romm-db', DB_PORT: '5432', DB_NAME: 'romm', DB_USER: 'romm',
      DB_PASSWD: SecretReference.external('romm', 'romm-db', 'password'), ROMM_AUTH_SECRET_KEY: SecretReference.external('romm', 'romm', 'auth-secret-key'),
    },
    exemptions: { writableRootFilesystem: 'nginx and the bundled Valkey write under /var and /tmp' },
    persistence: {
      library: { volume: AppVolume.nfs(lab.nfs.nas, 'roms'), mountPath: '/romm/library' },
      resources: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/romm/resources' },
      assets: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/romm/assets' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/romm/config' },
    },
    egress: [db], route: { host: 'romm' },
  });
}

test('the arcade lab synthesizes with only the warning on the gamepad device it mounts by path', () => {
  // /dev/uinput by path: an unprivileged container may not open it unless a device plugin hands it over.
  expect(shownFindings(arcade)).toEqual(['warning main/sunshine devices[0]']);
});

describe("RomM's settings as RomM reads them", () => {
  const secret = SecretReference.external('romm', 'romm', 'key');
  const complete = { DB_HOST: 'romm-db', DB_USER: 'romm', DB_PASSWD: secret, ROMM_AUTH_SECRET_KEY: secret };
  /** The fields RomM's check finds in an App of its image given `env` (and `extra` props). */
  const fields = (env: Record<string, unknown>, extra: Record<string, unknown> = {}) => rommEnvProblems(propContainers({ image: 'rommapp/romm:3.10.2', env, ...extra }, 'romm')).map((p) => p.field);

  test.each([
    ['every setting given', complete, {}],
    ['no DB_HOST beside a MariaDB sidecar of the pod', { ...complete, DB_HOST: undefined }, { sidecars: [{ name: 'db', image: 'mariadb:11.4', ports: [{ name: 'mysql', port: 3306 }] }] }],
    ['a command of its own', {}, { command: ['python3', '-m', 'alembic', 'upgrade', 'head'] }],
    ['DB_PASSWORD beside the DB_PASSWD it reads', { ...complete, DB_PASSWORD: secret }, {}],
  ])('%s is left alone', (_name, env, extra) => {
    expect(fields(env, extra)).toEqual([]);
  });
  test('a sidecar database on another port than DB_PORT leaves DB_HOST missing', () => {
    expect(fields({ ...complete, DB_HOST: undefined, ROMM_DB_DRIVER: 'postgresql' }, { sidecars: [{ name: 'db', image: 'mariadb:11.4', ports: [{ name: 'mysql', port: 3306 }] }] })).toEqual(['env']);
  });
  test('the names a database image spells are errors on them, and credentials of no name one on env', () => {
    expect(fields({ DB_HOST: 'romm-db', ROMM_AUTH_SECRET_KEY: secret, MARIADB_USER: 'romm', MARIADB_PASSWORD: secret })).toEqual(['env.MARIADB_USER', 'env.MARIADB_PASSWORD']);
    expect(fields({ DB_HOST: 'romm-db', ROMM_AUTH_SECRET_KEY: secret })).toEqual(['env']);
  });
  test('a DB_HOST with its port is an error on it', () => {
    expect(fields({ ...complete, DB_HOST: 'romm-db:3306' })).toEqual(['env.DB_HOST']);
  });
});
