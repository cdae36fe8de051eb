import { ApiObject } from 'cdk8s';
import { AppVolume, ClusterChart, declareExternal, HomelabApp, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';

/** The database section of homeserver.yaml after `name: psycopg2`, naming PostgreSQL's Service `postgres`. */
export const SYNAPSE_DATABASE_ARGS = '  args:\n    user: synapse\n    host: postgres\n';

/**
 * Synapse in namespace `matrix`, routed at `matrix`, whose homeserver.yaml (a ConfigMap it mounts) gives
 * `databaseSection` under `database` beside `name: psycopg2`, and the PostgreSQL app `postgres` it keeps its data in,
 * whose env adds `postgresEnv` to its user and password.
 */
export function synapseOnPostgres(cluster: ClusterChart, postgresEnv: AppProps['env'], databaseSection = SYNAPSE_DATABASE_ARGS): void {
  declareExternal(cluster, { secrets: [{ namespace: 'matrix', name: 'postgres' }] });
  const postgres = new HomelabApp(cluster, 'postgres', {
    namespace: 'matrix', image: 'postgres:16.6', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999,
    env: { POSTGRES_USER: 'synapse', POSTGRES_PASSWORD: SecretReference.external('matrix', 'postgres', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata', ...postgresEnv },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'local', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  new ApiObject(cluster, 'synapse-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'synapse-config', namespace: 'matrix' },
    data: { 'homeserver.yaml': `server_name: family.example\npublic_baseurl: https://matrix.family.example/\ndatabase:\n  name: psycopg2\n${databaseSection}` },
  });
  new HomelabApp(cluster, 'synapse', {
    namespace: 'matrix', image: 'matrixdotorg/synapse:v1.120.2', ports: [{ name: 'http', port: 8008 }], route: { host: 'matrix' }, egress: [postgres],
    env: { SYNAPSE_CONFIG_PATH: '/config/homeserver.yaml' },
    persistence: {
      config: { volume: AppVolume.configMap('synapse-config'), mountPath: '/config' },
      data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/data' },
    },
  });
}

/**
 * Synapse of `image` in namespace `matrix`, routed at `matrix`, reading homeserver.yaml of ConfigMap `synapse` and the
 * secrets file of Secret `synapse-secrets`, calling its PostgreSQL `db` and other homeservers; `db` admits it.
 */
export function synapseWithConfigFiles(cluster: ClusterChart, image: string, db: HomelabApp): HomelabApp {
  const synapse = new HomelabApp(cluster, 'synapse', {
    namespace: 'matrix', image, runAsUser: 991, fsGroup: 991,
    args: ['run', '--config-path=/config/homeserver.yaml', '--config-path=/secrets/secrets.yaml'], ports: [{ name: 'http', port: 8008 }],
    probes: { readiness: { httpPath: '/health' }, liveness: { httpPath: '/health' } },
    resources: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
    persistence: {
      config: { volume: AppVolume.configMap('synapse'), mountPath: '/config', readOnly: true },
      secrets: { volume: AppVolume.secret('synapse-secrets'), mountPath: '/secrets', readOnly: true },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/data' },
      tmp: { volume: AppVolume.emptyDir(), mountPath: '/tmp' },
    },
    egress: [db, { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 8448 }] }],
    route: { host: 'matrix' },
  });
  db.addAllowFrom(synapse);
  return synapse;
}
