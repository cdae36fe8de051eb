import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// Calls and chat for family and friends, written as each project's guide writes them: Jitsi Videobridge told the
// addresses it is reached at, Synapse on a PostgreSQL created with the C collation, LiveKit reading its keys from a
// Secret beside a config file without them, and TeamSpeak with its license accepted. None of it is refused.

const nuc = host('nu69-nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.69.11', publicAddress: '203.0.113.69' });
const family = site('nu69-family', {
  domain: 'family.example', hosts: [nuc], pools: { vips: { first: '192.168.69.200', last: '192.168.69.210' } }, git: { url: 'https://git.family.example/lab.git' },
});
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** The family's lab, `synapseDatabase` the database section of Synapse's homeserver.yaml and `initdbArgs` its PostgreSQL's. */
const familyLab = (initdbArgs: string | undefined, synapseDatabase = '  args:\n    user: synapse\n    host: postgres\n') => (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: family, hosts: [nuc], routes: traefik({ address: family.pools.vips.at('192.168.69.200') }),
    loadBalancer: metalLb({ pools: [family.pools.vips] }), storage: { local: localPathStorage() }, gitops: flux(),
  });
  declareExternal(c, { secrets: [{ namespace: 'jitsi', name: 'jitsi' }, { namespace: 'matrix', name: 'postgres' }, { namespace: 'livekit', name: 'livekit' }] });
  const prosody = new HomelabApp(c, 'prosody', {
    namespace: 'jitsi', image: 'jitsi/prosody:stable-9955', ports: [{ name: 'xmpp', port: 5222 }],
    env: { JVB_AUTH_PASSWORD: secret('jitsi', 'jitsi', 'jvb') },
  });
  new HomelabApp(c, 'jvb', {
    namespace: 'jitsi', image: 'jitsi/jvb:stable-9955', egress: [prosody],
    env: { XMPP_SERVER: 'prosody', JVB_AUTH_PASSWORD: secret('jitsi', 'jitsi', 'jvb'), JVB_ADVERTISE_IPS: '192.168.69.201,203.0.113.69' },
    ports: [{ name: 'media', port: 10000, protocol: 'UDP' }, { name: 'http', port: 8080 }],
    loadBalancer: { address: family.pools.vips.at('192.168.69.201'), ports: ['media'] },
  });
  const postgres = new HomelabApp(c, 'postgres', {
    namespace: 'matrix', image: 'postgres:16.6', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 999, runAsGroup: 999,
    env: { POSTGRES_USER: 'synapse', POSTGRES_PASSWORD: secret('matrix', 'postgres', 'password'), ...(initdbArgs === undefined ? {} : { POSTGRES_INITDB_ARGS: initdbArgs }) },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'local', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  new ApiObject(c, 'synapse-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'synapse-config', namespace: 'matrix' },
    data: { 'homeserver.yaml': `server_name: family.example\npublic_baseurl: https://matrix.family.example/\ndatabase:\n  name: psycopg2\n${synapseDatabase}` },
  });
  new HomelabApp(c, 'synapse', {
    namespace: 'matrix', image: 'matrixdotorg/synapse:v1.120.2', ports: [{ name: 'http', port: 8008 }], route: { host: 'matrix' }, egress: [postgres],
    env: { SYNAPSE_CONFIG_PATH: '/config/homeserver.yaml' },
    persistence: {
      config: { volume: AppVolume.configMap('synapse-config'), mountPath: '/config' },
      data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/data' },
    },
  });
  c.namespaces.ensure('livekit');
  new ApiObject(c, 'livekit-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'livekit-config', namespace: 'livekit' },
    data: { 'livekit.yaml': 'port: 7880\nrtc:\n  tcp_port: 7881\n  port_range_start: 50000\n  port_range_end: 60000\n  use_external_ip: true\nkeys: {}\n' },
  });
  new HomelabApp(c, 'livekit', {
    namespace: 'livekit', image: 'livekit/livekit-server:v1.8.0', args: ['--config', '/etc/livekit/livekit.yaml'], ports: [{ name: 'http', port: 7880 }],
    env: { LIVEKIT_KEYS: secret('livekit', 'livekit', 'keys') }, route: { host: 'livekit' },
    persistence: { config: { volume: AppVolume.configMap('livekit-config'), mountPath: '/etc/livekit' } },
    exemptions: { hostNetwork: 'WebRTC on a range of UDP ports' },
  });
  new HomelabApp(c, 'teamspeak', {
    namespace: 'voice', image: 'teamspeak:3.13.7', env: { TS3SERVER_LICENSE: 'accept' },
    ports: [{ name: 'voice', port: 9987, protocol: 'UDP' }, { name: 'files', port: 30033 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/ts3server' } },
    loadBalancer: { address: family.pools.vips.at('192.168.69.202'), ports: ['voice', 'files'], externalTrafficPolicy: 'Local' },
  });
};

describe("a family's calls and chat, done as each project's guide says", () => {
  test('with PostgreSQL created with the C collation, the lab synthesizes without findings', () => {
    expect(shownFindings(familyLab('--encoding=UTF8 --lc-collate=C --lc-ctype=C'))).toEqual([]);
  });

  test("with Synapse told to allow PostgreSQL's default locale, the database is not judged", () => {
    expect(shownFindings(familyLab(undefined, '  allow_unsafe_locale: true\n  args:\n    user: synapse\n    host: postgres\n'))).toEqual([]);
  });

  test('with the locale C for every category, or no locale, the database is not judged', () => {
    expect(shownFindings(familyLab('--locale=C'))).toEqual([]);
    expect(shownFindings(familyLab('--no-locale'))).toEqual([]);
  });
});
