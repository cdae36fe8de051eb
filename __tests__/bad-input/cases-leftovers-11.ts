import { MediaContainers, useCertManager } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, raw } from './lab';

// A `${VAR}` of Flux's postBuild substitution, left in an object brought from a repository whose Kustomizations
// replaced it, is refused on its field with the hint to write the value itself (and with no other error there).

/** Media settings of a lab: the folders on the host and who owns them. */
const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

const SERVICE = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };

export const CASES: BadInput[] = [
  {
    name: "a Flux placeholder as an object's namespace",
    build: (cluster: ClusterChart) => {
      const deployment = goodDeployment('web');
      (deployment.metadata as Record<string, unknown>).namespace = '${NAMESPACE}';
      raw(cluster, 'web', deployment);
    },
    layer: 'references', path: 'web', field: 'metadata.namespace', hint: /write the value itself/,
  },
  {
    name: "a Flux placeholder in an Ingress's host",
    build: (cluster: ClusterChart) => {
      raw(cluster, 'web', goodDeployment('web'));
      raw(cluster, 'svc', SERVICE);
      raw(cluster, 'ing', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
        spec: { ingressClassName: 'traefik', rules: [{ host: 'echo.${SECRET_DOMAIN}', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
      });
    },
    layer: 'references', path: 'ing', field: 'spec.rules[0].host', hint: /write the value itself/,
  },
  // A media container's data folder is told with the props of its entry (configDir, volumes, environment), not
  // the App's `persistence`, which its user never writes.
  {
    name: "a media container whose image writes its data folder at its first start, with nothing mounted there, named as the entry's props write it",
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings, containers: { kuma: { image: 'deluan/navidrome:0.53.3', listenPort: 4533, configDir: false } },
    })),
    layer: 'props', path: 'media/kuma', field: 'image', hint: /^mount a host folder there: configDir: '\/data' .*volumes.*environment\.ND_DATAFOLDER$/,
  },
  {
    name: "a media container's data folder mounted read-only, on the entry of volumes that mounts it",
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
      settings, containers: { kuma: { image: 'deluan/navidrome:0.53.3', listenPort: 4533, volumes: ['/srv/navidrome:/data:ro'] } },
    })),
    layer: 'props', path: 'media/kuma', field: 'volumes[0]', hint: /^mount it read-write: '\/srv\/navidrome:\/data'/,
  },
];

// A top-level key of addValues that a chart the library pins does not have, but that is a near miss of one of
// its values.yaml, is refused with the key meant: Helm would install the chart without it, without a word.
CASES.push(
  {
    name: "a misspelt top-level key of MetalLB's chart in addValues",
    build: (cluster: ClusterChart) => cluster.platform.get('metallb')?.addValues({ speker: { ignoreExcludeLB: true } }),
    layer: 'props', path: 'platform/installs/metallb', field: 'addValues.speker', hint: /^did you mean speaker\?/,
  },
  {
    name: "a top-level key of cert-manager's chart written in the singular in addValues",
    build: (cluster: ClusterChart) => useCertManager(cluster).addValues({ dns01RecursiveNameserver: '1.1.1.1:53' }),
    layer: 'props', path: 'platform/installs/cert-manager', field: 'addValues.dns01RecursiveNameserver', hint: /^did you mean dns01RecursiveNameservers\?/,
  },
);
