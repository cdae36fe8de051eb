import { App, AppController, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user archives videos and runs live TV from the README alone: TubeArchivist beside its Elasticsearch and
// Redis, Pinchflat and MeTube, and a media server that looks for an HDHomeRun tuner on the LAN. Each mistake passed
// synthesis and then downloaded, connected or discovered nothing.

/** Where a downloader may connect outside the home: the web. */
const WEB = { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] };

/**
 * TubeArchivist with its Elasticsearch and Redis in namespace `tubearchivist`; `props` replace TubeArchivist's, `egress`
 * its listed egress given the two, `esProps` Elasticsearch's.
 */
const tubeArchivist = (props: Partial<AppProps> = {}, egress: (es: App, redis: App) => AppProps['egress'] = (es, redis) => [es, redis, WEB], esProps: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => {
  const es = new App(cluster, 'archivist-es', {
    namespace: 'tubearchivist', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.18.0', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 9200 }],
    env: { ELASTIC_PASSWORD: SecretReference.external('tubearchivist', 'tubearchivist', 'elastic-password'), 'discovery.type': 'single-node', ES_JAVA_OPTS: '-Xms1g -Xmx1g' },
    resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/usr/share/elasticsearch/data' } },
    exemptions: { writableRootFilesystem: 'the entrypoint writes bootstrap.password into the keystore under /usr/share/elasticsearch/config' },
    ...esProps,
  });
  const redis = new App(cluster, 'archivist-redis', { namespace: 'tubearchivist', image: 'redis:7.4', ports: [{ name: 'redis', port: 6379 }] });
  new App(cluster, 'tubearchivist', {
    image: 'bbilly1/tubearchivist:v0.5.4', ports: [{ name: 'http', port: 8000 }], resources: { memoryLimit: '2Gi' },
    env: {
      ES_URL: 'http://archivist-es:9200', REDIS_CON: 'redis://archivist-redis:6379', TA_USERNAME: 'admin',
      TA_PASSWORD: SecretReference.external('tubearchivist', 'tubearchivist', 'password'),
      ELASTIC_PASSWORD: SecretReference.external('tubearchivist', 'tubearchivist', 'elastic-password'),
    },
    persistence: { cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' } },
    egress: egress(es, redis),
    ...props,
  });
});

export const CASES: BadInput[] = [
  {
    name: "TubeArchivist whose egress lists only its Elasticsearch and Redis, which leaves YouTube out",
    build: tubeArchivist({}, (es, redis) => [es, redis]), layer: 'props', path: 'tubearchivist', field: 'egress', hint: /\{ cidr: '0\.0\.0\.0\/0', ports: \[\{ port: 443 \}/,
  },
  {
    name: 'Pinchflat whose egress opens only the NAS it downloads into',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'pinchflat', {
      image: 'ghcr.io/kieraneglin/pinchflat:v2025.6.6', ports: [{ name: 'http', port: 8945 }],
      egress: [{ cidr: '10.0.0.5/32', ports: [{ port: 2049 }] }],
    })),
    layer: 'props', path: 'pinchflat', field: 'egress', message: /Pinchflat fetches every video/,
  },
  ...([['ES_URL', 'archivist-es:9200', 'http'], ['REDIS_CON', 'archivist-redis:6379', 'redis']] as const).map(([variable, written, scheme]): BadInput => ({
    name: `TubeArchivist's ${variable} written as host and port, without ${scheme}://`,
    build: tubeArchivist({ env: { ES_URL: 'http://archivist-es:9200', REDIS_CON: 'redis://archivist-redis:6379', [variable]: written } }),
    layer: 'props', path: 'tubearchivist', field: `env.${variable}`, hint: new RegExp(`${variable}: '${scheme}://${written}'`),
  })),
  {
    name: "TubeArchivist's Elasticsearch given its password in ELASTIC_PASSWORD on the read-only root",
    build: tubeArchivist({}, undefined, { exemptions: {} }),
    layer: 'props', path: 'archivist-es', field: 'env.ELASTIC_PASSWORD', hint: /writableRootFilesystem/,
  },
  {
    name: 'Jellyfin on the pod network looking for HDHomeRun tuners at the broadcast address',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'jellyfin', {
      image: 'jellyfin/jellyfin:10.10.7', ports: [{ name: 'http', port: 8096 }],
      egress: [{ cidr: '255.255.255.255/32', ports: [{ port: 65001, protocol: 'UDP' }] }, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }],
    })),
    layer: 'props', path: 'jellyfin', field: 'egress[0].cidr', hint: /hostNetwork/, message: /broadcast/,
  },
];
