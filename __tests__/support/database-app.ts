import { App, AppController, AppVolume, ClusterChart } from '../../constructs';

/**
 * A database server `id` of `namespace` on a 5Gi claim of tier `fast`, run as uid 999 as the official images run
 * it: PostgreSQL for a `postgres` image, else MySQL or MariaDB, with `env` as its image reads it.
 */
export function databaseApp(main: ClusterChart, id: string, namespace: string, image: string, env: Record<string, unknown>): App {
  const postgres = image.startsWith('postgres');
  return new App(main, id, {
    namespace, image, controller: AppController.statefulSet(), runAsUser: 999, env: env as never,
    ports: [postgres ? { name: 'postgres', port: 5432 } : { name: 'mysql', port: 3306 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: postgres ? '/var/lib/postgresql/data' : '/var/lib/mysql' },
      run: { volume: AppVolume.emptyDir(), mountPath: postgres ? '/var/run/postgresql' : '/run/mysqld' },
    },
  });
}
