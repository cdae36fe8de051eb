import { ApiObject } from 'cdk8s';
import { AppVolume, ClusterChart, HomelabApp } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { synapseOnPostgres } from '../support/synapse-lab';
import { guarded, lab } from './lab';

// Calls and chat for family and friends, from the README alone: Jitsi Meet with its videobridge behind a load balancer,
// Matrix Synapse on PostgreSQL, LiveKit for Element Call, and TeamSpeak. Earlier rounds refused the UDP ports left at
// TCP, a relay range written as one port, coturn's secret on its command line and Element serving the delegation
// files; these were taken, and each left a server that never started, calls without sound, or a key in Git.
// (LiveKit's keys in the LIVEKIT_CONFIG variable are refused as its config file's are.)

/** An app `id` of the lab, `props` its own. */
const app = (id: string, props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, id, props as unknown as AppProps));

/** LiveKit's server on the host's network, its RTC ports given in its config; `props` add to it. */
const liveKit = (props: Record<string, unknown>) => app('livekit', {
  image: 'livekit/livekit-server:v1.8.0', ports: [{ name: 'http', port: 7880 }], exemptions: { hostNetwork: 'WebRTC on a range of UDP ports' }, ...props,
});

/** LiveKit's config with an API key and its secret written out, as its guide's example writes it. */
const LIVEKIT_YAML = 'port: 7880\nrtc:\n  tcp_port: 7881\n  port_range_start: 50000\n  port_range_end: 60000\n  use_external_ip: true\nkeys:\n  APIfamily9k2: 3v9Qm2Lr7Xk1Pz8Tn4Wc6Yb0Hd5Jf2Gs\n';

/** TeamSpeak 3's official image with its voice and file ports, `env` its own. */
const teamSpeak = (env: Record<string, string>) => app('teamspeak', {
  image: 'teamspeak:3.13.7', env, ports: [{ name: 'voice', port: 9987, protocol: 'UDP' }, { name: 'files', port: 30033 }],
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/ts3server' } },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.14'), ports: ['voice', 'files'], externalTrafficPolicy: 'Local' },
});

/** Synapse on the PostgreSQL app `postgres`, whose env adds `pgEnv`. */
const synapseOnPostgresOf = (pgEnv: Record<string, string>) => guarded((cluster: ClusterChart) => synapseOnPostgres(cluster, pgEnv));

export const CASES: BadInput[] = [
  {
    name: "Jitsi Videobridge behind a load balancer without the address it should advertise",
    build: app('jvb', {
      namespace: 'jitsi', image: 'jitsi/jvb:stable-9955', env: { XMPP_SERVER: 'prosody.jitsi.svc.cluster.local' },
      ports: [{ name: 'media', port: 10000, protocol: 'UDP' }, { name: 'http', port: 8080 }],
      loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['media'] },
    }),
    layer: 'props', path: 'jvb', field: 'env', hint: /JVB_ADVERTISE_IPS: '10\.0\.8\.12,/,
  },
  {
    name: "Synapse's PostgreSQL created with the image's own collation",
    build: synapseOnPostgresOf({}), layer: 'references', path: 'postgres', field: 'env', message: /collation en_US\.utf8/, hint: /--lc-collate=C/,
  },
  {
    name: "Synapse's PostgreSQL created with the C.UTF-8 locale, which Synapse does not take for C",
    build: synapseOnPostgresOf({ POSTGRES_INITDB_ARGS: '--encoding=UTF8 --locale=C.UTF-8' }), layer: 'references', path: 'postgres', field: 'env.POSTGRES_INITDB_ARGS', message: /C\.UTF-8 is not C/,
  },
  {
    name: "Synapse's PostgreSQL created with collation C but the image's character classes",
    build: synapseOnPostgresOf({ POSTGRES_INITDB_ARGS: '--encoding=UTF8 --lc-collate=C' }), layer: 'references', path: 'postgres', field: 'env.POSTGRES_INITDB_ARGS',
    message: /character classes \(LC_CTYPE\) en_US\.utf8/, hint: /--lc-ctype=C/,
  },
  { name: "LiveKit's API key and secret written into LIVEKIT_KEYS", build: liveKit({ env: { LIVEKIT_KEYS: 'APIfamily9k2: 3v9Qm2Lr7Xk1Pz8Tn4Wc6Yb0Hd5Jf2Gs' } }), layer: 'props', path: 'livekit', field: 'env.LIVEKIT_KEYS' },
  {
    name: "LiveKit's config file in a ConfigMap with its keys written out",
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('livekit');
      new ApiObject(cluster, 'livekit-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'livekit-config', namespace: 'livekit' }, data: { 'livekit.yaml': LIVEKIT_YAML } });
    }),
    layer: 'policy', path: 'livekit-config', field: 'data.livekit.yaml',
  },
  {
    name: 'coturn run with every capability dropped, as the secure defaults leave it',
    build: app('coturn', {
      namespace: 'turn', image: 'coturn/coturn:4.6.3', args: ['-n', '--log-file=stdout', '--min-port=49160', '--max-port=49200', '--external-ip=$(detect-external-ip)'],
      ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }], exemptions: { hostNetwork: 'the relay hands out ports of its range on the node address' },
    }),
    layer: 'props', path: 'coturn', field: 'image', hint: /NET_BIND_SERVICE/,
  },
  { name: 'a TeamSpeak 3 server whose license was never accepted', build: teamSpeak({}), layer: 'props', path: 'teamspeak', field: 'image', hint: /TS3SERVER_LICENSE: 'accept'/ },
  {
    name: "Jitsi Meet's web told its public URL at the host of the old server's compose file",
    build: app('web', {
      namespace: 'jitsi', image: 'jitsi/web:stable-9955', env: { PUBLIC_URL: 'https://jitsi.lab.test', DISABLE_HTTPS: '1' }, ports: [{ name: 'http', port: 80 }], route: { host: 'meet' },
      exemptions: { runAsRoot: 'its s6-overlay init starts as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
    }),
    layer: 'props', path: 'web', field: 'env.PUBLIC_URL', hint: /PUBLIC_URL: 'https:\/\/meet\.lab\.test'/,
  },
];
