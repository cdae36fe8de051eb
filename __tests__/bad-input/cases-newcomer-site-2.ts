import { App as CdkApp } from 'cdk8s';
import { App, AppVolume, cilium, ClusterChart, externalHost, ExternalService, flux, gatewayApi, host, localPathStorage, metalLb, site, traefik, vlan } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, raw } from './lab';

// A newcomer's first site, cluster and fleet, written from the README alone: a NUC with a ZFS pool, a
// Raspberry Pi, a NAS that is a host of the site but of no cluster yet, one VLAN and an address pool. Each
// case changes one thing of the inventory, the cluster chart or the fleet the way such a user writes it.

/** The parts of the site `home`, for a case's changes. */
export interface HomeParts {
  readonly nuc: any;
  readonly pi: any;
  readonly nas: any;
  readonly home: any;
}

/** What a case changes: facts of the site, the cluster's props, the apps. */
export interface HomeChange {
  readonly site?: Record<string, unknown>;
  readonly nuc?: Record<string, unknown>;
  readonly pi?: Record<string, unknown>;
  readonly cluster?: (parts: HomeParts) => Record<string, unknown>;
  readonly apps?: (cluster: ClusterChart, parts: HomeParts) => void;
}

/** The site `home` with its cluster `home` (nuc and pi), `change` applied, built into `app`. */
export function homeParts(app: CdkApp, change: HomeChange = {}): { parts: HomeParts; cluster: ClusterChart } {
  const lan = vlan('lan', { id: 10, cidr: '192.168.1.0/24', gateway: '192.168.1.1' });
  const nuc: any = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', zfsPools: { tank: { media: 'hdd' } }, ...change.nuc } as any);
  const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11', ...change.pi } as any);
  const nas = host('nas', { arch: 'amd64', roles: ['worker'], address: '192.168.1.12', zfsPools: { big: { media: 'hdd' } } });
  const home: any = site('home', {
    domain: 'home.example.com', hosts: [nuc, pi, nas], vlans: { lan }, git: { url: 'https://git.example.com/me/home.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250', vlan: 10 } },
    ...change.site,
  } as any);
  const parts = { nuc, pi, nas, home };
  const cluster = new ClusterChart(app, 'home', {
    site: home, hosts: [nuc, pi], gitops: flux(),
    storage: { fast: localPathStorage(), bulk: nuc.zfs.tank },
    routes: traefik({ address: home.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [home.pools.vips] }),
    ...change.cluster?.(parts),
  } as any);
  change.apps?.(cluster, parts);
  return { parts, cluster };
}

/** The site `home` with `change`, as a corpus build. */
export function homeSite(change: HomeChange = {}): BadInput['build'] {
  return guarded((_c: ClusterChart, app: CdkApp) => {
    homeParts(app, change);
  });
}

/** An app `files` with a claim of `size` on `tier`. */
export const files = (tier: string) => (cluster: ClusterChart) => new App(cluster, 'files', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
  persistence: { data: { volume: AppVolume.claim({ tier, size: '1Gi' }), mountPath: '/data' } },
});

