import type { Construct } from 'constructs';
import { AppController, AppVolume, declareExternal, HomelabApp, SecretReference } from '../constructs';
import type { ClusterChart } from '../constructs';
import { configFile, oneNodeLab, postgres } from './support/lab-sites';
import { guarded } from './bad-input/lab';
import { shownFindings } from './support/lab-output';

// The team chat of bad-input/cases-new-user-96.ts written right: each app told the address its route serves (Zulip
// also at an organization's subdomain, and the pod range its route's proxy sends from), it synthesizes with no finding.

/** The chat apps of cluster `main` of site `chat96` (domain `chat96.jdoe.dev`), each linked to what it calls. */
function chatLab(scope: Construct, zulipHosts: string[] = ['zulip'], zulipEnv: Record<string, string> = {}): void {
  const cluster: ClusterChart = oneNodeLab(scope, 'chat96', '10.196.0');
  declareExternal(cluster, { secrets: [{ namespace: 'mattermost', name: 'mm-db' }, { namespace: 'zulip', name: 'zulip-secrets' }] });
  const mmDb = postgres(cluster, 'mattermost', 'mmuser', SecretReference.external('mattermost', 'mm-db', 'password'));
  new HomelabApp(cluster, 'mattermost', {
    namespace: 'mattermost', image: 'mattermost/mattermost-team-edition:10.5.2', runAsUser: 2000,
    ports: [{ name: 'http', port: 8065 }, { name: 'calls', port: 8443, protocol: 'UDP' }],
    env: {
      DB_PASSWORD: SecretReference.external('mattermost', 'mm-db', 'password'), MM_SQLSETTINGS_DRIVERNAME: 'postgres',
      MM_SQLSETTINGS_DATASOURCE: 'postgres://mmuser:$(DB_PASSWORD)@postgres:5432/mmuser?sslmode=disable',
      MM_SERVICESETTINGS_SITEURL: 'https://mattermost.chat96.jdoe.dev',
    },
    persistence: Object.fromEntries(['data', 'logs', 'config', 'plugins'].map((folder) => [folder, { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: `/mattermost/${folder}` }])),
    egress: [mmDb], route: { host: 'mattermost' },
  });
  const mongo = new HomelabApp(cluster, 'mongodb', {
    namespace: 'rocketchat', image: 'mongo:7.0.16', runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mongodb', port: 27017 }],
    args: ['--replSet', 'rs0', '--bind_ip_all'], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data/db' } },
  });
  new HomelabApp(cluster, 'rocketchat', {
    namespace: 'rocketchat', image: 'registry.rocket.chat/rocketchat/rocket.chat:6.13.0', ports: [{ name: 'http', port: 3000 }],
    env: {
      MONGO_URL: 'mongodb://mongodb:27017/rocketchat?replicaSet=rs0', MONGO_OPLOG_URL: 'mongodb://mongodb:27017/local?replicaSet=rs0',
      ROOT_URL: 'https://rocketchat.chat96.jdoe.dev', PORT: '3000',
    },
    egress: [mongo], route: { host: 'rocketchat' },
  });
  const backends = [
    new HomelabApp(cluster, 'memcached', { namespace: 'zulip', image: 'memcached:1.6.34-alpine', ports: [{ name: 'memcached', port: 11211 }] }),
    new HomelabApp(cluster, 'redis', { namespace: 'zulip', image: 'redis:7.4.2-alpine', ports: [{ name: 'redis', port: 6379 }] }),
  ];
  const [first, ...more] = zulipHosts;
  const zulip = new HomelabApp(cluster, 'zulip', {
    namespace: 'zulip', image: 'ghcr.io/zulip/zulip-server:10.4-0', ports: [{ name: 'http', port: 80 }],
    env: {
      SETTING_EXTERNAL_HOST: 'zulip.chat96.jdoe.dev', DISABLE_HTTPS: 'true', SSL_CERTIFICATE_GENERATION: 'self-signed', LOADBALANCER_IPS: '10.42.0.0/16',
      SETTING_MEMCACHED_LOCATION: 'memcached:11211', SETTING_REDIS_HOST: 'redis', ...zulipEnv,
    },
    exemptions: { runAsRoot: 'its entrypoint writes the configuration and starts supervisord as root' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    egress: backends, route: { host: first },
  });
  more.forEach((host) => zulip.addRoute({ host }));
  configFile(cluster, 'matrix', 'element', 'config.json', JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'https://matrix.chat96.jdoe.dev', server_name: 'chat96.jdoe.dev' } } }));
  new HomelabApp(cluster, 'element', {
    namespace: 'matrix', image: 'vectorim/element-web:v1.11.94', runAsUser: 101, ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' },
    persistence: {
      config: { volume: AppVolume.configMap('element'), mounts: [{ mountPath: '/app/config.json', subPath: 'config.json' }], readOnly: true },
      conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/nginx/conf.d' },
      cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' },
    },
    route: { host: 'element' },
  });
}

describe("a new user's team chat", () => {
  test('each app told the host its route serves synthesizes without findings', () => {
    expect(shownFindings((scope) => chatLab(scope))).toEqual([]);
  });

  test("Zulip routed at an organization's subdomain of its external host passes", () => {
    expect(shownFindings((scope) => chatLab(scope, ['zulip', 'family.zulip.chat96.jdoe.dev']))).toEqual([]);
  });

  test('Zulip given more hosts through SETTING_REALM_HOSTS is not judged by its external host alone', () => {
    expect(shownFindings((scope) => chatLab(scope, ['zulip', 'chat.other.example'], { SETTING_REALM_HOSTS: "{'friends': 'chat.other.example'}" }))).toEqual([]);
  });

  test('Mattermost and Rocket.Chat with their ports moved by their settings pass', () => {
    expect(shownFindings(guarded((scope: Construct) => {
      const cluster = oneNodeLab(scope, 'chat96', '10.196.0');
      new HomelabApp(cluster, 'mattermost', {
        namespace: 'chat', image: 'mattermost/mattermost-team-edition:10.5.2', ports: [{ name: 'http', port: 8066 }],
        env: { MM_SERVICESETTINGS_LISTENADDRESS: ':8066' }, route: { host: 'mattermost' },
      });
      new HomelabApp(cluster, 'rocketchat', { namespace: 'chat', image: 'rocketchat/rocket.chat:6.13.0', ports: [{ name: 'http', port: 3100 }], env: { PORT: '3100' }, route: { host: 'rocketchat' } });
    }))).toEqual([]);
  });
});
