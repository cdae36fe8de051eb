import { App, AppVolume, ClusterChart, SecretReference, declareExternal } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs workflow automation from the README alone: n8n in queue mode (its main process, workers and webhook
// processors beside Redis and PostgreSQL), Windmill, Huginn, Activepieces and Kestra. Each mistake passed synthesis and
// then restarted forever, never reached its queue, or handed outside services a URL nobody serves.

type Env = NonNullable<AppProps['env']>;

/** The settings every n8n process of the instance shares, as n8n's queue-mode compose file writes them. */
const N8N_ENV: Env = {
  DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: 'n8n-postgres', DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n',
  DB_POSTGRESDB_PASSWORD: SecretReference.external('n8n', 'n8n', 'db-password'), EXECUTIONS_MODE: 'queue',
  QUEUE_BULL_REDIS_HOST: 'n8n-redis', N8N_ENCRYPTION_KEY: SecretReference.external('n8n', 'n8n', 'encryption-key'),
};

/** An n8n process `id` of namespace `n8n` run with `args`, its env the shared one with `env` over it (names given `undefined` left out). */
const n8nProcess = (id: string, args: string[], env: Record<string, Env[string] | undefined>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'n8n', name: 'n8n' }] });
  const merged = Object.fromEntries(Object.entries({ ...N8N_ENV, ...env }).filter(([, value]) => value !== undefined));
  new App(cluster, id, {
    namespace: 'n8n', image: 'n8nio/n8n:1.72.1', args, ports: [{ name: 'http', port: 5678 }], env: merged as Env,
    persistence: { home: { volume: AppVolume.emptyDir(), mountPath: '/home/node/.n8n' } },
  });
});

export const CASES: BadInput[] = [
  {
    name: "n8n's webhook processor without EXECUTIONS_MODE, taken for implied by its command",
    build: n8nProcess('n8n-webhook', ['webhook'], { EXECUTIONS_MODE: undefined }),
    layer: 'props', path: 'n8n-webhook', field: 'env.EXECUTIONS_MODE', hint: /EXECUTIONS_MODE: 'queue'/,
  },
  {
    name: 'an n8n worker given the queue settings but not the database ones, so SQLite of its own pod',
    build: n8nProcess('n8n-worker', ['worker'], { DB_TYPE: undefined, DB_POSTGRESDB_HOST: undefined, DB_POSTGRESDB_DATABASE: undefined, DB_POSTGRESDB_USER: undefined, DB_POSTGRESDB_PASSWORD: undefined }),
    layer: 'props', path: 'n8n-worker', field: 'env.DB_TYPE', hint: /DB_TYPE: 'postgresdb'/,
  },
  {
    name: "n8n's QUEUE_BULL_REDIS_HOST written as a Redis URL",
    build: n8nProcess('n8n', [], { QUEUE_BULL_REDIS_HOST: 'redis://n8n-redis:6379' }),
    layer: 'props', path: 'n8n', field: 'env.QUEUE_BULL_REDIS_HOST', hint: /QUEUE_BULL_REDIS_HOST: 'n8n-redis', QUEUE_BULL_REDIS_PORT: '6379'/,
  },
  {
    name: "Activepieces' AP_FRONTEND_URL on another host than its route's",
    build: guarded((cluster: ClusterChart) => {
      declareExternal(cluster, { secrets: [{ namespace: 'activepieces', name: 'activepieces' }] });
      new App(cluster, 'activepieces', {
        namespace: 'activepieces', image: 'ghcr.io/activepieces/activepieces:0.38.6', ports: [{ name: 'http', port: 80 }], route: { host: 'flows' },
        exemptions: { runAsRoot: 'the image runs nginx and the server as root' },
        env: {
          AP_FRONTEND_URL: 'https://activepieces.lab.test', AP_ENCRYPTION_KEY: SecretReference.external('activepieces', 'activepieces', 'encryption-key'),
          AP_JWT_SECRET: SecretReference.external('activepieces', 'activepieces', 'jwt-secret'),
        },
      });
    }),
    layer: 'props', path: 'activepieces', field: 'env.AP_FRONTEND_URL', hint: /AP_FRONTEND_URL: 'https:\/\/flows\.lab\.test'/,
  },
];
