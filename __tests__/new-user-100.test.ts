import type { Construct } from 'constructs';
import { App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';

// A new user's workflow automation from the README alone: n8n in queue mode (its main process behind the route, its
// workers and a webhook processor, on one PostgreSQL and one Redis) and Activepieces. Written the way n8n's and
// Activepieces' own compose files write them, it synthesizes without a finding; a lone n8n on its SQLite stays clean.

const box = host('nu100-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.100.10' });
const lab = site('nu100', { domain: 'auto.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/auto.git' } });
const secret = (ns: string, key: string) => SecretReference.external(ns, ns, key);

/** Cluster `main` of site `nu100` (domain `auto.jdoe.dev`), its Secrets of n8n and Activepieces made by hand. */
function cluster(scope: Construct): ClusterChart {
  const main = new ClusterChart(scope, 'main', { site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  declareExternal(main, { secrets: [{ namespace: 'n8n', name: 'n8n' }, { namespace: 'activepieces', name: 'activepieces' }] });
  return main;
}

/** A PostgreSQL `id` of `namespace` whose database and user are `db`. */
function postgres(main: ClusterChart, id: string, namespace: string, db: string): App {
  return new App(main, id, {
    namespace, image: 'postgres:16.4', ports: [{ name: 'postgres', port: 5432 }], controller: AppController.statefulSet(),
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: db, POSTGRES_USER: db, POSTGRES_PASSWORD: secret(namespace, 'db-password') },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
}

function workflowLab(scope: Construct): void {
  const main = cluster(scope);
  const db = postgres(main, 'n8n-postgres', 'n8n', 'n8n');
  const redis = new App(main, 'n8n-redis', { namespace: 'n8n', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }] });
  const env: NonNullable<AppProps['env']> = {
    DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-postgres', DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: secret('n8n', 'db-password'),
    EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'n8n-redis', QUEUE_BULL_REDIS_PORT: '6379', N8N_ENCRYPTION_KEY: secret('n8n', 'encryption-key'),
    N8N_HOST: 'n8n.auto.jdoe.dev', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://n8n.auto.jdoe.dev/',
  };
  const n8n = (id: string, args: string[], props: Partial<AppProps> = {}) => new App(main, id, {
    namespace: 'n8n', image: 'n8nio/n8n:1.72.1', args, env, ports: [{ name: 'http', port: 5678 }], egress: [db, redis],
    persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } }, ...props,
  });
  n8n('n8n', [], { route: { host: 'n8n' }, persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/node/.n8n' } } });
  n8n('n8n-worker', ['worker'], { replicas: 2 });
  n8n('n8n-webhook', ['webhook']);
  const apDb = postgres(main, 'activepieces-db', 'activepieces', 'activepieces');
  new App(main, 'activepieces', {
    namespace: 'activepieces', image: 'ghcr.io/activepieces/activepieces:0.38.6', ports: [{ name: 'http', port: 80 }], route: { host: 'flows' }, egress: [apDb],
    exemptions: { runAsRoot: 'the image runs nginx and the server as root' },
    env: {
      AP_FRONTEND_URL: 'https://flows.auto.jdoe.dev', AP_ENCRYPTION_KEY: secret('activepieces', 'encryption-key'), AP_JWT_SECRET: secret('activepieces', 'jwt-secret'),
      AP_POSTGRES_HOST: 'activepieces-db', AP_POSTGRES_PORT: '5432', AP_POSTGRES_DATABASE: 'activepieces', AP_POSTGRES_USERNAME: 'activepieces',
      AP_POSTGRES_PASSWORD: secret('activepieces', 'db-password'), AP_REDIS_TYPE: 'MEMORY',
    },
  });
}

/**
 * The queue-mode instance with the main process's EXECUTIONS_MODE left out, as a single n8n's compose file has none,
 * and a second n8n on its own SQLite to try workflows on, which is no part of the instance.
 */
function regularMainBesideWorkers(scope: Construct): void {
  const main = cluster(scope);
  const env: NonNullable<AppProps['env']> = {
    DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-postgres', N8N_ENCRYPTION_KEY: secret('n8n', 'encryption-key'), QUEUE_BULL_REDIS_HOST: 'n8n-redis',
  };
  for (const [id, args, own] of [['n8n', [], env], ['n8n-worker', ['worker'], env], ['n8n-sandbox', [], {}]] as const) {
    new App(main, id, {
      namespace: 'n8n', image: 'n8nio/n8n:1.72.1', args: [...args], env: own, ports: [{ name: 'http', port: 5678 }],
      persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } },
    });
  }
}

/** One n8n in regular mode on its own SQLite, in its claim: queue mode's settings do not concern it. */
function loneN8n(scope: Construct): void {
  new App(cluster(scope), 'n8n', {
    namespace: 'n8n', image: 'n8nio/n8n:1.72.1', ports: [{ name: 'http', port: 5678 }], route: { host: 'n8n' },
    env: { WEBHOOK_URL: 'https://n8n.auto.jdoe.dev/' },
    persistence: { home: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/node/.n8n' } },
  });
}

/** Activepieces told the compose file's `http://localhost:8080`, the port compose published, not its route's URL. */
function composeFrontendUrl(scope: Construct): void {
  const main = cluster(scope);
  new App(main, 'activepieces', {
    namespace: 'activepieces', image: 'ghcr.io/activepieces/activepieces:0.38.6', ports: [{ name: 'http', port: 80 }], route: { host: 'flows' },
    exemptions: { runAsRoot: 'the image runs nginx and the server as root' },
    env: { AP_FRONTEND_URL: 'http://localhost:8080', AP_ENCRYPTION_KEY: secret('activepieces', 'encryption-key'), AP_JWT_SECRET: secret('activepieces', 'jwt-secret') },
  });
  new App(main, 'kestra', { namespace: 'kestra', image: 'kestra/kestra:v0.20.7', args: ['server', 'standalone'], ports: [{ name: 'http', port: 8080 }] });
}

describe("a new user's workflow automation", () => {
  test('n8n in queue mode and Activepieces, written as their compose files write them, synthesize without a finding', () => {
    expect(shownFindings(workflowLab)).toEqual([]);
  });

  test('a lone n8n on its own SQLite is not held to queue mode', () => {
    expect(shownFindings(loneN8n)).toEqual([]);
  });

  test('a main process left in regular mode beside its workers is a warning on its EXECUTIONS_MODE', () => {
    expect(shownFindings(regularMainBesideWorkers)).toEqual(['warning main/n8n env']);
  });

  test("a public URL left on the compose file's localhost is told once, with the route's URL, not as a call of another app", () => {
    expect(shownFindings(composeFrontendUrl)).toEqual(['error main/activepieces env.AP_FRONTEND_URL']);
  });
});
