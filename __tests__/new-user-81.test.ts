import type { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, rootInitExemption, SecretReference, site, traefik,
} from '../constructs';
import { shownFindings } from './support/lab-output';
import { manifestsOf, sitesInMemory } from './support/synth';

// A compose lab moved onto the cluster the way the findings of its first synth said: Immich with its database, Redis
// and machine learning, Paperless-ngx with its PostgreSQL, broker, Gotenberg and Tika, Vaultwarden behind a route,
// and the compose lab's log viewer and update notifier on their Kubernetes modes. It synthesizes without a finding,
// and Immich's pods run without the Service links that would hand them IMMICH_PORT=tcp://….

const node = host('nuc-81', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.81.10' });
const lab = site('nu81', { domain: 'nu81.example', hosts: [node], git: { url: 'https://git.nu81.example/lab.git' } });

/** A PostgreSQL app of `image` in `namespace` keeping its data in a folder inside its claim. */
function postgres(cluster: ClusterChart, namespace: string, image: string, database: string, password: SecretReference, extra: Record<string, unknown> = {}): App {
  return new App(cluster, 'database', {
    namespace, image, ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: database, POSTGRES_DB: database, POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    ...extra,
  });
}

function defineLab(scope: Construct): void {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'immich', name: 'immich-db' }, { namespace: 'paperless', name: 'paperless-db' }, { namespace: 'vaultwarden', name: 'vaultwarden' }] });

  // Immich: the server named as compose names it, which makes a Service `immich` in its namespace.
  const immichPassword = SecretReference.external('immich', 'immich-db', 'password');
  const immichDb = postgres(cluster, 'immich', 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0', 'immich', immichPassword, {
    args: ['postgres', '-c', 'shared_preload_libraries=vectors.so'],
  });
  const redis = new App(cluster, 'redis', { namespace: 'immich', image: 'docker.io/valkey/valkey:8.0.2', ports: [{ name: 'redis', port: 6379 }] });
  const ml = new App(cluster, 'immich-machine-learning', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-machine-learning:v1.123.0', ports: [{ name: 'http', port: 3003 }],
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
  });
  new App(cluster, 'immich', {
    namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.123.0', ports: [{ name: 'http', port: 2283 }],
    env: {
      DB_HOSTNAME: 'database', DB_USERNAME: 'immich', DB_DATABASE_NAME: 'immich', DB_PASSWORD: immichPassword, REDIS_HOSTNAME: 'redis',
      IMMICH_MACHINE_LEARNING_URL: 'http://immich-machine-learning:3003',
    },
    persistence: { upload: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/app/upload' } },
    egress: [immichDb, redis, ml],
    route: { host: 'photos' },
  });

  // Paperless-ngx with its own PostgreSQL run as the image's root, as its compose file runs it.
  const paperlessPassword = SecretReference.external('paperless', 'paperless-db', 'password');
  const paperlessDb = new App(cluster, 'db', {
    namespace: 'paperless', image: 'postgres:16.6', ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_USER: 'paperless', POSTGRES_DB: 'paperless', POSTGRES_PASSWORD: paperlessPassword },
    exemptions: { runAsRoot: 'its entrypoint gives the data folder to postgres', addCapabilities: rootInitExemption('exec', 'the entrypoint chowns the data folder and drops to postgres with gosu') },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  const broker = new App(cluster, 'broker', { namespace: 'paperless', image: 'docker.io/library/redis:7.4.1', ports: [{ name: 'redis', port: 6379 }] });
  const gotenberg = new App(cluster, 'gotenberg', {
    namespace: 'paperless', image: 'docker.io/gotenberg/gotenberg:8.14.1', runAsUser: 1001, runAsGroup: 1001, ports: [{ name: 'http', port: 3000 }],
    command: ['gotenberg', '--chromium-disable-javascript=true', '--chromium-allow-list=file:///tmp/.*'],
  });
  const tika = new App(cluster, 'tika', { namespace: 'paperless', image: 'docker.io/apache/tika:2.9.2.1', ports: [{ name: 'http', port: 9998 }] });
  new App(cluster, 'paperless', {
    namespace: 'paperless', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.13.5', ports: [{ name: 'http', port: 8000 }],
    env: {
      PAPERLESS_REDIS: 'redis://broker:6379', PAPERLESS_DBHOST: 'db', PAPERLESS_DBPASS: paperlessPassword, PAPERLESS_URL: 'https://paperless.nu81.example',
      PAPERLESS_TIKA_ENABLED: '1', PAPERLESS_TIKA_GOTENBERG_ENDPOINT: 'http://gotenberg:3000', PAPERLESS_TIKA_ENDPOINT: 'http://tika:9998',
    },
    exemptions: { runAsRoot: 's6-overlay starts as root', writableRootFilesystem: 's6-overlay writes /run', addCapabilities: rootInitExemption('supervisor', 's6-overlay maps its user and signals it') },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/usr/src/paperless/media' },
    },
    egress: [paperlessDb, broker, gotenberg, tika],
    route: { host: 'paperless' },
  });

  // Vaultwarden, compose's `user: "1000:1000"` and `8080:80`: as its user it listens on 8080, the Service keeping 80.
  new App(cluster, 'vaultwarden', {
    image: 'vaultwarden/server:1.32.7', runAsUser: 1000, runAsGroup: 1000, ports: [{ name: 'http', port: 8080, servicePort: 80 }],
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vaultwarden.nu81.example', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: SecretReference.external('vaultwarden', 'vaultwarden', 'admin-token') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    probes: { readiness: { httpPath: '/alive' } },
    route: { host: 'vaultwarden' },
  });

  // The Docker lab's log viewer and update notifier, on the modes that read the pods.
  new App(cluster, 'dozzle', {
    image: 'amir20/dozzle:v8.12.3', ports: [{ name: 'http', port: 8080 }], env: { DOZZLE_MODE: 'k8s' },
    serviceAccount: { reason: 'Dozzle shows the logs of the pods', clusterRules: [{ apiGroups: [''], resources: ['pods', 'pods/log', 'nodes'], verbs: ['get', 'list', 'watch'] }] },
    route: { host: 'logs' },
  });
  new App(cluster, 'diun', {
    image: 'crazymax/diun:4.28.0', env: { DIUN_WATCH_SCHEDULE: '0 */6 * * *', DIUN_PROVIDERS_KUBERNETES: 'true' },
    serviceAccount: { reason: 'Diun lists the pods whose images it watches', clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
}

describe('a compose lab moved onto the cluster as its findings said', () => {
  it('synthesizes without a finding', () => {
    expect(shownFindings(defineLab)).toEqual([]);
  });

  it("runs Immich's pods without Service links, and the others' with them", () => {
    const pods = manifestsOf(sitesInMemory(defineLab), 'nu81/main').filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet');
    const links = Object.fromEntries(pods.map((m) => [`${m.metadata.namespace}/${m.metadata.name}`, m.spec.template.spec.enableServiceLinks]));
    expect(links['immich/immich']).toBe(false);
    expect(links['immich/immich-machine-learning']).toBe(false);
    expect(links['immich/database']).toBeUndefined();
  });

  it("takes Immich's server of a release before 1.118 on the port it listened on then", () => {
    const older = (scope: Construct) => {
      const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
      new App(cluster, 'immich', { namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.117.0', ports: [{ name: 'http', port: 3001 }] });
    };
    expect(shownFindings(older)).toEqual([]);
  });
});
