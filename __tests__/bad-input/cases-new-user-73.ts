import { AppController, AppVolume, ClusterChart, HomelabApp } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user adds the rest of a media stack from the README alone: Recyclarr and Kometa as the scheduled jobs they
// are, beside SABnzbd, Unpackerr, Tautulli and FlareSolverr. Each mistake passed synthesis and then never completed a
// run, or ran one again and again in CrashLoopBackOff.

/** An App `id` of the media namespace with a config claim; `props` give its image, words and controller. */
const mediaTool = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, id, {
  namespace: 'media', image: 'ghcr.io/recyclarr/recyclarr:7.4.0',
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
  ...props,
} as AppProps));
const NIGHTLY = AppController.cronJob({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });

/** Tdarr's server serving `ports` and a node that reaches it at `serverIP: tdarr` and `serverPort: 8266`. */
const tdarr = (ports: AppProps['ports']) => guarded((cluster: ClusterChart) => {
  const server = new HomelabApp(cluster, 'tdarr', {
    namespace: 'media', image: 'ghcr.io/haveagitgat/tdarr:2.27.02', ports, runAsUser: 1000, runAsGroup: 1000,
    env: { serverIP: '0.0.0.0', serverPort: '8266', webUIPort: '8265' },
    persistence: { server: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/server' } },
  });
  new HomelabApp(cluster, 'tdarr-node', {
    namespace: 'media', image: 'ghcr.io/haveagitgat/tdarr_node:2.27.02', ports: [{ name: 'node', port: 8267 }], runAsUser: 1000, runAsGroup: 1000,
    env: { serverIP: 'tdarr', serverPort: '8266', nodeName: 'gpu1-node' }, egress: [server],
  });
});

export const CASES: BadInput[] = [
  {
    name: "Unpackerr told the *arr app's /data/downloads while its volume is mounted at /downloads",
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'unpackerr', {
      namespace: 'media', image: 'ghcr.io/unpackerr/unpackerr:0.14.5', runAsUser: 1000, runAsGroup: 1000,
      env: { UN_SONARR_0_URL: 'http://sonarr:8989', UN_SONARR_0_PATHS_0: '/data/downloads' },
      persistence: { downloads: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/downloads' } },
    })),
    layer: 'props', path: 'unpackerr', field: 'env.UN_SONARR_0_PATHS_0', hint: /mountPath: '\/data\/downloads'/,
  },
  {
    name: "Tdarr's server declaring its web UI port alone, while the nodes call its server port",
    build: tdarr([{ name: 'http', port: 8265 }]),
    layer: 'references', path: 'tdarr-node', field: 'env.serverPort', message: /port 8266, which the Service does not serve/,
  },
  {
    name: 'Recyclarr as a CronJob with no command, which starts its own cron and never exits',
    build: mediaTool('recyclarr', { controller: NIGHTLY }),
    layer: 'props', path: 'recyclarr', field: 'image', hint: /args: \['sync'\]/,
  },
  {
    name: 'Kometa as a CronJob without --run, which waits for its own KOMETA_TIME',
    build: mediaTool('kometa', { image: 'kometateam/kometa:v2.1.0', controller: NIGHTLY, env: { KOMETA_CONFIG: '/config/config.yml' } }),
    layer: 'props', path: 'kometa', field: 'image', hint: /args: \['--run'\]/,
  },
  {
    name: "linuxserver.io's Kometa as a CronJob with KOMETA_RUN false, as its compose example writes it",
    build: mediaTool('kometa', { image: 'lscr.io/linuxserver/kometa:v2.1.0', controller: NIGHTLY, env: { KOMETA_RUN: 'false', KOMETA_TIME: '03:00' } }),
    layer: 'props', path: 'kometa', field: 'image', message: /never completes/,
  },
  {
    name: "Recyclarr as a Deployment with compose's `run --rm recyclarr sync` words",
    build: mediaTool('recyclarr', { args: ['sync'] }),
    layer: 'props', path: 'recyclarr', field: 'args', hint: /AppController\.cronJob/,
  },
  {
    name: 'Kometa as a Deployment told KOMETA_RUN, which runs one pass and exits',
    build: mediaTool('kometa', { image: 'kometateam/kometa:v2.1.0', env: { KOMETA_RUN: 'true' } }),
    layer: 'props', path: 'kometa', field: 'env.KOMETA_RUN', message: /CrashLoopBackOff/,
  },
];