export const CASES: BadInput[] = [
  {
    name: 'a storage tier on the ZFS pool of a host of the site that is no host of the cluster',
    build: homeSite({ cluster: ({ nuc, nas }) => ({ storage: { fast: localPathStorage(), bulk: nuc.zfs.tank, archive: nas.zfs.big } }), apps: files('archive') }),
    layer: 'inventory', path: 'home/storage/big', field: 'parameters.poolname', hint: /add nas to the cluster's hosts, or give the storage tier a pool of one of its hosts \(nuc: tank; pi: none\)/,
  },
  {
    name: 'a claim on a cluster that declares no storage tier',
    build: homeSite({ cluster: () => ({ storage: {} }), apps: files('fast') }),
    layer: 'references', path: 'home/files', field: 'persistence.data.volume.claim.tier', hint: /declares no storage tier: give it one, e.g. storage: \{ fast: nuc\.zfs\.tank \}/,
  },
  {
    name: 'a site domain written with the trailing dot of a zone file',
    build: homeSite({ site: { domain: 'home.example.com.' } }),
    layer: 'inventory', path: 'inventory/site/home', field: 'domain', hint: /domain: 'home\.example\.com'/,
  },
  {
    name: 'a cluster domain written in capitals, as a router shows it',
    build: homeSite({ cluster: () => ({ domain: 'Apps.Home.example.com' }) }),
    layer: 'props', path: 'home', field: 'domain', hint: /domain: 'apps\.home\.example\.com'/,
  },
  {
    name: "Gateway API routes on Cilium's GatewayClass, the CRDs installed by hand, without Cilium's Gateway API turned on",
    build: homeSite({
      cluster: ({ home }) => ({
        cni: cilium({ k8sServiceHost: '192.168.1.10', k8sServicePort: 6443 }), networkPolicy: 'cilium', routes: gatewayApi({ gatewayClassName: 'cilium', address: home.pools.vips.at('192.168.1.240') }),
        preinstalled: [{ source: 'Gateway API CRDs', crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute'] }] }],
      }),
      apps: (cluster) => new App(cluster, 'whoami', { image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' } }),
    }),
    layer: 'references', path: 'home/gateway', field: 'spec.gatewayClassName', hint: /cni: cilium\(\{ gatewayApi: \{\} \}\)/,
  },
  {
    name: "Gateway API CRDs that no choice of the cluster installs",
    build: homeSite({
      cluster: ({ home }) => ({ cni: cilium({ k8sServiceHost: '192.168.1.10', k8sServicePort: 6443 }), networkPolicy: 'cilium', routes: gatewayApi({ gatewayClassName: 'cilium', address: home.pools.vips.at('192.168.1.240') }) }),
    }),
    layer: 'references', path: 'home/gateway', field: 'apiVersion', hint: /cni: cilium\(\{ gatewayApi: \{\} \}\), whose Gateway API installs these CRDs/,
  },
  {
    name: 'a taint without its effect, the part after the colon in kubectl taint',
    build: homeSite({ pi: { taints: [{ key: 'dedicated', value: 'media' }] } }),
    layer: 'inventory', path: 'inventory/host/pi', field: 'taints[0].effect', hint: /give effect: 'NoSchedule'.*dedicated=media:NoSchedule/,
  },
  {
    name: 'a storage tier on a ZFS pool misspelt, which reads as undefined',
    build: homeSite({ cluster: ({ nuc }) => ({ storage: { fast: localPathStorage(), bulk: nuc.zfs.tnak } }) }),
    layer: 'props', path: 'home', field: 'storage.bulk', hint: /a pool of the cluster's hosts \(nuc\.zfs\.tank\)/,
  },
  {
    name: "K3s declared as a plain preinstalled entry of its name, not with k3s()",
    build: homeSite({ cluster: () => ({ preinstalled: [{ source: 'k3s' }] }) }),
    layer: 'props', path: 'home', field: 'preinstalled[0]', hint: /write preinstalled\[0\]: k3s\(\)/,
  },
  {
    name: 'Talos declared as the text of its name in preinstalled',
    build: homeSite({ cluster: () => ({ preinstalled: ['Talos'] }) }),
    layer: 'props', path: 'home', field: 'preinstalled[0]', hint: /write preinstalled\[0\]: talos\(\)/,
  },
  {
    name: 'a hand-written HTTPRoute on a cluster that routes with Traefik',
    build: (c) => {
      raw(c, 'workload', goodDeployment());
      raw(c, 'route', httpRoute('traefik-gateway', 'traefik'));
    },
    layer: 'references', path: 'route', field: 'spec.parentRefs[0].name', hint: /cluster "main" has no Gateway \(its routes flavor is traefik\): route an App by its route: \{ host \}/,
  },
  {
    name: 'an HTTPRoute that names a Gateway the cluster does not have',
    gatewayCluster: true,
    build: (c) => {
      raw(c, 'workload', goodDeployment());
      raw(c, 'route', httpRoute('gateway', 'gateway'));
    },
    layer: 'references', path: 'route', field: 'spec.parentRefs[0].name', hint: /attach to a Gateway of the cluster: name: 'main-gateway', namespace: 'gateway'/,
  },
  {
    name: 'networkPolicy given the name of the CNI, Calico',
    build: homeSite({ cluster: () => ({ networkPolicy: 'calico' }) }),
    layer: 'props', path: 'home', field: 'networkPolicy', hint: /write networkPolicy: 'kubernetes'.*podNetwork: \{ name: 'Calico', enforcesNetworkPolicies: true \}/,
  },
  {
    name: "an ExternalService naming a port the site's machine does not list",
    build: homeSite(nasService('http')),
    layer: 'props', path: 'home/synology', field: 'service', hint: /name one of them, e\.g\. service: 'nfs', or add http to the machine's ports/,
  },
];

/** An HTTPRoute `web` in namespace `web` to the Service `web`, attached to Gateway `gateway` of `namespace`. */
function httpRoute(gateway: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
    spec: { parentRefs: [{ name: gateway, namespace }], hostnames: ['web.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
  };
}

/** The site with its NAS `synology` among the machines outside Kubernetes, and an ExternalService of its port `service`. */
export function nasService(service: string): HomeChange {
  const synology = externalHost('synology', { address: '192.168.1.5', ports: { nfs: 2049, web: 5000 } });
  return {
    site: { externalHosts: { synology } },
    apps: (cluster) => new ExternalService(cluster, 'synology', { host: synology, service }),
  };
}
