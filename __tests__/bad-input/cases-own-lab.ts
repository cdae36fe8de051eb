import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { AppController, AppVolume, host, localPathStorage, metalLb, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// A home-labber's own first lab, written from the package README: three machines, a few apps, a backup
// CronJob, and the mistakes of a lab file written in plain JavaScript, where no type stops a prop left out or
// a host named by its text.

/** Any value, as a `.js` lab file passes it. */
const untyped = (value: unknown) => value as never;

/** A cluster `own` of a site `own` whose one host is `own-box`, with `siteProps` over those the site needs. */
const ownSiteCluster = (app: CdkApp, siteProps: Record<string, unknown>) => {
  const box = host('own-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.6.0.5' });
  const own = site('own', { domain: 'own.test', hosts: [box], git: { url: 'https://git.own.test/lab.git' }, ...siteProps } as never);
  return labCluster(app, 'own', { site: own, hosts: [box], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: { local: localPathStorage() } });
};

/** The restic backup of the lab as a CronJob, its controller as `controller` makes it. */
const backup = (controller: () => unknown) => (c: ClusterChart) => labApp('backup', {
  image: 'restic/restic:0.17.1', args: ['snapshots'], ports: [], controller: controller(),
})(c);

export const CASES: BadInput[] = [
  {
    name: 'own lab: a site given no domain in JavaScript, with a routed app, is the one error on the domain',
    build: guarded((_c, app) => labApp('www', { route: { host: 'www' } })(ownSiteCluster(app, { domain: undefined }))),
    layer: 'inventory', path: 'inventory/site/own', field: 'domain',
  },
  {
    name: 'own lab: a claim given no tier in JavaScript names no tier "undefined"',
    build: guarded(labApp('vault', { persistence: { data: { volume: AppVolume.claim(untyped({ size: '1Gi' })), mountPath: '/data' } } })),
    layer: 'references', path: 'vault', field: 'persistence.data.volume.claim.tier', message: /given no tier/, hint: /tier: 'fast'/,
  },
  {
    name: 'own lab: a backup CronJob given no schedule is an error on the app, not on the cluster',
    build: guarded(backup(() => AppController.cronJob(untyped({ timeZone: 'Europe/Berlin' })))),
    layer: 'props', path: 'backup', field: 'controller.props.schedule', hint: /schedule: '0 3 \* \* \*'/,
  },
  {
    name: 'own lab: AppController.cronJob() called with nothing is an error on the app that takes it',
    build: guarded(backup(() => AppController.cronJob(untyped(undefined)))),
    layer: 'props', path: 'backup', field: 'controller.props.schedule',
  },
  {
    name: 'own lab: placement.host written as the host name in capitals names the host meant',
    build: guarded(labApp('vault', { placement: { host: untyped('GPU1') } })),
    layer: 'props', path: 'vault', field: 'placement.host', hint: /"GPU1" names host\('gpu1', …\)/,
  },
  {
    name: 'own lab: placement.hosts written as host names names each host meant',
    build: guarded(labApp('vault', { placement: { hosts: untyped(['Arm1']) } })),
    layer: 'props', path: 'vault', field: 'placement.hosts[0]', hint: /host\('arm1', …\)/,
  },
  {
    name: 'own lab: placement.preferredHost written as a host name names the host meant',
    build: guarded(labApp('vault', { placement: { preferredHost: untyped('gpu1') } })),
    layer: 'props', path: 'vault', field: 'placement.preferredHost', hint: /host\('gpu1', …\)/,
  },
  {
    name: "own lab: a cluster's hosts written as names name the hosts meant",
    build: guarded((_c, app) => labCluster(app, 'own', { hosts: untyped(['GPU1']) })),
    layer: 'props', path: 'own', field: 'hosts[0]', hint: /host\('gpu1', …\)/,
  },
  {
    name: 'own lab: placement by a node label the nodes do not have is answered with workload roles',
    build: guarded(labApp('vault', { placement: untyped({ nodeSelector: { disk: 'ssd' } }) })),
    layer: 'props', path: 'vault', field: 'placement.nodeSelector', hint: /workloadRoles: \['media'\][\s\S]*placement: \{ workloadRole: 'media' \}/,
  },
  {
    name: 'own lab: node labels written in placement are answered with workload roles',
    build: guarded(labApp('vault', { placement: untyped({ nodeLabels: { 'homelab/storage': 'fast' } }) })),
    layer: 'props', path: 'vault', field: 'placement.nodeLabels', hint: /workloadRoles/,
  },
  {
    name: "own lab: placement.arch written as uname's aarch64 is answered with arm64",
    build: guarded(labApp('vault', { placement: { arch: untyped('aarch64') } })),
    layer: 'inventory', path: 'vault', field: 'placement.arch', hint: /did you mean 'arm64'\?/,
  },
  {
    name: "own lab: placement.arch written as uname's x86_64 is answered with amd64",
    build: guarded(labApp('vault', { placement: { arch: untyped('x86_64') } })),
    layer: 'inventory', path: 'vault', field: 'placement.arch', hint: /did you mean 'amd64'\?/,
  },
  {
    name: 'own lab: AppVolume.hostPath() called with no path in JavaScript is an error on the volume, not a schema error',
    build: guarded(labApp('media', { persistence: { media: { volume: AppVolume.hostPath(untyped(undefined)), mountPath: '/media' } }, exemptions: { hostPath: 'the media disk of the node' } })),
    layer: 'props', path: 'media', field: 'persistence.media.volume', message: /given no path/, hint: /AppVolume\.hostPath\('\/srv\/media'\)/,
  },
  {
    name: 'own lab: AppVolume.hostPath() given an empty path is an error on the volume',
    build: guarded(labApp('media', { persistence: { media: { volume: AppVolume.hostPath(''), mountPath: '/media' } }, exemptions: { hostPath: 'the media disk of the node' } })),
    layer: 'props', path: 'media', field: 'persistence.media.volume', message: /given an empty path/,
  },
  {
    name: "own lab: MetalLB's pools written as their names name the pool meant",
    build: guarded((_c, app) => labCluster(app, 'own', { loadBalancer: metalLb({ pools: untyped(['vips']) }) })),
    layer: 'props', path: 'own', field: 'loadBalancer.pools[0]', hint: /"vips" names pool vips of site\('lab', …\): pass the pool object, <site>\.pools\.vips/,
  },
  {
    name: "own lab: Traefik's address written as text names the pool that holds it",
    build: guarded((_c, app) => labCluster(app, 'own', { routes: traefik({ address: untyped('10.0.8.15') }) })),
    layer: 'props', path: 'own', field: 'routes.address', hint: /<site>\.pools\.vips\.at\('10\.0\.8\.15'\)/,
  },
  {
    name: "own lab: an app's load-balancer address written as text names the pool that holds it",
    build: guarded(labApp('dns', { loadBalancer: { address: untyped('10.0.4.53'), ports: ['http'] } })),
    layer: 'props', path: 'dns', field: 'loadBalancer.address', hint: /<site>\.pools\.dns\.at\('10\.0\.4\.53'\)/,
  },
];
