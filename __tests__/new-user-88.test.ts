import type { Construct } from 'constructs';
import {
  App, AppController, AppVolume, ClusterChart, flux, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, k3s, localPathStorage, metalLb, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps } from '../constructs';
import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { recordConstructionError } from '../constructs/validation/construction-errors';
import { aboutTheLab, manifestsOf, synthInMemory, unwrittenOutdir } from './support/synth';

// A newcomer's video archive and live TV from the README alone: TubeArchivist beside its Elasticsearch and Redis,
// Pinchflat and MeTube downloading into the NAS, ErsatzTV and Tunarr making channels with Intel transcoding, Threadfin
// serving an IPTV list, and Jellyfin playing them all as Live TV beside an HDHomeRun tuner on the LAN.

const box = host('nu88-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.88.10', cores: 8, memoryGigabytes: 32, gpus: [{ vendor: 'intel' }] });
const lab = site('nu88', {
  domain: 'tv.nu88.example.net', hosts: [box],
  pools: { vips: { first: '192.168.88.240', last: '192.168.88.250' } },
  nfs: { media: { server: '192.168.88.5', path: '/volume1/media' } },
  git: { url: 'https://github.com/nu88/tv-lab.git' },
});

/** Where the downloaders may connect outside the home: the web, over HTTPS and HTTP. */
const WEB = { cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 80 }] };

/** Props of an app of the lab, each with its own config claim; `extra` adds or replaces. */
const channelMaker = (image: string, port: number, configPath: string, extra: Partial<AppProps> = {}): AppProps => ({
  image, ports: [{ name: 'http', port }], gpu: { vendor: 'intel', renderGroup: 104 },
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: configPath } },
  ...extra,
});

/**
 * The lab; `tubeArchivist` and `elasticsearch` replace props of TubeArchivist and its Elasticsearch, `webClosed` leaves
 * the web out of TubeArchivist's egress, `tunersClosed` leaves Jellyfin out of the channel makers' policies, `extra` adds apps.
 */
