import { App as CdkApp } from 'cdk8s';
import { AppController, ChartRelease, ClusterChart, flux, Forgejo, Harbor, host, MediaContainers, noNetworkPolicy, SecretReference, site } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// Names the typed constructs make from long or odd, individually valid names the user wrote (an id, a
// site's name, a media container's name), which Helm, Flux or the API server refuses on the derived
// object: each reported once on what the user wrote, with a name that fits in the hint.

/** A name of `length` characters: words of a long, plausible name, cut to length. */
const longName = (length: number): string => 'photo-library-of-the-whole-family-since-the-year-two-thousand-and-one'.slice(0, length).replace(/-$/, 'x');
/** `name` cut to `length`, without the '-' the cut may leave at its end: the name a hint suggests. */
const cut = (name: string, length: number): string => name.slice(0, length).replace(/-+$/, '');

const harbor = (id: string) => guarded((cluster: ClusterChart) => new Harbor(cluster, id, {
  route: { host: 'registry' },
  adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
  internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
}));
const release = (id: string, name?: string) => guarded((cluster: ClusterChart) => new ChartRelease(cluster, id, {
  name, namespace: 'web', network: noNetworkPolicy('the chart picks its own ports'),
  chart: { repository: 'https://charts.lab.test', chart: 'photos', version: '1.2.3' },
}));

/** A Flux cluster `clusterId` of a site named `siteName`, with `flux()` given `name`. */
function fluxCluster(app: CdkApp, siteName: string, clusterId: string, name?: string): ClusterChart {
  const node = host(`${clusterId.slice(0, 20)}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.6.0.1' });
  const own = site(siteName, { domain: 'home.test', hosts: [node], git: { url: 'https://git.home.test/lab.git' } });
  return labCluster(app, clusterId, { site: own, hosts: [node], loadBalancer: undefined, storage: {}, gitops: flux({ name }) });
}

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

export const CASES: BadInput[] = [
  // Helm's 53-character release names
  {
    name: 'Harbor whose id is longer than a Helm release name may be',
    build: harbor(longName(57)), layer: 'props', path: longName(57), field: 'id', hint: new RegExp(`'${cut(longName(57), 53)}'`),
  },
  {
    name: 'ChartRelease named after a long id',
    build: release(longName(60)), layer: 'props', path: longName(60), field: 'id', hint: /at most 53 characters/,
  },
  {
    name: 'ChartRelease whose release name is in upper case',
    build: release('photos', 'Photos'), layer: 'props', path: 'photos', field: 'name', hint: /'photos'/,
  },
  // Flux labels every object it applies with its Kustomization's name, a label value of at most 63 characters
  {
    name: "Flux sync objects named after a long site's name and cluster id",
    build: guarded((_c: ClusterChart, app: CdkApp) => fluxCluster(app, 'family-home-lab-in-the-basement', 'kubernetes-cluster-of-the-basement')),
    layer: 'props', path: 'kubernetes-cluster-of-the-basement', field: 'gitops.name', hint: /flux\(\{ name: '/,
  },
  {
    name: 'flux() given a sync name whose Kustomizations pass 63 characters',
    build: guarded((_c: ClusterChart, app: CdkApp) => fluxCluster(app, 'home', 'main2', longName(58))),
    layer: 'props', path: 'main2', field: 'gitops.name', hint: /at most 54 characters/,
  },
  // The names of Services and Jobs derived from an id: the hint names an id that fits
  {
    name: 'media container whose NodePort Service name passes 63 characters',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', { settings, containers: { [longName(56)]: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989 } } })),
    layer: 'props', path: 'media', field: `containers.${longName(56)}`, hint: new RegExp(`'${cut(longName(56), 54)}'`),
  },
  {
    name: 'CronJob app whose id leaves no room for its Jobs\' suffix',
    build: guarded(labApp(longName(55), { ports: undefined, controller: AppController.cronJob({ schedule: '@daily' }) })),
    layer: 'props', path: longName(55), field: 'id', hint: new RegExp(`'${cut(longName(55), 52)}'`),
  },
  {
    name: 'app with a Service whose id starts with a digit',
    build: guarded(labApp('1password-connect')), layer: 'props', path: '1password-connect', field: 'id', hint: /'password-connect'/,
  },
  // A route's own name names the flavor's route object
  {
    name: 'route named with upper case and an underscore',
    build: guarded(labApp('web', { route: { host: 'www', name: 'Web_Route' } })), layer: 'props', path: 'web', field: 'route.name', hint: /'web-route'/,
  },
  {
    name: 'route added under the Gateway API with a name that is no object name',
    build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addRoute({ host: 'www', name: 'www.' })),
    gatewayCluster: true, layer: 'props', path: 'web', field: 'addRoute(www).name', hint: /'www'/,
  },
  {
    name: "Forgejo whose SSH LoadBalancer Service <id>-lb passes 63 characters",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, longName(62), {
      route: { host: 'git' }, ssh: { loadBalancer: { address: cluster.site.pools.vips.at('10.0.8.12') } },
    })),
    layer: 'props', path: longName(62), field: 'id', hint: /at most 60 characters/,
  },
];
