import { App, AppController, AppVolume, ClusterChart, declareExternal, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Settings that a ConfigMap or a Secret may hold are left to their owner; the same settings written out wrong, or a
// variable a flag names that the container does not have, are still refused: ClickHouse's skip switch in another word
// than `1`, git-sync's root in a `$(NAME)` of no variable (Kubernetes passes it as text), and TeslaMate's DISABLE_MQTT in
// another word than `true`.

/** ClickHouse 25.3 on a claim, its logs on an emptyDir, told `skip` for its user setup. */
const clickhouse = (skip: string) => guarded((cluster: ClusterChart) => new App(cluster, 'events-db', {
  namespace: 'plausible', image: 'clickhouse/clickhouse-server:25.3.2.39-alpine', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 8123 }],
  runAsUser: 101, env: { CLICKHOUSE_SKIP_USER_SETUP: skip },
  persistence: {
    data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/clickhouse' },
    logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' },
  },
}));

export const CASES: BadInput[] = [
  {
    name: "ClickHouse 25 told CLICKHOUSE_SKIP_USER_SETUP 'true', which its entrypoint does not read as 1",
    build: clickhouse('true'),
    layer: 'props', path: 'events-db', field: 'image', hint: /CLICKHOUSE_SKIP_USER_SETUP: '1'/,
  },
  {
    name: 'git-sync told --root=$(SITE_ROOT) where the container has no variable SITE_ROOT, so its root is that text',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'handbook', {
      image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], egress: 'any',
      sidecars: [{ name: 'sync', image: 'registry.k8s.io/git-sync/git-sync:v4.4.0', args: ['--repo=https://github.com/jdoe/handbook.git', '--root=$(SITE_ROOT)'] }],
      persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '/git', containers: ['handbook', 'sync'] } },
    })),
    layer: 'props', path: 'handbook', field: 'sidecars[0].args[1]', hint: /GITSYNC_ROOT: '\/git'/,
  },
  {
    name: "TeslaMate told DISABLE_MQTT 'yes', which it does not read as true, and given no MQTT_HOST",
    build: guarded((cluster: ClusterChart) => {
      declareExternal(cluster, { secrets: [{ namespace: 'teslamate', name: 'teslamate' }] });
      new App(cluster, 'teslamate', {
        namespace: 'teslamate', image: 'teslamate/teslamate:2.0.0', ports: [{ name: 'http', port: 4000 }],
        env: {
          DATABASE_USER: 'teslamate', DATABASE_PASS: SecretReference.external('teslamate', 'teslamate', 'db-password'), DATABASE_NAME: 'teslamate',
          DATABASE_HOST: 'teslamate-db', DISABLE_MQTT: 'yes', ENCRYPTION_KEY: SecretReference.external('teslamate', 'teslamate', 'encryption-key'),
        },
      });
    }),
    layer: 'props', path: 'teslamate', field: 'env', hint: /DISABLE_MQTT: 'true'/,
  },
];
