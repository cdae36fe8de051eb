import { Construct } from 'constructs';
import {
  App, AppVolume, buildFleet, ClusterChart, ClusterDefinition, declareExternal, FleetDefinition, flux, gatewayApi, host,
  metalLb, site, traefik, vlan, ZfsPool,
} from '../constructs';

// A synthetic home lab of realistic shape, built only with the public API: four sites of three clusters
// each (core, edge, lab) with different route flavors and storage tiers, and apps spread over the twelve
// clusters round robin. Every app renders a Deployment (claim mount, node affinity), a Service, a
// PersistentVolumeClaim, a NetworkPolicy and a route.

/** Sites of the fleet. */
const SITES = 4;
/** The clusters of each site. */
const KINDS = ['core', 'edge', 'lab'] as const;
/** Clusters of the fleet. */
export const BENCH_CLUSTERS = SITES * KINDS.length;

/** One app of the fleet: its number and its image version. */
export interface BenchApp {
  /** The app's number: it names the app, its namespace and port. */
  readonly index: number;
  /** Image version. */
  readonly version: string;
}

/** The apps of cluster `cluster` in a fleet of `apps` apps: app i lives in cluster i mod {@link BENCH_CLUSTERS}. */
export function benchApps(apps: number, cluster: number): BenchApp[] {
  const list: BenchApp[] = [];
  for (let i = cluster; i < apps; i += BENCH_CLUSTERS) {
    list.push({ index: i, version: `1.${i % 50}.${i % 7}` });
  }
  return list;
}

/** Output folder of cluster `cluster`. */
export function benchFolder(cluster: number): string {
  return `bench-${Math.floor(cluster / KINDS.length)}/${KINDS[cluster % KINDS.length]}`;
}

const zfsPools = {
  fast: { media: 'nvme', sizeTerabytes: 3.6 },
  bulk: { media: 'hdd', sizeTerabytes: 18 },
} as const;

function benchSite(index: number) {
  const net = 10 + index;
  const lan = vlan('lan', { id: 10, cidr: `10.${net}.0.0/16`, gateway: `10.${net}.0.1`, purpose: 'nodes and services' });
  const group = (prefix: string, third: number, count: number, props: { arch: 'amd64' | 'arm64'; cores: number; memoryGigabytes: number; zfs: boolean }) =>
    Array.from({ length: count }, (_, i) => host(`${prefix}-${i + 1}`, {
      arch: props.arch, roles: i === 0 ? ['control-plane', 'worker'] : ['worker'], address: `10.${net}.${third}.${i + 1}`,
      cores: props.cores, memoryGigabytes: props.memoryGigabytes, ...(props.zfs ? { zfsPools } : {}),
    }));
  const core = group('core', 1, 3, { arch: 'amd64', cores: 16, memoryGigabytes: 64, zfs: true });
  const edge = group('edge', 2, 2, { arch: 'amd64', cores: 8, memoryGigabytes: 32, zfs: true });
  const lab = group('lab', 3, 2, { arch: 'arm64', cores: 4, memoryGigabytes: 8, zfs: false });
  const inventory = site(`bench-${index}`, {
    domain: `bench-${index}.home.arpa`,
    hosts: [...core, ...edge, ...lab],
    vlans: { lan },
    pools: { vips: { first: `10.${net}.8.10`, last: `10.${net}.8.99`, vlan: 10 } },
    git: { url: 'ssh://git@git.home.arpa/lab/gitops.git' },
  });
  return { inventory, core, edge, lab, net };
}

const SITE_INVENTORY = Array.from({ length: SITES }, (_, i) => benchSite(i));

// Replicated block storage may follow a pod to any node, so apps on it are spread by affinity.
const replicated = { storageClassName: 'longhorn' };
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

