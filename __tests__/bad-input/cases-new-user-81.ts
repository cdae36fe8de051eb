import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user moves a folder of docker-compose files onto the cluster from the README alone: Immich with its
// database, Paperless-ngx with its own, and the containers that only made sense beside a Docker daemon. Each
// mistake passed synthesis and then never started, or started and showed, watched or routed nothing.

/** An App `id` of the lab built from `props`, through the guard that turns a refusal into a finding. */
const app = (id: string, props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, id, props as unknown as AppProps));

/** The compose file's database of Immich, with `env` added; its data on a fresh claim at the image's data folder. */
const immichDatabase = (env: Record<string, unknown> = {}) => app('database', {
  namespace: 'immich', image: 'ghcr.io/immich-app/postgres:14-vectorchord0.3.0-pgvectors0.2.0', ports: [{ name: 'postgres', port: 5432 }],
  env: { POSTGRES_USER: 'postgres', POSTGRES_DB: 'immich', POSTGRES_PASSWORD: SecretReference.external('immich', 'immich-db', 'password'), ...env },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
  },
});

export const CASES: BadInput[] = [
  {
    name: "Immich's server declaring the container port of an older compose file (2283:3001)",
    build: app('immich', { namespace: 'immich', image: 'ghcr.io/immich-app/immich-server:v1.123.0', ports: [{ name: 'http', port: 3001 }] }),
    layer: 'props', path: 'immich', field: 'ports[0].port', hint: /port: 2283/,
  },
  {
    name: "Immich's database on a fresh claim at its data folder, run as the app's user",
    build: immichDatabase(),
    layer: 'props', path: 'database', field: 'persistence.data.mountPath', hint: /PGDATA: '\/var\/lib\/postgresql\/data\/pgdata'/,
  },
  {
    name: "Paperless-ngx's PostgreSQL told PGDATA at the claim's root",
    build: app('db', {
      namespace: 'paperless', image: 'postgres:16.6', ports: [{ name: 'postgres', port: 5432 }],
      env: { POSTGRES_PASSWORD: SecretReference.external('paperless', 'paperless-db', 'password'), PGDATA: '/var/lib/postgresql/data' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
        run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
      },
    }),
    layer: 'props', path: 'db', field: 'env.PGDATA', message: /could not change permissions/,
  },
  {
    name: 'Dozzle left on its default Docker mode',
    build: app('dozzle', { image: 'amir20/dozzle:v8.12.3', ports: [{ name: 'http', port: 8080 }], route: { host: 'logs' } }),
    layer: 'props', path: 'dozzle', field: 'image', hint: /DOZZLE_MODE: 'k8s'/,
  },
  {
    name: 'Dozzle in its Kubernetes mode without a service account',
    build: app('dozzle', { image: 'amir20/dozzle:v8.12.3', ports: [{ name: 'http', port: 8080 }], env: { DOZZLE_MODE: 'k8s' } }),
    layer: 'props', path: 'dozzle', field: 'env.DOZZLE_MODE', hint: /clusterRules: \[\{ apiGroups: \[''\], resources: \['pods', 'pods\/log', 'nodes'\]/,
  },
  {
    name: "Diun given its Docker provider, as its compose example is",
    build: app('diun', {
      image: 'crazymax/diun:4.28.0', env: { DIUN_WATCH_SCHEDULE: '0 */6 * * *', DIUN_PROVIDERS_DOCKER: 'true' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    }),
    layer: 'props', path: 'diun', field: 'env.DIUN_PROVIDERS_DOCKER', hint: /DIUN_PROVIDERS_KUBERNETES: 'true'/,
  },
  {
    name: "the compose lab's Traefik carried over as an app with its Docker provider",
    build: app('traefik', {
      image: 'traefik:v3.2.3', ports: [{ name: 'web', port: 8000 }],
      args: ['--entrypoints.web.address=:8000', '--providers.docker=true', '--providers.docker.exposedbydefault=false'],
    }),
    layer: 'props', path: 'traefik', field: 'args[1]', hint: /routes: traefik\(\)/,
  },
  {
    name: 'a Docker socket proxy carried over for the apps that called it',
    build: app('socket-proxy', { image: 'tecnativa/docker-socket-proxy:0.3.0', ports: [{ name: 'docker', port: 2375 }], env: { CONTAINERS: '1' } }),
    layer: 'props', path: 'socket-proxy', field: 'image', message: /Docker socket proxy/,
  },
];
