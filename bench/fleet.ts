import { Construct } from 'constructs';
import {
  App, AppVolume, ClusterChart, declareExternal, flux, gatewayApi, host, metalLb, site, traefik, vlan, ZfsPool,
} from '../constructs';

// A synthetic home lab of realistic shape, built only with the public API: one site, three clusters with
// different route flavors and storage tiers, and `apps` workloads spread over them round robin. Every app
// renders a Deployment (claim mount, node affinity), a Service, a PersistentVolumeClaim and a route.

const lan = vlan('lan', { id: 10, cidr: '10.10.0.0/16', gateway: '10.10.0.1', purpose: 'nodes and services' });
const zfsPools = {
  fast: { media: 'nvme', sizeTerabytes: 3.6 },
  bulk: { media: 'hdd', sizeTerabytes: 18 },
} as const;

const core = [1, 2, 3].map((i) => host(`core-${i}`, {
  arch: 'amd64', roles: i === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.10.1.${i}`,
  cores: 16, memoryGigabytes: 64, zfsPools,
}));
const edge = [1, 2].map((i) => host(`edge-${i}`, {
  arch: 'amd64', roles: i === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.10.2.${i}`,
  cores: 8, memoryGigabytes: 32, zfsPools,
}));
const lab = [1, 2].map((i) => host(`lab-${i}`, {
  arch: 'arm64', roles: i === 1 ? ['control-plane', 'worker'] : ['worker'], address: `10.10.3.${i}`,
  cores: 4, memoryGigabytes: 8,
}));

const bench = site('bench', {
  domain: 'bench.home.arpa',
  hosts: [...core, ...edge, ...lab],
  vlans: { lan },
  pools: { vips: { first: '10.10.8.10', last: '10.10.8.99', vlan: 10 } },
  git: { url: 'ssh://git@git.home.arpa/lab/gitops.git' },
});

// Replicated block storage may follow a pod to any node, so apps on it are spread by affinity.
const replicated = { storageClassName: 'longhorn' };

/** A cluster of the fleet and the node-local pool (if any) its pinned apps keep data on. */
interface FleetCluster {
  readonly chart: ClusterChart;
  readonly localPool?: ZfsPool;
}

/** Replicated storage installed with the distribution. */
const LONGHORN = { source: 'longhorn', provides: { storageClasses: ['longhorn'] } };
/** Cilium as the CNI, with its Gateway API support and the Gateway API CRDs. */
const CILIUM = {
  source: 'cilium',
  crds: [
    { group: 'cilium.io', kinds: ['CiliumNetworkPolicy'] },
    { group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'TCPRoute'] },
  ],
  provides: { gatewayClasses: ['cilium'] },
};

/** The three clusters of the synthetic site. */
function clusters(scope: Construct): FleetCluster[] {
  const [c1] = core;
  const [e1] = edge;
  const edgeRoutes = gatewayApi({ gatewayClassName: 'cilium', address: bench.pools.vips.at('10.10.8.20') });
  const clusterList: FleetCluster[] = [
    { localPool: c1.zfs.bulk, chart: new ClusterChart(scope, 'core', {
      site: bench, hosts: core,
      routes: traefik({ address: bench.pools.vips.at('10.10.8.10'), certResolver: 'letsencrypt' }),
      loadBalancer: metalLb({ pools: [bench.pools.vips] }),
      storage: { fast: replicated, bulk: c1.zfs.bulk },
      gitops: flux({ interval: '10m' }),
      preinstalled: [LONGHORN, { source: 'acme account', provides: { certResolvers: ['letsencrypt'] } }],
    }) },
    { localPool: e1.zfs.bulk, chart: new ClusterChart(scope, 'edge', {
      site: bench, hosts: edge,
      routes: edgeRoutes,
      storage: { fast: replicated, bulk: e1.zfs.bulk },
      gitops: flux({ interval: '10m' }),
      // Cilium's Gateway proxies as the `ingress` entity, which only CiliumNetworkPolicy admits.
      networkPolicy: 'cilium',
      preinstalled: [LONGHORN, CILIUM],
    }) },
    { chart: new ClusterChart(scope, 'lab', {
      site: bench, hosts: lab,
      routes: traefik(),
      storage: { fast: { storageClassName: 'local-path' }, bulk: { storageClassName: 'nfs-csi', accessModes: ['ReadWriteMany'] } },
      gitops: flux({ interval: '1m' }),
      preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'] } }, { source: 'csi-driver-nfs', provides: { storageClasses: ['nfs-csi'] } }],
    }) },
  ];
  // The Gateway's wildcard certificate is issued outside this repository.
  declareExternal(clusterList[1].chart, {
    secrets: [{ namespace: edgeRoutes.gatewayNamespace, name: `${edgeRoutes.gatewayName}-tls` }],
  });
  return clusterList;
}

/** Adds the synthetic site with `apps` apps under `scope`. */
export function defineFleet(scope: Construct, apps: number): void {
  const siteScope = new Construct(scope, bench.name);
  const fleet = clusters(siteScope);
  for (let i = 0; i < apps; i++) {
    const { chart, localPool } = fleet[i % fleet.length];
    const name = `app-${String(i).padStart(5, '0')}`;
    // Every tenth app keeps its data on a node-local ZFS pool and is pinned to that pool's host.
    const pool = i % 10 === 0 ? localPool : undefined;
    new App(chart, name, {
      image: `registry.home.arpa/bench/${name}:1.${i % 50}.${i % 7}`,
      namespace: `team-${i % 20}`,
      ports: [{ name: 'http', port: 8000 + (i % 100) }],
      env: { TZ: 'Europe/Berlin', LOG_LEVEL: i % 3 === 0 ? 'debug' : 'info' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: pool ? 'bulk' : 'fast', size: `${1 + (i % 20)}Gi` }), mountPath: '/data' },
      },
      placement: pool
        ? { zfsPool: pool }
        : { hosts: [...chart.hosts], preferredHost: chart.hosts[i % chart.hosts.length] },
      resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
      route: { host: name },
    });
  }
}