const defineLab = (options: {
  tubeArchivist?: Partial<AppProps>; elasticsearch?: Partial<AppProps>; webClosed?: boolean; tunersClosed?: boolean; extra?: (cluster: ClusterChart) => void;
} = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.88.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const esPassword = SecretReference.external('tubearchivist', 'tubearchivist', 'elastic-password');
  const es = new App(cluster, 'archivist-es', {
    namespace: 'tubearchivist', image: 'docker.elastic.co/elasticsearch/elasticsearch:8.18.0', controller: AppController.statefulSet(),
    ports: [{ name: 'http', port: 9200 }],
    env: { ELASTIC_PASSWORD: esPassword, ES_JAVA_OPTS: '-Xms1g -Xmx1g', 'xpack.security.enabled': 'true', 'discovery.type': 'single-node', 'path.repo': '/usr/share/elasticsearch/data/snapshot' },
    resources: { memoryLimit: '2Gi' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/usr/share/elasticsearch/data' } },
    exemptions: { writableRootFilesystem: 'the entrypoint writes bootstrap.password into the keystore under /usr/share/elasticsearch/config' },
    ...options.elasticsearch,
  });
  const redis = new App(cluster, 'archivist-redis', {
    namespace: 'tubearchivist', image: 'redis:7.4', ports: [{ name: 'redis', port: 6379 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
  new App(cluster, 'tubearchivist', {
    image: 'bbilly1/tubearchivist:v0.5.4', ports: [{ name: 'http', port: 8000 }],
    env: {
      ES_URL: 'http://archivist-es:9200', REDIS_CON: 'redis://archivist-redis:6379',
      TA_HOST: 'https://tubearchivist.tv.nu88.example.net', TA_USERNAME: 'admin',
      TA_PASSWORD: SecretReference.external('tubearchivist', 'tubearchivist', 'password'), ELASTIC_PASSWORD: esPassword, TZ: 'Europe/Berlin',
    },
    resources: { memoryLimit: '2Gi' },
    persistence: {
      youtube: { volume: AppVolume.nfs(lab.nfs.media, 'youtube'), mountPath: '/youtube' },
      cache: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/cache' },
    },
    egress: options.webClosed === true ? [es, redis] : [es, redis, WEB],
    route: { host: 'tubearchivist' },
    ...options.tubeArchivist,
  });
  new App(cluster, 'pinchflat', {
    image: 'ghcr.io/kieraneglin/pinchflat:v2025.6.6', ports: [{ name: 'http', port: 8945 }], env: { TZ: 'Europe/Berlin' },
    persistence: {
      config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' },
      downloads: { volume: AppVolume.nfs(lab.nfs.media, 'youtube'), mountPath: '/downloads' },
    },
    route: { host: 'pinchflat' },
  });
  new App(cluster, 'metube', {
    image: 'ghcr.io/alexta69/metube:2025-06-01', ports: [{ name: 'http', port: 8081 }],
    persistence: { downloads: { volume: AppVolume.nfs(lab.nfs.media, 'metube'), mountPath: '/downloads' } },
    route: { host: 'metube' },
  });
  const ersatztv = new App(cluster, 'ersatztv', channelMaker('jasongdove/ersatztv:v25.2.0-vaapi', 8409, '/config', { route: { host: 'ersatztv' } }));
  const tunarr = new App(cluster, 'tunarr', channelMaker('chrisbenincasa/tunarr:1.1.0', 8000, '/config/tunarr', { route: { host: 'tunarr' } }));
  const threadfin = new App(cluster, 'threadfin', {
    image: 'fyb3roptik/threadfin:1.2.35', ports: [{ name: 'http', port: 34400 }],
    persistence: { conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/threadfin/conf' } },
    route: { host: 'threadfin' },
  });
  const jellyfin = new Jellyfin(cluster, 'jellyfin', {
    media: JellyfinMedia.nfs(lab.nfs.media), hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: 104 }), route: { host: 'jellyfin' },
  });
  if (options.tunersClosed !== true) {
    [ersatztv, tunarr, threadfin].forEach((channels) => channels.addAllowFrom(jellyfin));
  }
  options.extra?.(cluster);
};

/** The findings of a lab, its own (not the site's placeholders); props refused as the app is built are findings too, as synth makes them. */
const findingsOf = (define: (scope: Construct) => void) => {
  const app = new CdkApp();
  try {
    define(app);
  } catch (error) {
    recordConstructionError(app, error);
  }
  return aboutTheLab(synthesize(app, { outdir: unwrittenOutdir(), write: false }).findings);
};

describe("a newcomer's video archive and live TV", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu88/main');
  const policy = (namespace: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === namespace && o.metadata.name === namespace);

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("TubeArchivist's listed egress reaches Elasticsearch, Redis and the web", () => {
    const egress = policy('tubearchivist').spec.egress;
    expect(egress).toEqual(expect.arrayContaining([expect.objectContaining({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] })]));
  });

  test("each channel maker's policy admits Jellyfin", () => {
    for (const namespace of ['ersatztv', 'tunarr', 'threadfin']) {
      expect(JSON.stringify(policy(namespace).spec.ingress)).toContain('"kubernetes.io/metadata.name":"jellyfin"');
    }
  });

  test('TubeArchivist whose egress lists only its Elasticsearch and Redis is an error on egress: it could download nothing', () => {
    expect(findingsOf(defineLab({ webClosed: true })).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual([expect.stringMatching(/^error main\/tubearchivist egress: add \{ cidr: '0\.0\.0\.0\/0', ports: \[\{ port: 443 \}/)]);
  });

  test('a downloader that goes out through a proxy, or through a VPN endpoint it lists, is left alone', () => {
    const viaProxy = defineLab({
      webClosed: true,
      tubeArchivist: { env: { ES_URL: 'http://archivist-es:9200', REDIS_CON: 'redis://archivist-redis:6379', HTTPS_PROXY: 'http://192.168.88.3:3128' } },
    });
    expect(findingsOf(viaProxy).filter((f) => f.field === 'egress')).toEqual([]);
    const viaVpn = defineLab({
      extra: (cluster) => new App(cluster, 'metube-vpn', {
        image: 'alexta69/metube:2025-06-01', ports: [{ name: 'http', port: 8081 }], egress: [{ cidr: '198.51.100.7/32', ports: [{ port: 51820, protocol: 'UDP' }] }],
      }),
    });
    expect(findingsOf(viaVpn)).toEqual([]);
    const viaYtDlpProxy = defineLab({
      extra: (cluster) => new App(cluster, 'metube-proxied', {
        image: 'ghcr.io/alexta69/metube:2025-06-01', ports: [{ name: 'http', port: 8081 }], egress: [{ cidr: '192.168.88.3/32', ports: [{ port: 3128 }] }],
        env: { YTDL_OPTIONS: '{"proxy": "http://192.168.88.3:3128"}' },
      }),
    });
    expect(findingsOf(viaYtDlpProxy).filter((f) => f.field === 'egress')).toEqual([]);
  });

  test("channel makers whose policies leave Jellyfin out are one warning each, on their allowFrom", () => {
    expect(findingsOf(defineLab({ tunersClosed: true })).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`)).toEqual(
      ['ersatztv', 'tunarr', 'threadfin'].map((app) => `warning main/${app} allowFrom: admit it where ${app} is declared: allowFrom: [jellyfin] (or ${app}.addAllowFrom(jellyfin)); leave it where that link is not used`),
    );
  });

  test('a second Tunarr that Jellyfin does not reach, beside the one it does, is left alone: it serves another media server', () => {
    const second = defineLab({ extra: (cluster) => new App(cluster, 'tunarr-kids', channelMaker('ghcr.io/chrisbenincasa/tunarr:1.1.0', 8000, '/config/tunarr')) });
    expect(findingsOf(second)).toEqual([]);
  });

  test("Elasticsearch given ELASTIC_PASSWORD on the read-only root is an error on it: the entrypoint cannot write its keystore", () => {
    expect(findingsOf(defineLab({ elasticsearch: { exemptions: {} } })).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual([expect.stringMatching(/^error main\/archivist-es env\.ELASTIC_PASSWORD: let it write there: exemptions: \{ writableRootFilesystem: /)]);
  });

  test("TubeArchivist told to chown its downloads (HOST_UID, HOST_GID) into an NFS export is a warning on HOST_UID: NFS refuses chown", () => {
    const chowning = defineLab({
      tubeArchivist: { env: { ES_URL: 'http://archivist-es:9200', REDIS_CON: 'redis://archivist-redis:6379', HOST_UID: '1000', HOST_GID: '1000' } },
    });
    expect(findingsOf(chowning).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual([expect.stringMatching(/^warning main\/tubearchivist env\.HOST_UID: leave HOST_UID and HOST_GID out/)]);
  });
});
