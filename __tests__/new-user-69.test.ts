import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { teamSpeakLicenseProblems } from '../constructs/app/teamspeak-license';
import { secretSettingLine } from '../constructs/validation/secret-values';
import { shownFindings } from './support/lab-output';
import { SYNAPSE_DATABASE_ARGS, synapseOnPostgres } from './support/synapse-lab';

// Calls and chat for family and friends, written as each project's guide writes them: coturn given the capability its
// binary carries and its public address, Jitsi Videobridge told the
// addresses it is reached at, Synapse on a PostgreSQL created with the C collation, LiveKit reading its keys from a
// Secret beside a config file without them, and TeamSpeak with its license accepted. None of it is refused.

const nuc = host('nu69-nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.69.11', publicAddress: '203.0.113.69' });
const family = site('nu69-family', {
  domain: 'family.example', hosts: [nuc], pools: { vips: { first: '192.168.69.200', last: '192.168.69.210' } }, git: { url: 'https://git.family.example/lab.git' },
});
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** The family's cluster on the one host, with its ingress and MetalLB on the pool. */
const familyCluster = (scope: Construct) => new ClusterChart(scope, 'main', {
  site: family, hosts: [nuc], routes: traefik({ address: family.pools.vips.at('192.168.69.200') }),
  loadBalancer: metalLb({ pools: [family.pools.vips] }), storage: { local: localPathStorage() }, gitops: flux(),
});

/** coturn on the host's network, its relay range given to the process; `args` add to its own. */
const coturn = (c: ClusterChart, args: readonly string[] | undefined) => new HomelabApp(c, 'coturn', {
  namespace: 'turn', image: 'coturn/coturn:4.6.3', env: { TURN_SECRET: secret('turn', 'coturn', 'secret') },
  ...(args === undefined ? {} : { args: ['-n', '--log-file=stdout', '--min-port=49160', '--max-port=49200', '--use-auth-secret', '--static-auth-secret=$(TURN_SECRET)', '--realm=turn.family.example', ...args] }),
  ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
  exemptions: {
    hostNetwork: 'the relay hands out ports of its range on the node address',
    addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'turnserver carries it as a file capability' },
  },
});

/** The lab's cluster with coturn alone, given `args`. */
const relayLab = (args: readonly string[] | undefined) => (scope: Construct) => {
  const c = familyCluster(scope);
  declareExternal(c, { secrets: [{ namespace: 'turn', name: 'coturn' }] });
  coturn(c, args);
};

/** The family's lab, `synapseDatabase` the database section of Synapse's homeserver.yaml and `initdbArgs` its PostgreSQL's. */
const familyLab = (initdbArgs: string | undefined, synapseDatabase = SYNAPSE_DATABASE_ARGS) => (scope: Construct) => {
  const c = familyCluster(scope);
  declareExternal(c, { secrets: [{ namespace: 'jitsi', name: 'jitsi' }, { namespace: 'livekit', name: 'livekit' }, { namespace: 'turn', name: 'coturn' }] });
  coturn(c, ['--external-ip=203.0.113.69/192.168.69.11']);
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
  synapseOnPostgres(c, initdbArgs === undefined ? {} : { POSTGRES_INITDB_ARGS: initdbArgs }, synapseDatabase);
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
    expect(shownFindings(familyLab(undefined, `  allow_unsafe_locale: true\n${SYNAPSE_DATABASE_ARGS}`))).toEqual([]);
  });

  test("with PostgreSQL's initdb arguments read from a Secret, the database is not judged", () => {
    const lab = (scope: Construct) => {
      const c = familyCluster(scope);
      synapseOnPostgres(c, { POSTGRES_INITDB_ARGS: SecretReference.external('matrix', 'postgres', 'initdb-args') });
    };
    expect(shownFindings(lab).filter((f) => f.includes('postgres'))).toEqual([]);
  });

  test('with the locale C for every category, or no locale, the database is not judged', () => {
    expect(shownFindings(familyLab('--locale=C'))).toEqual([]);
    expect(shownFindings(familyLab('--no-locale'))).toEqual([]);
  });

  test("coturn whose args leave out the public address the router forwards from is warned of, on args", () => {
    expect(shownFindings(relayLab([]))).toEqual(['warning main/coturn args']);
  });

  test("coturn left to its image's arguments, which detect the address, or told to detect it, is not warned of", () => {
    expect(shownFindings(relayLab(undefined))).toEqual([]);
    expect(shownFindings(relayLab(['--external-ip=$(detect-external-ip)']))).toEqual([]);
  });

  test("a keys: block of LiveKit's config is read as API keys and their secrets, wherever the file is written; other lists of keys are not", () => {
    expect(secretSettingLine('port: 7880\nkeys:\n  APIfamily9k2: 3v9Qm2Lr7Xk1Pz8Tn4Wc6Yb0Hd5Jf2Gs\n')).toEqual({ number: 3, setting: 'keys.APIfamily9k2' });
    expect(secretSettingLine('keys: {}\nrtc:\n  tcp_port: 7881\n')).toBeUndefined();
    // SOPS' creation rules list public age keys under keys:, and a block at the margin closes the one before it.
    expect(secretSettingLine('keys:\n  - &admin age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\ncreation_rules:\n  - path_regex: secrets/.*\n')).toBeUndefined();
    expect(secretSettingLine('keys:\nowner: 3v9Qm2Lr7Xk1Pz8Tn4Wc6Yb0Hd5Jf2Gs\n')).toBeUndefined();
  });

  test("TeamSpeak's license accepted with another word than accept is refused on the variable; a license flag on the command line is left alone", () => {
    const teamSpeak = (env: Record<string, string>, args?: string[]) => teamSpeakLicenseProblems([{ container: { image: 'teamspeak:3.13.7', env, args }, prefix: '', mountPaths: new Set() }]).map((p) => p.field);
    expect(teamSpeak({ TS3SERVER_LICENSE: 'yes' })).toEqual(['env.TS3SERVER_LICENSE']);
    expect(teamSpeak({ TS3SERVER_LICENSE: 'accept' })).toEqual([]);
    expect(teamSpeak({}, ['license_accepted=1'])).toEqual([]);
  });
});