/** A cluster chart of the fleet and the node-local pool (if any) its pinned apps keep data on. */
function clusterChart(scope: Construct, cluster: number): { chart: ClusterChart; localPool?: ZfsPool; nodeLocalFast?: boolean } {
  const { inventory, core, edge, lab, net } = SITE_INVENTORY[Math.floor(cluster / KINDS.length)];
  switch (KINDS[cluster % KINDS.length]) {
    case 'core':
      return { localPool: core[0].zfs.bulk, chart: new ClusterChart(scope, 'core', {
        site: inventory, hosts: core,
        routes: traefik({ address: inventory.pools.vips.at(`10.${net}.8.10`), certResolver: 'letsencrypt' }),
        loadBalancer: metalLb({ pools: [inventory.pools.vips] }),
        storage: { fast: replicated, bulk: core[0].zfs.bulk },
        gitops: flux({ interval: '10m' }),
        preinstalled: [LONGHORN, { source: 'acme account', provides: { certResolvers: ['letsencrypt'] } }],
      }) };
    case 'edge': {
      const routes = gatewayApi({ gatewayClassName: 'cilium', address: inventory.pools.vips.at(`10.${net}.8.20`) });
      const chart = new ClusterChart(scope, 'edge', {
        site: inventory, hosts: edge,
        routes,
        storage: { fast: replicated, bulk: edge[0].zfs.bulk },
        gitops: flux({ interval: '10m' }),
        // Cilium's Gateway proxies as the `ingress` entity, which only CiliumNetworkPolicy admits.
        networkPolicy: 'cilium',
        preinstalled: [LONGHORN, CILIUM],
      });
      // The Gateway's wildcard certificate is issued outside this repository.
      declareExternal(chart, { secrets: [{ namespace: routes.gatewayNamespace, name: `${routes.gatewayName}-tls` }] });
      return { localPool: edge[0].zfs.bulk, chart };
    }
    default:
      return { nodeLocalFast: true, chart: new ClusterChart(scope, 'lab', {
        site: inventory, hosts: lab,
        routes: traefik(),
        storage: { fast: { storageClassName: 'local-path' }, bulk: { storageClassName: 'nfs-csi', accessModes: ['ReadWriteMany'] } },
        gitops: flux({ interval: '1m' }),
        preinstalled: [{ source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }, { source: 'csi-driver-nfs', provides: { storageClasses: ['nfs-csi'] } }],
      }) };
  }
}

/** Builds cluster `cluster` of the fleet, with `apps`, under its site's construct. */
export function buildBenchCluster(scope: Construct, cluster: number, apps: readonly BenchApp[]): ClusterChart {
  const { chart, localPool, nodeLocalFast } = clusterChart(scope, cluster);
  for (const { index, version } of apps) {
    const name = `app-${String(index).padStart(5, '0')}`;
    // Every tenth app keeps its data on a node-local ZFS pool and is pinned to that pool's host.
    const pool = index % 10 === 0 ? localPool : undefined;
    new App(chart, name, {
      image: `registry.home.arpa/bench/${name}:${version}`,
      namespace: `team-${index % 20}`,
      ports: [{ name: 'http', port: 8000 + (index % 100) }],
      env: { TZ: 'Europe/Berlin', LOG_LEVEL: index % 3 === 0 ? 'debug' : 'info' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: pool ? 'bulk' : 'fast', size: `${1 + (index % 20)}Gi` }), mountPath: '/data' },
      },
      // A node-local volume keeps its pods on the node it was made on: such an app is pinned to one host.
      placement: pool ? { zfsPool: pool }
        : nodeLocalFast ? { host: chart.hosts[index % chart.hosts.length] }
        : { hosts: [...chart.hosts], preferredHost: chart.hosts[index % chart.hosts.length] },
      resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
      route: { host: name },
    });
  }
  return chart;
}

/** The fleet with `apps` apps, as a fleet definition: synth builds and writes it one cluster at a time. */
export function benchFleet(apps: number): FleetDefinition {
  return {
    clusters: Array.from({ length: BENCH_CLUSTERS }, (_, cluster): ClusterDefinition => ({
      folder: benchFolder(cluster),
      source: 'bench/fleet.ts',
      build: (scope) => buildBenchCluster(scope, cluster, benchApps(apps, cluster)),
    })),
  };
}

/** Adds the fleet with `apps` apps under `scope`, every cluster at once. */
export function defineFleet(scope: Construct, apps: number): void {
  buildFleet(scope, benchFleet(apps));
}
